using System.Net;
using System.Text;

namespace DataForge.Serving.Tests.Support;

/// <summary>An HTTP handler answering each request body with a scripted status and JSON body; keeps the bodies.</summary>
public sealed class StubHandler(Func<string, (int Status, string Body)> answer) : HttpMessageHandler
{
    private readonly List<string> _bodies = [];

    public IReadOnlyList<string> Bodies
    {
        get
        {
            lock (_bodies)
            {
                return [.. _bodies];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_bodies)
        {
            _bodies.Add(body);
        }

        var (status, json) = answer(body);
        return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
