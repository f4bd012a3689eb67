using System.Net.Http.Headers;
using System.Net.Sockets;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// Asks an ejected endpoint whether it is back: <c>GET {url}/models</c>. Any HTTP answer below 500
/// means a server is there (one without <c>/models</c> answers 404, and that is enough); a 5xx, a
/// refused or reset connection or no answer in time is a failure, described for messages.
/// </summary>
internal sealed class HealthProbe(HttpClient http, string? apiKey, TimeSpan timeout)
{
    /// <summary>The longest one probe may take.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Null when the server answered; else what went wrong.</summary>
    public async Task<string?> ProbeAsync(Endpoint endpoint)
    {
        var limit = timeout < MaxTimeout ? timeout : MaxTimeout;
        using var deadline = new CancellationTokenSource(limit);
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.ModelsUrl);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            return (int)response.StatusCode >= 500 ? $"probe: HTTP {(int)response.StatusCode}" : null;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return $"probe: no answer within {limit.TotalSeconds:0.#} s";
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return $"probe: {e.Message}";
        }
    }

    /// <summary>True when <paramref name="error"/> (or an exception inside it) is a refused connection: nobody listens there.</summary>
    public static bool IsConnectionRefused(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }
}
