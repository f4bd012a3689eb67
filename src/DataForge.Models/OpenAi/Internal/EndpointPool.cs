using DataForge.Core.Work;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// The endpoints of a model. Each attempt goes to the admitted endpoint with the fewest attempts in
/// flight below its limit (ties: fewest sent so far, then the first configured), so a slow server
/// gets less and idle servers share evenly. Ejected endpoints get no attempts; their probes start when
/// an attempt is handed out after their cool-down. The last endpoint in rotation is never ejected
/// (see <see cref="Failed"/>); should every endpoint still be out, an attempt waits for one to be
/// re-admitted, up to <c>readmissionWait</c>, then fails naming every endpoint.
/// </summary>
internal sealed class EndpointPool(IReadOnlyList<Endpoint> endpoints, Func<Endpoint, Task<string?>> probe, TimeSpan readmissionWait, TimeProvider time) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly LinkedList<PoolWaiter> _waiting = [];

    public IReadOnlyList<Endpoint> Endpoints => endpoints;

    /// <summary>An endpoint with a free slot, its slot taken; other than <paramref name="avoid"/> while another is admitted.</summary>
    /// <exception cref="ModelUnavailableException">Every endpoint stayed ejected for the whole wait.</exception>
    public async Task<Endpoint> AcquireAsync(Endpoint? avoid, CancellationToken cancellationToken)
    {
        DateTimeOffset? allEjectedSince = null;
        while (true)
        {
            var waiter = new PoolWaiter(avoid);
            TimeSpan wake = Timeout.InfiniteTimeSpan;
            lock (_gate)
            {
                var now = time.GetUtcNow();
                StartDueProbes(now);
                if (Pick(avoid) is { } endpoint)
                {
                    return Take(endpoint);
                }

                if (!endpoints.Any(e => e.Health.IsAdmitted))
                {
                    allEjectedSince ??= now;
                    var left = allEjectedSince.Value + readmissionWait - now;
                    if (left <= TimeSpan.Zero)
                    {
                        throw ModelUnavailableException.AllEjected(readmissionWait, [.. endpoints.Select(e => (e.DisplayUrl, e.Health.LastError))]);
                    }

                    var due = endpoints.Where(e => !e.Health.Probing).Select(e => e.Health.EjectedUntil!.Value - now).DefaultIfEmpty(left).Min();
                    wake = due < left ? (due < TimeSpan.Zero ? TimeSpan.Zero : due) : left;
                }
                else
                {
                    allEjectedSince = null; // every slot taken: wait in line for one
                }

                waiter.Node = _waiting.AddLast(waiter);
            }

            using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                await Task.WhenAny(waiter.Handed.Task, Task.Delay(wake, time, timer.Token)).ConfigureAwait(false);
                await timer.CancelAsync().ConfigureAwait(false);
            }

            lock (_gate)
            {
                if (waiter.Handed.Task.IsCompleted && waiter.Handed.Task.Result is { } handed)
                {
                    return handed; // a cancelled caller gives it back through the attempt it then abandons
                }

                if (waiter.Node?.List is not null)
                {
                    _waiting.Remove(waiter.Node);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>True when an endpoint other than <paramref name="endpoint"/> is admitted.</summary>
    public bool AnotherAdmitted(Endpoint endpoint)
    {
        lock (_gate)
        {
            return endpoints.Any(e => e != endpoint && e.Health.IsAdmitted);
        }
    }

    /// <summary>The attempt was answered with a result.</summary>
    public void Succeeded(Endpoint endpoint, TimeSpan latency) => Complete(endpoint, e =>
    {
        e.Latency.Add(latency);
        e.Health.Answered();
    });

    /// <summary>The attempt failed as <paramref name="failure"/>; <paramref name="refused"/>: its connection was refused.</summary>
    public void Failed(Endpoint endpoint, Failure failure, bool refused) => Complete(endpoint, e =>
    {
        if (failure.Kind == FailureKind.Rejected)
        {
            e.Health.Answered(); // the server judged the request: it is up
            return;
        }

        e.Errors++;
        if (failure.Kind == FailureKind.Transient && failure.StatusCode is null or >= 500)
        {
            // The last endpoint in rotation is never ejected: with nowhere else to send, the retry backoff handles its failures.
            var last = !endpoints.Any(other => other != e && other.Health.IsAdmitted);
            e.Health.Failed(failure.StatusCode is { } s ? $"HTTP {s}: {failure.Detail}" : failure.Detail, refused && !last, time.GetUtcNow(), canEject: !last);
        }
        else if (failure.Kind == FailureKind.Refused)
        {
            e.Health.Answered();
        }
    });

    /// <summary>The attempt ended without an outcome to judge the server by (cancelled, or not the server's doing).</summary>
    public void Abandoned(Endpoint endpoint) => Complete(endpoint, _ => { });

    /// <summary>Each endpoint's counters so far.</summary>
    public IReadOnlyList<EndpointStats> Stats()
    {
        lock (_gate)
        {
            var total = endpoints.Sum(e => e.Sent);
            return [.. endpoints.Select(e => new EndpointStats(
                e.DisplayUrl,
                e.Sent,
                total == 0 ? 0 : Math.Round((double)e.Sent / total, 4),
                e.Errors,
                e.Health.Ejections,
                e.Latency.Mean is { } mean ? Math.Round(mean, 1) : null,
                e.Latency.Quantile(0.95) is { } p95 ? Math.Round(p95, 1) : null))];
        }
    }

    /// <summary>Every endpoint and its last error, for messages.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            return string.Join("; ", endpoints.Select(e => $"{e.DisplayUrl}: {(e.Health.IsAdmitted ? "in rotation" : "ejected")}, {e.Health.LastError ?? "no error"}"));
        }
    }

    public void Dispose()
    {
        foreach (var endpoint in endpoints)
        {
            endpoint.Dispose();
        }
    }

    private Endpoint? Pick(Endpoint? avoid)
    {
        var skip = avoid is not null && endpoints.Any(e => e != avoid && e.Health.IsAdmitted) ? avoid : null;
        Endpoint? best = null;
        foreach (var e in endpoints)
        {
            if (e == skip || !e.Health.IsAdmitted || e.Outstanding >= e.MaxConcurrency)
            {
                continue;
            }

            if (best is null || e.Outstanding < best.Outstanding || (e.Outstanding == best.Outstanding && e.Sent < best.Sent))
            {
                best = e;
            }
        }

        return best;
    }

    private void StartDueProbes(DateTimeOffset now)
    {
        foreach (var endpoint in endpoints.Where(e => e.Health.StartProbe(now)))
        {
            _ = ProbeAsync(endpoint);
        }
    }

    private async Task ProbeAsync(Endpoint endpoint)
    {
        string? failure;
        try
        {
            failure = await probe(endpoint).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A probe that breaks in any way is a failed probe, never a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e.Message;
        }

        lock (_gate)
        {
            endpoint.Health.Probed(failure, time.GetUtcNow());
            Signal();
        }
    }

    private void Complete(Endpoint endpoint, Action<Endpoint> record)
    {
        lock (_gate)
        {
            endpoint.Outstanding--;
            record(endpoint);
            Signal();
        }
    }

    private static Endpoint Take(Endpoint endpoint)
    {
        endpoint.Outstanding++;
        endpoint.Sent++;
        return endpoint;
    }

    // Something changed: hand free slots to the waiting requests in arrival order; when every endpoint
    // is ejected, wake them all to time their wait for a re-admission.
    private void Signal()
    {
        var allEjected = !endpoints.Any(e => e.Health.IsAdmitted);
        for (var node = _waiting.First; node is not null;)
        {
            var next = node.Next;
            if (allEjected)
            {
                _waiting.Remove(node);
                node.Value.Handed.TrySetResult(null);
            }
            else if (Pick(node.Value.Avoid) is { } endpoint)
            {
                _waiting.Remove(node);
                node.Value.Handed.TrySetResult(Take(endpoint));
            }

            node = next;
        }
    }
}
