using DataForge.Core.Options;

namespace DataForge.Models.OpenAi;

/// <summary>Settings of an <see cref="OpenAiLanguageModel"/>: where the servers are and how hard to try.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>option</term><description>default</description></listheader>
/// <item><term><see cref="BaseUrls"/></term><description>required: one or more base URLs ending in <c>/v1</c> (a fleet: least outstanding requests first)</description></item>
/// <item><term><see cref="Model"/></term><description>required: the model name sent with every request</description></item>
/// <item><term><see cref="ApiKey"/></term><description>none (the caller reads it from the environment variable the pipeline names)</description></item>
/// <item><term><see cref="RequestTimeout"/></term><description>5 minutes per attempt</description></item>
/// <item><term><see cref="MaxRetries"/></term><description>5</description></item>
/// <item><term><see cref="MaxConcurrencyPerEndpoint"/></term><description>4 requests in flight per base URL</description></item>
/// <item><term><see cref="BackoffBase"/>, <see cref="BackoffMax"/></term><description>0.5 s, 30 s (exponential, full jitter)</description></item>
/// <item><term><see cref="EjectAfterFailures"/></term><description>3 failures in a row (no answer, 5xx) take a URL out of the rotation; a refused connection at once</description></item>
/// <item><term><see cref="EjectionCoolDown"/>, <see cref="MaxEjectionCoolDown"/></term><description>1 s, 30 s: before the first probe of an ejected URL, doubled per ejection in a row</description></item>
/// <item><term><see cref="JitterSeed"/></term><description>0 (jitter only changes timing, never results)</description></item>
/// </list>
/// </remarks>
public sealed record OpenAiModelOptions
{
    /// <summary>Base URLs of OpenAI-compatible servers (e.g. <c>http://127.0.0.1:8000/v1</c>); absolute http or https.</summary>
    public required IReadOnlyList<Uri> BaseUrls
    {
        get;
        init => field = ValidateUrls(value);
    }

    /// <summary>The model name sent in every request (e.g. <c>Qwen/Qwen2.5-7B-Instruct</c>).</summary>
    public required string Model { get; init => field = Require.NotBlank(value, nameof(Model)); }

    /// <summary>
    /// The model's identity in cache keys and provenance; null: <c>openai:</c> and the model name. Set it
    /// from what the server reports (<see cref="OpenAiIdentityProbe"/>) or from the user's revision, so
    /// other weights served under the same name never reuse cached results.
    /// </summary>
    public string? Identity { get; init; }

    /// <summary>Bearer token, or null for servers that need none. Never read from a file; never printed.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Time allowed for one attempt (waiting for a free slot not included); also the longest a request
    /// waits for a server to come back when every base URL is ejected.
    /// </summary>
    public TimeSpan RequestTimeout { get; init => field = Require.Positive(value, nameof(RequestTimeout)); } = TimeSpan.FromMinutes(5);

    /// <summary>Retries after the first attempt for transient failures (429, 5xx, timeouts, resets, bad bodies).</summary>
    public int MaxRetries { get; init => field = Require.AtLeast(value, 0, nameof(MaxRetries)); } = 5;

    /// <summary>Most requests in flight to one base URL.</summary>
    public int MaxConcurrencyPerEndpoint { get; init => field = Require.AtLeast(value, 1, nameof(MaxConcurrencyPerEndpoint)); } = 4;

    /// <summary>Backoff before the first retry, doubled for each further one (before jitter).</summary>
    public TimeSpan BackoffBase { get; init => field = Require.Positive(value, nameof(BackoffBase)); } = TimeSpan.FromMilliseconds(500);

    /// <summary>Ceiling of the backoff before jitter.</summary>
    public TimeSpan BackoffMax { get; init => field = Require.Positive(value, nameof(BackoffMax)); } = TimeSpan.FromSeconds(30);

    /// <summary>Failures in a row (no answer, 5xx) that take a base URL out of the rotation; a refused connection does at once.</summary>
    public int EjectAfterFailures { get; init => field = Require.AtLeast(value, 1, nameof(EjectAfterFailures)); } = 3;

    /// <summary>How long an ejected base URL stays out before it is probed (<c>GET /models</c>); doubled for each ejection without a success in between.</summary>
    public TimeSpan EjectionCoolDown { get; init => field = Require.Positive(value, nameof(EjectionCoolDown)); } = TimeSpan.FromSeconds(1);

    /// <summary>Ceiling of the cool-down.</summary>
    public TimeSpan MaxEjectionCoolDown { get; init => field = Require.Positive(value, nameof(MaxEjectionCoolDown)); } = TimeSpan.FromSeconds(30);

    /// <summary>Seed of the jitter generator.</summary>
    public int JitterSeed { get; init; }

    /// <summary>A description without the API key.</summary>
    public override string ToString()
        => $"{nameof(OpenAiModelOptions)} {{ Model = {Model}, BaseUrls = [{string.Join(", ", BaseUrls)}], ApiKey = {(ApiKey is null ? "none" : "set")} }}";

    private static IReadOnlyList<Uri> ValidateUrls(IReadOnlyList<Uri> value)
    {
        ArgumentNullException.ThrowIfNull(value, nameof(BaseUrls));
        if (value.Count == 0)
        {
            throw new ArgumentException($"{nameof(BaseUrls)} needs at least one URL.", nameof(value));
        }

        foreach (var url in value)
        {
            if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"{nameof(BaseUrls)}: '{url}' is not an absolute http or https URL.", nameof(value));
            }
        }

        return [.. value];
    }
}
