using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DataForge.Review.Server;

/// <summary>
/// The review web server behind <c>dataforge review</c>: Kestrel on the given address (loopback by
/// default), server-rendered pages, one script and one style sheet, and the verdicts API. Quiet: it logs nothing.
/// </summary>
public sealed class ReviewServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReviewServer(WebApplication app, Uri uri, string? token)
    {
        _app = app;
        Uri = uri;
        Token = token;
    }

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:8182/</c>.</summary>
    public Uri Uri { get; }

    /// <summary>The access token requests need, or null when none is (loopback without <c>--token</c>).</summary>
    public string? Token { get; }

    /// <summary>The address to open: <see cref="Uri"/>, with <c>?token=</c> when a token is needed.</summary>
    public string OpenUrl => Token is null ? Uri.ToString() : $"{Uri}?token={Uri.EscapeDataString(Token)}";

    /// <summary>
    /// Starts serving <paramref name="target"/>; returns once the port is bound. The default run's
    /// index is built (or checked) first, so the first page is quick.
    /// </summary>
    public static async Task<ReviewServer> StartAsync(ReviewTarget target, ReviewServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        var address = Address(options.Host);
        var loopback = IPAddress.IsLoopback(address);
        var token = options.Token ?? (loopback ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var state = new ReviewState(target, options);
        await state.IndexAsync(target.Runs[0]).WaitAsync(cancellationToken).ConfigureAwait(false);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(address, options.Port);
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        ReviewSecurity.Use(app, token, loopback);
        ReviewRoutes.Map(app, state);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new ReviewServer(app, new Uri($"http://{UriHost(options.Host, address)}:{BoundPort(app)}/"), token);
    }

    /// <summary>Stops accepting requests; returns once running handlers are done or <paramref name="cancellationToken"/> fires.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    /// <summary>Stops and releases the server.</summary>
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static IPAddress Address(string host)
        => host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var ip) ? ip
            : throw new ArgumentException($"--host {host}: not an IP address (use 127.0.0.1, 0.0.0.0, ::1 or an address of this machine)", nameof(host));

    private static string UriHost(string host, IPAddress address)
        => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : host;

    private static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First()).Port;
    }
}
