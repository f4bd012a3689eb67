namespace DataForge.Serving.Tests.Support;

/// <summary>One server of a <see cref="FleetHandler"/>: how it behaves, and what reached it.</summary>
public sealed class FakeServer(Uri url)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _released = CompletedSource();
    private int _requests;
    private int _probes;
    private int _inFlight;

    public Uri Url { get; } = url;

    public ServerMode Mode { get; set; } = ServerMode.Up;

    /// <summary>Model requests received (probes not included).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Probes received (<c>GET /models</c>).</summary>
    public int Probes => Volatile.Read(ref _probes);

    /// <summary>Model requests received and not yet answered.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Runs when a probe arrives, before it is answered (tests change <see cref="Mode"/> here).</summary>
    public Action<FakeServer>? OnProbe { get; set; }

    /// <summary>Completes when held requests may be answered.</summary>
    public Task Gate
    {
        get
        {
            lock (_gate)
            {
                return _released.Task;
            }
        }
    }

    /// <summary>From now on, model requests wait until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Answers the held requests and stops holding.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _released.TrySetResult();
        }
    }

    internal void Arrived(bool probe)
    {
        if (probe)
        {
            Interlocked.Increment(ref _probes);
            OnProbe?.Invoke(this);
            return;
        }

        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _inFlight);
    }

    internal void Left(bool probe)
    {
        if (!probe)
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }
}

/// <summary>How a <see cref="FakeServer"/> answers.</summary>
public enum ServerMode
{
    /// <summary>Answers.</summary>
    Up,

    /// <summary>Refuses connections (nobody listens).</summary>
    Refusing,

    /// <summary>Answers 500.</summary>
    Failing,
}
