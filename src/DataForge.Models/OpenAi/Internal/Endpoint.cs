using Microsoft.Extensions.AI;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// One base URL of a model: its chat client and URLs, and what the pool knows of it (requests in
/// flight, health, counters). The mutable members are read and written under the pool's lock only.
/// </summary>
internal sealed class Endpoint(Uri baseUrl, IChatClient chat, int maxConcurrency, EndpointHealth health) : IDisposable
{
    public Uri BaseUrl { get; } = baseUrl;

    public Uri CompletionsUrl { get; } = new(baseUrl.AbsoluteUri.TrimEnd('/') + "/completions");

    public Uri ModelsUrl { get; } = new(baseUrl.AbsoluteUri.TrimEnd('/') + "/models");

    public IChatClient Chat { get; } = chat;

    public int MaxConcurrency { get; } = maxConcurrency;

    public EndpointHealth Health { get; } = health;

    public LatencyHistogram Latency { get; } = new();

    /// <summary>Attempts in flight.</summary>
    public int Outstanding { get; set; }

    /// <summary>Attempts sent.</summary>
    public long Sent { get; set; }

    /// <summary>Attempts that failed (see <see cref="Core.Work.EndpointStats.Errors"/>).</summary>
    public long Errors { get; set; }

    /// <summary>Runs one attempt; its token also fires after <paramref name="timeout"/>.</summary>
    public async Task<T> RunAsync<T>(Func<Endpoint, CancellationToken, Task<T>> attempt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        return await attempt(this, deadline.Token).ConfigureAwait(false);
    }

    /// <summary>The base URL as the manifest and messages show it: without user name or password.</summary>
    public string DisplayUrl => BaseUrl.UserInfo.Length == 0 ? BaseUrl.AbsoluteUri : new UriBuilder(BaseUrl) { UserName = "", Password = "" }.Uri.AbsoluteUri;

    public void Dispose() => Chat.Dispose();
}
