namespace DataForge.Models.OpenAi.Internal;

/// <summary>A non-success HTTP answer on the raw completions path; the retry loop classifies it.</summary>
internal sealed class EndpointHttpException(int statusCode, TimeSpan? retryAfter, string serverMessage)
    : Exception($"HTTP {statusCode}: {serverMessage}")
{
    public int StatusCode { get; } = statusCode;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public string ServerMessage { get; } = serverMessage;
}
