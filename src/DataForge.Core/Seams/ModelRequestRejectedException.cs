namespace DataForge.Core.Seams;

/// <summary>
/// The server rejected one request for good (HTTP 400, 404, 413, 422: a prompt longer than the
/// context, a bad parameter). Not retried, and cached like a result, so a rerun does not resend it:
/// a per-record outcome that a step turns into a drop such as <c>request_rejected</c>.
/// </summary>
public sealed class ModelRequestRejectedException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public ModelRequestRejectedException()
        : this("The model server rejected the request.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public ModelRequestRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public ModelRequestRejectedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    private ModelRequestRejectedException(string message, Uri? url, int statusCode, string serverMessage, int? requestIndex)
        : base(message)
    {
        Url = url;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
        RequestIndex = requestIndex;
    }

    /// <summary>The URL that answered.</summary>
    public Uri? Url { get; }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The server's error message (or the start of its body).</summary>
    public string ServerMessage { get; } = "";

    /// <summary>The position of the rejected request in the batch passed to the model; null when unknown.</summary>
    public int? RequestIndex { get; }

    /// <summary>A rejection of one request.</summary>
    public static ModelRequestRejectedException Create(Uri url, int statusCode, string serverMessage)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(serverMessage);
        return new($"The model server at {url} rejected the request with HTTP {statusCode}: {serverMessage}", url, statusCode, serverMessage, null);
    }

    /// <summary>The same rejection, naming the request's position in its batch.</summary>
    public ModelRequestRejectedException AtIndex(int requestIndex)
        => new(Message, Url, StatusCode, ServerMessage, requestIndex);
}
