using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DataForge.Serving.Tests.Support;

/// <summary>
/// An HTTP handler standing in for a fleet of OpenAI-compatible servers, one <see cref="FakeServer"/>
/// per host and port: each answers raw completions with <c>ok</c> and <c>GET /models</c> probes, or
/// refuses connections, or answers 500, or holds requests until released.
/// </summary>
public sealed class FleetHandler : HttpMessageHandler
{
    private readonly Dictionary<string, FakeServer> _servers = new(StringComparer.Ordinal);

    /// <summary>Base URLs <c>http://127.0.0.1:{9001+i}/v1</c> for <paramref name="count"/> servers, all up.</summary>
    public FleetHandler(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var url = new Uri($"http://127.0.0.1:{9001 + i}/v1");
            _servers[url.Authority] = new FakeServer(url);
        }

        Servers = [.. _servers.Values];
    }

    public IReadOnlyList<FakeServer> Servers { get; }

    public IReadOnlyList<Uri> Urls => [.. Servers.Select(s => s.Url)];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var server = _servers[request.RequestUri!.Authority];
        var probe = request.Method == HttpMethod.Get;
        server.Arrived(probe);
        try
        {
            switch (server.Mode)
            {
                case ServerMode.Refusing:
                    throw new HttpRequestException(HttpRequestError.ConnectionError, $"Connection refused ({request.RequestUri.Authority})", new SocketException((int)SocketError.ConnectionRefused));
                case ServerMode.Failing:
                    return Json(HttpStatusCode.InternalServerError, "{\"error\":{\"message\":\"injected 500\"}}");
            }

            if (!probe)
            {
                await server.Gate.WaitAsync(cancellationToken);
            }

            return probe
                ? Json(HttpStatusCode.OK, "{\"object\":\"list\",\"data\":[{\"id\":\"fake\",\"object\":\"model\"}]}")
                : Json(HttpStatusCode.OK, "{\"choices\":[{\"index\":0,\"text\":\"ok\",\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1}}");
        }
        finally
        {
            server.Left(probe);
        }
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body)
        => new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
