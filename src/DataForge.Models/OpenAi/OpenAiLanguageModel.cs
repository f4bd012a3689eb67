using DataForge.Core.Seams;
using DataForge.Core.Work;
using DataForge.Models.OpenAi.Internal;

namespace DataForge.Models.OpenAi;

/// <summary>
/// The <c>openai</c> backend: an <see cref="ILanguageModel"/> over one or more OpenAI-compatible
/// servers (vLLM, llama.cpp server, Ollama, TGI, <c>dataforge serve</c>).
/// </summary>
/// <remarks>
/// <para>Chat requests go to <c>/chat/completions</c> through Microsoft.Extensions.AI's
/// <c>IChatClient</c>; raw prompts and scoring go to <c>/completions</c> (scoring echoes context +
/// continuation with <c>logprobs</c>, asking for 0 new tokens, or 1 where 0 is refused). <c>top_k</c>
/// is sent as an extra member when above 0; the seed is sent as a signed 64-bit integer (two's complement).</para>
/// <para>Requests of a batch run concurrently. Several base URLs make a fleet: each attempt goes to
/// the URL with the fewest requests in flight below <see cref="OpenAiModelOptions.MaxConcurrencyPerEndpoint"/>
/// (ties: the one sent the fewest, then the first listed); results come back in request order. A URL
/// that fails <see cref="OpenAiModelOptions.EjectAfterFailures"/> times in a row (no answer, 5xx), or
/// refuses the connection, is ejected for a cool-down, then probed (<c>GET /models</c>) and re-admitted
/// when it answers; a request that failed there is retried at once on another URL. When every URL is
/// ejected a request waits up to <see cref="OpenAiModelOptions.RequestTimeout"/> for one to come back.
/// Transient failures (429, 5xx, timeouts, resets, unreadable bodies) are retried with exponential
/// backoff and full jitter, or after the server's <c>Retry-After</c>, then raise
/// <see cref="ModelUnavailableException"/>. HTTP 400, 404, 413 and 422 raise
/// <see cref="ModelRequestRejectedException"/> at once. <see cref="EndpointStats"/> counts per URL.</para>
/// <para>With a cache, every request is stored under a hash of (<see cref="Identity"/>, operation,
/// canonical request), rejections included, so a rerun sends nothing twice. Results never depend on
/// timing, jitter or which URL answered.</para>
/// </remarks>
public sealed class OpenAiLanguageModel : ILanguageModel, IEndpointStatsSource, IDisposable
{
    private readonly HttpClient _http;
    private readonly EndpointPool _pool;
    private readonly CompletionsClient _completions;
    private readonly CachedCalls _calls;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Servers, model name, key and retry policy.</param>
    /// <param name="cache">Where results are kept across runs; null for none.</param>
    /// <param name="handler">The HTTP handler to send through (tests); null for a default one. Not disposed here.</param>
    public OpenAiLanguageModel(OpenAiModelOptions options, IResultCache? cache = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Pooled connections are renewed now and then, so a fleet behind DNS is re-resolved.
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        var probe = new HealthProbe(_http, options.ApiKey, options.RequestTimeout);
        _pool = new EndpointPool([.. options.BaseUrls.Select(url => CreateEndpoint(url, options))], probe.ProbeAsync, options.RequestTimeout, TimeProvider.System);
        _completions = new CompletionsClient(_http, options.Model, options.ApiKey, TimeProvider.System);
        Identity = options.Identity ?? $"openai:{options.Model}";
        _calls = new CachedCalls(cache, Identity, new RetryingExecutor(_pool, options, TimeProvider.System));
    }

    /// <summary><see cref="OpenAiModelOptions.Identity"/>, or <c>openai:</c> followed by the model name.</summary>
    public string Identity { get; }

    /// <inheritdoc/>
    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            if (request?.Messages is null && request?.Prompt is null)
            {
                throw new ArgumentException("Each request needs messages or a prompt.", nameof(requests));
            }
        }

        return Batch.RunAsync(requests, GenerateOneAsync, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Any(r => r is null))
        {
            throw new ArgumentException("A score request is null.", nameof(requests));
        }

        return Batch.RunAsync(requests, ScoreOneAsync, cancellationToken);
    }

    /// <summary>Per base URL, in the order given: attempts sent, errors, ejections and latency so far.</summary>
    public IReadOnlyList<EndpointStats> EndpointStats() => _pool.Stats();

    /// <summary>Releases the HTTP client and the endpoints.</summary>
    public void Dispose()
    {
        _pool.Dispose();
        _http.Dispose();
    }

    private Task<GenerationResult> GenerateOneAsync(GenerationRequest request, CancellationToken cancellationToken)
        => request.Messages is not null
            ? _calls.RunAsync("chat", CacheKeys.Canonical(request), ResultCodecs.Generation, (e, ct) => ChatCalls.GenerateAsync(e, request, ct), cancellationToken)
            : _calls.RunAsync("completion", CacheKeys.Canonical(request), ResultCodecs.Generation, (e, ct) => _completions.GenerateAsync(e, request, ct), cancellationToken);

    private Task<ScoreResult> ScoreOneAsync(ScoreRequest request, CancellationToken cancellationToken)
        => _calls.RunAsync("score", CacheKeys.Canonical(request), ResultCodecs.Score, (e, ct) => _completions.ScoreAsync(e, request, ct), cancellationToken);

    private Endpoint CreateEndpoint(Uri url, OpenAiModelOptions options)
    {
        var baseUrl = new Uri(url.AbsoluteUri.TrimEnd('/'));
        var health = new EndpointHealth(options.EjectAfterFailures, options.EjectionCoolDown, options.MaxEjectionCoolDown);
        return new Endpoint(baseUrl, ChatCalls.Create(baseUrl, options.Model, options.ApiKey, _http), options.MaxConcurrencyPerEndpoint, health);
    }
}
