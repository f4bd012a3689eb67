namespace DataForge.Models.OpenAi;

/// <summary>
/// The server cannot score: it rejects <c>echo</c> with <c>logprobs</c> on <c>/v1/completions</c>, or
/// answers without log-probabilities. A configuration problem: use a server that supports it (vLLM,
/// <c>dataforge serve</c>) or a local backend for scoring steps.
/// </summary>
public sealed class ScoringNotSupportedException : NotSupportedException
{
    /// <summary>Creates an exception with a default message.</summary>
    public ScoringNotSupportedException()
        : this("The model server cannot score text.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public ScoringNotSupportedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public ScoringNotSupportedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    private ScoringNotSupportedException(Uri url, string detail)
        : base($"The model server at {url} cannot score text (it must support /v1/completions with echo and logprobs): {detail}")
    {
        Url = url;
    }

    /// <summary>The completions URL that was asked.</summary>
    public Uri? Url { get; }

    /// <summary>The server answered without log-probabilities.</summary>
    public static ScoringNotSupportedException NoLogProbs(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new(url, "the response has no logprobs");
    }

    /// <summary>The server rejected the echo/logprobs request.</summary>
    public static ScoringNotSupportedException Refused(Uri url, int statusCode, string serverMessage)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new(url, $"HTTP {statusCode}: {serverMessage}");
    }
}
