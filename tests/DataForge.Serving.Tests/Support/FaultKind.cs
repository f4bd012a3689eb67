namespace DataForge.Serving.Tests.Support;

/// <summary>What the proxy does to one request.</summary>
public enum FaultKind
{
    /// <summary>Forward it unchanged.</summary>
    None,

    /// <summary>Answer 429 with a Retry-After header.</summary>
    TooManyRequests,

    /// <summary>Answer 500.</summary>
    ServerError,

    /// <summary>Answer 400 (a permanent rejection).</summary>
    BadRequest,

    /// <summary>Answer nothing until the client gives up.</summary>
    Stall,

    /// <summary>Forward, then send the headers and half the body and drop the connection.</summary>
    Truncate,

    /// <summary>Forward, then send a complete response holding only half the JSON.</summary>
    Garble,

    /// <summary>Drop the connection before answering.</summary>
    Reset,
}
