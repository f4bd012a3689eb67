using DataForge.Core.Seams;
namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// Runs one request with the retry policy: each attempt goes to the next endpoint (round-robin)
/// within its in-flight limit and timeout; transient failures wait (backoff or Retry-After) and
/// retry up to the limit; rejections and refusals end at once.
/// </summary>
internal sealed class RetryingExecutor(EndpointPool pool, OpenAiModelOptions options, TimeProvider time)
{
    private readonly Backoff _backoff = new(options.BackoffBase, options.BackoffMax, options.JitterSeed);

    public async Task<T> RunAsync<T>(Func<Endpoint, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            var endpoint = pool.Next();
            Failure failure;
            try
            {
                return await endpoint.RunAsync(attempt, options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && Failure.Classify(error, time.GetUtcNow()) is { } classified)
            {
                failure = classified;
                ThrowIfFinal(failure, error, endpoint, retry);
            }

            await Task.Delay(_backoff.Delay(retry, failure.RetryAfter), time, cancellationToken).ConfigureAwait(false);
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
                throw ModelUnavailableException.RetriesExhausted(endpoint.BaseUrl, failure.StatusCode, retry + 1, failure.Detail, error);
        }
    }
}
