using System.Net;
using DataForge.Core.Seams;
using DataForge.Serving.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DataForge.Serving;

/// <summary>
/// An OpenAI-compatible HTTP server over any <see cref="ILanguageModel"/>: <c>GET /v1/models</c>,
/// <c>POST /v1/chat/completions</c> (with SSE streaming) and <c>POST /v1/completions</c> (raw prompts;
/// <c>echo</c> with <c>logprobs</c> scores the prompt). Quiet: it logs nothing.
/// </summary>
/// <remarks>
/// The model is called for one request at a time (models need not be thread-safe), the others
/// waiting in arrival order, at most <see cref="ModelServerOptions.MaxWaitingRequests"/> of them;
/// one more gets HTTP 503 with <c>Retry-After</c>. A client that goes away has its model call
/// cancelled. Responses are deterministic for a deterministic model (<c>created</c> is 0, ids hash
/// the request body). Errors carry an OpenAI-style <c>{"error": {message, type, param, code}}</c>:
/// 400 for a malformed request (not UTF-8, not JSON, a bad member) or one that does not fit the
/// model's context (code <c>context_length_exceeded</c>), 413 for a body over
/// <see cref="ModelServerOptions.MaxRequestBodyBytes"/>, 503 when the queue is full or the server stops.
/// </remarks>
public sealed class ModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ModelGate _gate;

    private ModelServer(WebApplication app, ModelGate gate, Uri uri)
    {
        _app = app;
        _gate = gate;
        Uri = uri;
    }

    /// <summary>
    /// The member of each <c>/v1/models</c> entry that holds the served weights' identity
    /// (<see cref="ILanguageModel.Identity"/>, e.g. <c>tiny@0123456789abcdef</c>): clients key caches by it.
    /// </summary>
    public const string IdentityField = "dataforge_identity";

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:8181/</c>; clients use <c>{Uri}v1</c> as their base URL.</summary>
    public Uri Uri { get; }

    /// <summary>Starts serving <paramref name="model"/>; returns once the port is bound.</summary>
    public static async Task<ModelServer> StartAsync(ILanguageModel model, ModelServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(Address(options.Host), options.Port);
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var gate = new ModelGate(model, options.MaxWaitingRequests);
        ServerRoutes.Map(app, gate, options);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A port already in use, or a cancelled start: release what was built, keep the error.
            await app.DisposeAsync().ConfigureAwait(false);
            gate.Dispose();
            throw;
        }

        return new ModelServer(app, gate, new Uri($"http://{UriHost(options.Host)}:{BoundPort(app)}/"));
    }

    /// <summary>
    /// Stops accepting requests and cancels the model call in progress and the waiting requests (they
    /// get HTTP 503); returns once the running handlers are done, or when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _gate.Stop();
        return _app.StopAsync(cancellationToken);
    }

    /// <summary>Stops the server (as <see cref="StopAsync"/> does) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        _gate.Stop();
        await _app.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private static IPAddress Address(string host)
        => host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.Parse(host);

    private static string UriHost(string host)
        => IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : host;

    private static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First()).Port;
    }
}
