namespace DataForge.Review.Server;

/// <summary>How <see cref="ReviewServer"/> serves.</summary>
public sealed record ReviewServerOptions
{
    /// <summary>The address to bind (default 127.0.0.1, loopback only).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port (0 picks a free one).</summary>
    public int Port { get; init; } = 8182;

    /// <summary>
    /// The access token every request must carry (<c>?token=</c> once, then a cookie, or an
    /// <c>Authorization: Bearer</c> header). Null on loopback means none; on any other address a
    /// random one is generated.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>The reviewer's name recorded with each verdict (null: none).</summary>
    public string? Reviewer { get; init; }

    /// <summary>The largest request body accepted (bytes); larger ones get HTTP 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 64 * 1024;
}
