namespace DataForge.Models.OpenAi.Internal;

/// <summary>A request waiting in line at the <see cref="EndpointPool"/> for a free slot or a re-admission.</summary>
internal sealed class PoolWaiter(Endpoint? avoid)
{
    /// <summary>The endpoint it should not be handed while another is admitted (the one that just failed it).</summary>
    public Endpoint? Avoid { get; } = avoid;

    /// <summary>The endpoint handed over (its slot taken), or null: look again.</summary>
    public TaskCompletionSource<Endpoint?> Handed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Its place in the line.</summary>
    public LinkedListNode<PoolWaiter>? Node { get; set; }
}
