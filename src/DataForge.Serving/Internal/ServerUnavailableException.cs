namespace DataForge.Serving.Internal;

/// <summary>The server cannot take a request now; answered with HTTP 503 and <c>Retry-After</c>.</summary>
internal sealed class ServerUnavailableException(string message, string code) : Exception(message)
{
    /// <summary>Seconds a client should wait before sending it again.</summary>
    public const int RetryAfterSeconds = 1;

    public string Code { get; } = code;

    public static ServerUnavailableException QueueFull(int waiting)
        => new($"The server is busy: {waiting.ToString(System.Globalization.CultureInfo.InvariantCulture)} requests are already waiting for the model; retry later.", "queue_full");

    public static ServerUnavailableException ShuttingDown()
        => new("The server is shutting down.", "shutting_down");
}
