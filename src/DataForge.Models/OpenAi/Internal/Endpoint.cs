using Microsoft.Extensions.AI;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>One base URL: its chat client, its completions URL and its in-flight limit.</summary>
internal sealed class Endpoint : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public Endpoint(Uri baseUrl, IChatClient chat, int maxConcurrency)
    {
        BaseUrl = baseUrl;
        CompletionsUrl = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/completions");
        Chat = chat;
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
    }

    public Uri BaseUrl { get; }

    public Uri CompletionsUrl { get; }

    public IChatClient Chat { get; }

    /// <summary>Runs one attempt once a slot is free; the attempt's token also fires after <paramref name="timeout"/>.</summary>
    public async Task<T> RunAsync<T>(Func<Endpoint, CancellationToken, Task<T>> attempt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            return await attempt(this, deadline.Token).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        Chat.Dispose();
        _slots.Dispose();
    }
}
