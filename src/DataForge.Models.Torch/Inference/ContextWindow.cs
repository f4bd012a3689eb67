using DataForge.Core.Seams;

namespace DataForge.Models.Torch.Inference;

/// <summary>
/// A model's context: a request longer than it is refused (the step drops the record as
/// <c>context_too_long</c>), never truncated, and generation stops at its end (finish reason "length").
/// </summary>
internal readonly record struct ContextWindow(string Model, int Length)
{
    /// <summary>Throws for the first of <paramref name="lengths"/> over the context, naming its request index.</summary>
    public void Check(IEnumerable<int> lengths, int firstIndex)
    {
        foreach (var (length, i) in lengths.Select((l, i) => (l, i)))
        {
            if (length > Length)
            {
                throw ModelRequestRejectedException.ContextTooLong(Model, length, Length).AtIndex(firstIndex + i);
            }
        }
    }

    /// <summary>The new tokens a request may have: what it asked for, up to the room the prompt leaves.</summary>
    public int NewTokens(int maxTokens, int promptTokens) => Math.Min(maxTokens, Length - promptTokens);
}
