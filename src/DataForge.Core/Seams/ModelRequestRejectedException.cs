namespace DataForge.Core.Seams;

/// <summary>
/// The server rejected one request for good (HTTP 400, 404, 413, 422: a prompt longer than the
/// context, a bad parameter). Not retried, and cached like a result, so a rerun does not resend it:
/// a per-record outcome that a step turns into a drop named by <see cref="Reason"/>
/// (<c>request_rejected</c>, or <c>context_too_long</c> for a prompt longer than the model's context).
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

    private ModelRequestRejectedException(string message, Uri? url, int statusCode, string serverMessage, int? requestIndex, string reason)
        : base(message)
    {
        Url = url;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
        RequestIndex = requestIndex;
        Reason = reason;
    }

    /// <summary>The drop reason a step gives the record: <see cref="RequestRejected"/> or <see cref="ContextTooLongReason"/>.</summary>
    public string Reason { get; } = RequestRejected;

    /// <summary>The drop reason of a request the model refused.</summary>
    public const string RequestRejected = "request_rejected";

    /// <summary>The drop reason of a request longer than the model's context (never truncated silently).</summary>
    public const string ContextTooLongReason = "context_too_long";

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
        var reason = IsContextMessage(serverMessage) ? ContextTooLongReason : RequestRejected;
        return new($"The model server at {url} rejected the request with HTTP {statusCode}: {serverMessage}", url, statusCode, serverMessage, null, reason);
    }

    /// <summary>A request of <paramref name="tokens"/> tokens that a model of <paramref name="contextLength"/> positions cannot take.</summary>
    public static ModelRequestRejectedException ContextTooLong(string model, int tokens, int contextLength)
    {
        var message = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{model}: the request needs {tokens} tokens; the model's maximum context length is {contextLength} tokens");
        return new(message, null, 400, message, null, ContextTooLongReason);
    }

    /// <summary>The same rejection, naming the request's position in its batch.</summary>
    public ModelRequestRejectedException AtIndex(int requestIndex)
        => new(Message, Url, StatusCode, ServerMessage, requestIndex, Reason);

    // OpenAI, vLLM and `dataforge serve` say "maximum context length" (code context_length_exceeded).
    private static bool IsContextMessage(string message)
        => message.Contains("maximum context length", StringComparison.OrdinalIgnoreCase)
           || message.Contains("context_length_exceeded", StringComparison.OrdinalIgnoreCase);
}
