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
    /// <param name="url">The URL of the last attempt.</param>
    /// <param name="statusCode">Its HTTP status; null when there was none.</param>
    /// <param name="attempts">Attempts made.</param>
    /// <param name="detail">What the last attempt gave.</param>
    /// <param name="last">The last attempt's exception.</param>
    /// <param name="fleet">For a model with several servers: each one and its last error; null for one server.</param>
    public static ModelUnavailableException RetriesExhausted(Uri url, int? statusCode, int attempts, string detail, Exception? last, string? fleet = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var status = statusCode is { } s ? $"HTTP {s}" : "no response";
        var servers = fleet is null ? "" : $" (servers: {fleet})";
        return new($"The model server at {url} failed {attempts} attempt(s); the last gave {status}: {detail}{servers}", url, statusCode, attempts, last);
    }

    /// <summary>Every server of the model was out of the rotation for the whole of <paramref name="waited"/>.</summary>
    /// <param name="waited">How long the request waited for one to come back.</param>
    /// <param name="servers">Each server's URL and its last error (null: none recorded).</param>
    public static ModelUnavailableException AllEjected(TimeSpan waited, IReadOnlyList<(string Url, string? LastError)> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var each = string.Join("; ", servers.Select(s => $"{s.Url}: {s.LastError ?? "no error recorded"}"));
        return new($"Every model server failed and none came back within {waited.TotalSeconds:0.#} s ({each})");
    }

    /// <summary>The server refused the client itself (authentication, permission); retrying cannot help.</summary>
    public static ModelUnavailableException Refused(Uri url, int statusCode, string detail)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new($"The model server at {url} refused the client with HTTP {statusCode}: {detail}", url, statusCode, 1, null);
    }
}
