using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>A failed attempt, classified.</summary>
internal sealed record Failure(FailureKind Kind, int? StatusCode, TimeSpan? RetryAfter, string Detail)
{
    /// <summary>The failure an exception stands for; null for exceptions that are not the server's doing (bugs, capability errors).</summary>
    public static Failure? Classify(Exception error, DateTimeOffset now) => error switch
    {
        EndpointHttpException http => FromStatus(http.StatusCode, http.RetryAfter, http.ServerMessage),
        ClientResultException { Status: > 0 } client => FromClientResult(client, now),
        OperationCanceledException => new(FailureKind.Transient, null, null, "no answer before the request timeout"),
        ClientResultException or HttpRequestException or IOException or JsonException or InvalidDataException or TimeoutException
            => new(FailureKind.Transient, null, null, error.Message),
        _ => null,
    };

    private static Failure FromStatus(int status, TimeSpan? retryAfter, string message) => status switch
    {
        400 or 404 or 413 or 422 => new(FailureKind.Rejected, status, null, message),
        408 or 409 or 425 or 429 or >= 500 => new(FailureKind.Transient, status, retryAfter, message),
        _ => new(FailureKind.Refused, status, null, message),
    };

    private static Failure FromClientResult(ClientResultException error, DateTimeOffset now)
    {
        var response = error.GetRawResponse();
        string? retryAfter = null;
        response?.Headers.TryGetValue("Retry-After", out retryAfter);
        var body = response is null ? null : SafeContent(response);
        return FromStatus(error.Status, RetryAfterParser.Parse(retryAfter, now), ErrorBody.MessageOf(body));
    }

    private static string? SafeContent(PipelineResponse response)
    {
        try
        {
            return response.Content.ToString();
        }
        catch (InvalidOperationException)
        {
            // The body was not buffered (a streamed response); the status alone must do.
            return null;
        }
    }
}
