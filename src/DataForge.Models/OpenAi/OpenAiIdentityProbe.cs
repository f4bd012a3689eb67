using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DataForge.Core.Diagnostics;
using DataForge.Models.OpenAi.Internal;

namespace DataForge.Models.OpenAi;

/// <summary>
/// Asks each server of an <c>openai</c> model which weights it serves: the <c>dataforge_identity</c>
/// member of the model's object in <c>GET /v1/models</c> (<c>dataforge serve</c> sends it). A server
/// without <c>/v1/models</c> or without that member reports nothing; that is not an error.
/// </summary>
/// <remarks>
/// Each URL is asked once, with the model's retry policy for transient failures and an attempt
/// timeout of at most <see cref="MaxAttemptTimeout"/>. A server still unreachable after the retries
/// raises <see cref="ModelUnavailableException"/>; servers that report different weights raise
/// <see cref="DataForgeConfigException"/> (one model name must mean one set of weights).
/// </remarks>
public static class OpenAiIdentityProbe
{
    /// <summary>The longest one attempt may take.</summary>
    public static readonly TimeSpan MaxAttemptTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The identity every server reports, or null when none reports one.</summary>
    /// <param name="options">The model's servers, name, key and retry policy.</param>
    /// <param name="handler">The HTTP handler to send through (tests); null for a default one. Not disposed here.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<string?> ResolveAsync(OpenAiModelOptions options, HttpMessageHandler? handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout.InfiniteTimeSpan;
        var reports = new List<(Uri Url, string? Identity)>();
        foreach (var url in options.BaseUrls)
        {
            reports.Add((url, await AskAsync(http, url, options, cancellationToken).ConfigureAwait(false)));
        }

        var identities = reports.Select(r => r.Identity).Distinct(StringComparer.Ordinal).ToList();
        return identities.Count switch
        {
            1 => identities[0],
            _ => throw new DataForgeConfigException(
                $"the servers of model '{options.Model}' report different weights ({string.Join(", ", reports.Select(r => $"{r.Url}: {r.Identity ?? "none"}"))}); serve the same weights at every URL, or list only one"),
        };
    }

    private static async Task<string?> AskAsync(HttpClient http, Uri baseUrl, OpenAiModelOptions options, CancellationToken cancellationToken)
    {
        var url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/models");
        var backoff = new Backoff(options.BackoffBase, options.BackoffMax, options.JitterSeed);
        var timeout = options.RequestTimeout < MaxAttemptTimeout ? options.RequestTimeout : MaxAttemptTimeout;
        for (var retry = 0; ; retry++)
        {
            string detail;
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(timeout);
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (options.ApiKey is { } key)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }

                using var response = await http.SendAsync(request, attempt.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(attempt.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return IdentityIn(body, options.Model);
                }

                if (!IsTransient(response.StatusCode))
                {
                    return null; // no /v1/models here (404), or not for us to read: nothing reported
                }

                detail = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or IOException or OperationCanceledException)
            {
                detail = e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : e.Message;
            }

            if (retry >= options.MaxRetries)
            {
                throw new ModelUnavailableException($"cannot reach {url} to learn which weights serve model '{options.Model}' ({detail}, {retry + 1} attempts); start the server or fix urls");
            }

            await Task.Delay(backoff.Delay(retry, null), cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status) => (int)status is 408 or 425 or 429 or >= 500;

    // The model's object in {"data": [...]}: the one whose id is the model name, or the only one.
    private static string? IdentityIn(string body, string model)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var entries = data.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList();
            var entry = entries.FirstOrDefault(e => e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == model);
            if (entry.ValueKind != JsonValueKind.Object && entries.Count == 1)
            {
                entry = entries[0];
            }

            return entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("dataforge_identity", out var identity) && identity.ValueKind == JsonValueKind.String && identity.GetString() is { Length: > 0 } text
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null; // not an OpenAI models list
        }
    }
}
