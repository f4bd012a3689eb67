namespace DataForge.Serving.Tests.Support;

/// <summary>One scripted fault; <paramref name="RetryAfter"/> is the header value sent with a 429.</summary>
public sealed record Fault(FaultKind Kind, string? RetryAfter = null)
{
    public static Fault None { get; } = new(FaultKind.None);

    public static Fault TooManyRequests(string retryAfter = "0") => new(FaultKind.TooManyRequests, retryAfter);

    public static Fault ServerError { get; } = new(FaultKind.ServerError);

    public static Fault BadRequest { get; } = new(FaultKind.BadRequest);

    public static Fault Stall { get; } = new(FaultKind.Stall);

    public static Fault Truncate { get; } = new(FaultKind.Truncate);

    public static Fault Garble { get; } = new(FaultKind.Garble);

    public static Fault Reset { get; } = new(FaultKind.Reset);
}
