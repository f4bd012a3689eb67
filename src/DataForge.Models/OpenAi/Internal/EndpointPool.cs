namespace DataForge.Models.OpenAi.Internal;

/// <summary>The endpoints of a model, handed out round-robin, one per attempt.</summary>
internal sealed class EndpointPool(IReadOnlyList<Endpoint> endpoints) : IDisposable
{
    private long _turn = -1;

    public Endpoint Next()
    {
        var turn = (ulong)Interlocked.Increment(ref _turn);
        return endpoints[(int)(turn % (ulong)endpoints.Count)];
    }

    public void Dispose()
    {
        foreach (var endpoint in endpoints)
        {
            endpoint.Dispose();
        }
    }
}
