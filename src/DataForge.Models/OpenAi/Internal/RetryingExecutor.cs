using System.Diagnostics;
using DataForge.Core.Seams;
namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// Runs one request with the retry policy: each attempt goes to the endpoint the pool picks, within
/// the attempt timeout. After a failure that counts against the server (no answer, 5xx) the retry goes
/// at once to another endpoint in rotation; otherwise (the only one left, or 429) it waits (backoff or
/// Retry-After). Transient failures retry up to the limit; rejections and refusals end at once.
/// </summary>
internal sealed class RetryingExecutor(EndpointPool pool, OpenAiModelOptions options, TimeProvider time)
{
    private readonly Backoff _backoff = new(options.BackoffBase, options.BackoffMax, options.JitterSeed);

    public async Task<T> RunAsync<T>(Func<Endpoint, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        Endpoint? avoid = null;
        for (var retry = 0; ; retry++)
        {
            var endpoint = await pool.AcquireAsync(avoid, cancellationToken).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            var done = false;
            Failure failure;
            try
            {
                var result = await endpoint.RunAsync(attempt, options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                done = true;
                pool.Succeeded(endpoint, Stopwatch.GetElapsedTime(started));
                return result;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && Failure.Classify(error, time.GetUtcNow()) is { } classified)
            {
                failure = classified;
                done = true;
                pool.Failed(endpoint, failure, HealthProbe.IsConnectionRefused(error));
                ThrowIfFinal(failure, error, endpoint, retry);
            }
            finally
            {
                if (!done)
                {
                    pool.Abandoned(endpoint);
                }
            }

            avoid = failure.RetryAfter is null && failure.StatusCode is null or >= 500 ? endpoint : null;
            if (avoid is null || !pool.AnotherAdmitted(endpoint))
            {
                await Task.Delay(_backoff.Delay(retry, failure.RetryAfter), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void ThrowIfFinal(Failure failure, Exception error, Endpoint endpoint, int retry)
    {
        switch (failure.Kind)
        {
            case FailureKind.Rejected:
                throw ModelRequestRejectedException.Create(endpoint.BaseUrl, failure.StatusCode ?? 400, failure.Detail);
            case FailureKind.Refused:
                throw ModelUnavailableException.Refused(endpoint.BaseUrl, failure.StatusCode ?? 0, failure.Detail);
            case FailureKind.Transient when retry >= options.MaxRetries:
                throw ModelUnavailableException.RetriesExhausted(endpoint.BaseUrl, failure.StatusCode, retry + 1, failure.Detail, error, pool.Endpoints.Count > 1 ? pool.Describe() : null);
        }
    }
}
