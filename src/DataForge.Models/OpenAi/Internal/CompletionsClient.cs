using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DataForge.Core.Seams;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// Raw-prompt generation and scoring over <c>/v1/completions</c> with a plain <see cref="HttpClient"/>
/// (the OpenAI library has no echo/logprobs completions). One call is one attempt; the caller retries.
/// </summary>
internal sealed class CompletionsClient(HttpClient http, string model, string? apiKey, TimeProvider time)
{
    // Set once a server refused max_tokens = 0 and accepted 1: later scoring asks for 1 at once.
    private volatile bool _zeroTokensRefused;

    public async Task<GenerationResult> GenerateAsync(Endpoint endpoint, GenerationRequest request, CancellationToken cancellationToken)
    {
        using var doc = await PostAsync(endpoint.CompletionsUrl, CompletionBodies.Generation(model, request), cancellationToken).ConfigureAwait(false);
        var choice = JsonMembers.FirstChoice(doc.RootElement);
        var text = JsonMembers.Required(choice, "text");
        if (text.ValueKind != JsonValueKind.String)
        {
            throw new InvalidDataException("The choice's text is not a string.");
        }

        var usage = doc.RootElement.TryGetProperty("usage", out var u) ? u : default;
        return new GenerationResult(text.GetString()!, JsonMembers.String(choice, "finish_reason", "stop"), JsonMembers.Int(usage, "prompt_tokens"), JsonMembers.Int(usage, "completion_tokens"));
    }

    public async Task<ScoreResult> ScoreAsync(Endpoint endpoint, ScoreRequest request, CancellationToken cancellationToken)
    {
        using var doc = await PostScoringAsync(endpoint.CompletionsUrl, request.Context + request.Continuation, cancellationToken).ConfigureAwait(false);
        return ScoreParser.Parse(doc.RootElement, request, endpoint.CompletionsUrl);
    }

    private async Task<JsonDocument> PostScoringAsync(Uri url, string prompt, CancellationToken cancellationToken)
    {
        if (!_zeroTokensRefused)
        {
            try
            {
                return await PostAsync(url, CompletionBodies.Scoring(model, prompt, 0), cancellationToken).ConfigureAwait(false);
            }
            catch (EndpointHttpException e) when (e.StatusCode is 400 or 422)
            {
                // Many servers refuse max_tokens = 0: ask for one token, which the parser drops.
            }
        }

        try
        {
            var doc = await PostAsync(url, CompletionBodies.Scoring(model, prompt, 1), cancellationToken).ConfigureAwait(false);
            _zeroTokensRefused = true;
            return doc;
        }
        catch (EndpointHttpException e) when (e.StatusCode is 400 or 422 && RefusesScoring(e.ServerMessage))
        {
            throw ScoringNotSupportedException.Refused(url, e.StatusCode, e.ServerMessage);
        }
    }

    private static bool RefusesScoring(string message)
        => message.Contains("echo", StringComparison.OrdinalIgnoreCase) || message.Contains("logprob", StringComparison.OrdinalIgnoreCase);

    private async Task<JsonDocument> PostAsync(Uri url, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null;
            throw new EndpointHttpException((int)response.StatusCode, RetryAfterParser.Parse(retryAfter, time.GetUtcNow()), ErrorBody.MessageOf(Encoding.UTF8.GetString(bytes)));
        }

        return JsonDocument.Parse(bytes);
    }
}
