namespace DataForge.Models.OpenAi;

/// <summary>
/// An infrastructure failure: the server kept failing (429, 5xx, timeouts, resets, unreadable bodies)
/// after every retry, or refused the client itself (401, 403). It stops the step; a rerun resumes.
/// </summary>
public sealed class ModelUnavailableException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public ModelUnavailableException()
        : this("The model server is unavailable.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public ModelUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public ModelUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    private ModelUnavailableException(string message, Uri url, int? statusCode, int attempts, Exception? innerException)
        : base(message, innerException)
    {
        Url = url;
        StatusCode = statusCode;
        Attempts = attempts;
    }

    /// <summary>The URL of the last attempt.</summary>
    public Uri? Url { get; }

    /// <summary>The HTTP status of the last attempt; null when there was none (timeout, reset, unreadable body).</summary>
    public int? StatusCode { get; }

    /// <summary>Attempts made.</summary>
    public int Attempts { get; }

    /// <summary>Every attempt failed with a transient error.</summary>
    public static ModelUnavailableException RetriesExhausted(Uri url, int? statusCode, int attempts, string detail, Exception? last)
    {
        ArgumentNullException.ThrowIfNull(url);
        var status = statusCode is { } s ? $"HTTP {s}" : "no response";
        return new($"The model server at {url} failed {attempts} attempt(s); the last gave {status}: {detail}", url, statusCode, attempts, last);
    }

    /// <summary>The server refused the client itself (authentication, permission); retrying cannot help.</summary>
    public static ModelUnavailableException Refused(Uri url, int statusCode, string detail)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new($"The model server at {url} refused the client with HTTP {statusCode}: {detail}", url, statusCode, 1, null);
    }
}
