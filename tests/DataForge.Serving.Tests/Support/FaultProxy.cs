using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DataForge.Serving.Tests.Support;

/// <summary>
/// A reverse proxy on loopback in front of a model server that injects scripted faults, counts the
/// requests it receives and the most it held unanswered at once, and keeps their bodies. Health
/// probes (<c>GET /v1/models</c>) are counted apart and take no scripted fault; <see cref="Always"/>
/// applies to them too (a server that is down is down for probes as well).
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly ConcurrentQueue<Fault> _script = new();
    private readonly ConcurrentQueue<string> _bodies = new();
    private readonly HttpClient _upstream = new();
    private readonly Uri _target;
    private WebApplication? _app;
    private int _requests;
    private int _probes;
    private int _inFlight;
    private int _maxInFlight;

    private FaultProxy(Uri target) => _target = target;

    /// <summary>The base URL a client uses: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Model requests received (probes not included).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Health probes received (<c>GET /v1/models</c>).</summary>
    public int Probes => Volatile.Read(ref _probes);

    /// <summary>The most requests received and not yet answered at one time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>A fault applied to every request instead of the script; null for none.</summary>
    public Fault? Always { get; set; }

    /// <summary>Request bodies received, in arrival order.</summary>
    public IReadOnlyList<string> Bodies => [.. _bodies];

    /// <summary>Starts a proxy forwarding to the server at <paramref name="target"/> (its root URI).</summary>
    public static async Task<FaultProxy> StartAsync(Uri target, params Fault[] script)
    {
        var proxy = new FaultProxy(target);
        proxy.Enqueue(script);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        proxy._app = app;
        proxy.BaseUrl = new Uri($"{address.TrimEnd('/')}/v1");
        return proxy;
    }

    /// <summary>Queues faults for the next requests, in arrival order.</summary>
    public void Enqueue(params Fault[] faults)
    {
        foreach (var fault in faults)
        {
            _script.Enqueue(fault);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method))
        {
            Interlocked.Increment(ref _probes);
            await ProbeAsync(context);
            return;
        }

        Interlocked.Increment(ref _requests);
        var visit = new Visit(this);
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            _bodies.Enqueue(Encoding.UTF8.GetString(buffer.ToArray()));
            var fault = Always ?? (_script.TryDequeue(out var next) ? next : Fault.None);
            await ApplyAsync(context, fault, buffer.ToArray(), visit);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (a stall): nothing to answer.
        }
        finally
        {
            visit.Leave();
        }
    }

    private async Task ProbeAsync(HttpContext context)
    {
        var visit = new Visit(this);
        try
        {
            await ApplyAsync(context, Always ?? Fault.None, [], visit);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up on a stalled probe.
        }
        finally
        {
            visit.Leave();
        }
    }

    private async Task ApplyAsync(HttpContext context, Fault fault, byte[] body, Visit visit)
    {
        switch (fault.Kind)
        {
            case FaultKind.TooManyRequests:
                context.Response.Headers.RetryAfter = fault.RetryAfter;
                await ErrorAsync(context, 429, visit);
                break;
            case FaultKind.ServerError:
                await ErrorAsync(context, 500, visit);
                break;
            case FaultKind.BadRequest:
                await ErrorAsync(context, 400, visit);
                break;
            case FaultKind.Stall:
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                break;
            case FaultKind.Reset:
                visit.Leave();
                context.Abort();
                break;
            default:
                await ForwardAsync(context, fault.Kind, body, visit);
                break;
        }
    }

    private static async Task ErrorAsync(HttpContext context, int status, Visit visit)
    {
        var body = Encoding.UTF8.GetBytes($"{{\"error\":{{\"message\":\"injected {status}\",\"type\":\"injected\",\"code\":null}}}}");
        visit.Leave();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body);
    }

    private async Task ForwardAsync(HttpContext context, FaultKind kind, byte[] body, Visit visit)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target, $"{context.Request.Path}{context.Request.QueryString}"));
        if (context.Request.ContentType is { } contentType)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await _upstream.SendAsync(request, context.RequestAborted);
        var answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        visit.Leave();
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await WriteAsync(context, kind, answer);
    }

    private static async Task WriteAsync(HttpContext context, FaultKind kind, byte[] answer)
    {
        var half = answer.Length / 2;
        context.Response.ContentLength = kind == FaultKind.Garble ? half : answer.Length;
        await context.Response.Body.WriteAsync(answer.AsMemory(0, kind == FaultKind.None ? answer.Length : half));
        if (kind == FaultKind.Truncate)
        {
            await context.Response.Body.FlushAsync();
            context.Abort();
        }
    }

    // In flight = received and not yet answered; left before the answer goes out, so a client that
    // frees its slot on receiving the answer can never be counted twice.
    private sealed class Visit
    {
        private readonly FaultProxy _proxy;
        private int _left;

        public Visit(FaultProxy proxy)
        {
            _proxy = proxy;
            var now = Interlocked.Increment(ref proxy._inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref proxy._maxInFlight)) && Interlocked.CompareExchange(ref proxy._maxInFlight, now, seen) != seen)
            {
            }
        }

        public void Leave()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                Interlocked.Decrement(ref _proxy._inFlight);
            }
        }
    }
}
