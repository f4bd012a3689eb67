using System.Net;

namespace DataForge.Serving;

/// <summary>Where a <see cref="ModelServer"/> listens and what it reports.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>option</term><description>default</description></listheader>
/// <item><term><see cref="Host"/></term><description><c>127.0.0.1</c> (an IP address or <c>localhost</c>)</description></item>
/// <item><term><see cref="Port"/></term><description>8181; 0 picks a free port</description></item>
/// <item><term><see cref="ModelName"/></term><description><c>dataforge</c>: the id listed by <c>/v1/models</c></description></item>
/// <item><term><see cref="DefaultMaxTokens"/></term><description>512 new tokens when a request names no limit</description></item>
/// </list>
/// </remarks>
public sealed record ModelServerOptions
{
    /// <summary>The defaults.</summary>
    public static ModelServerOptions Default { get; } = new();

    /// <summary>The address to listen on: an IPv4 or IPv6 address, or <c>localhost</c> (loopback).</summary>
    public string Host
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(Host));
            if (!value.Equals("localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(value, out _))
            {
                throw new ArgumentException($"{nameof(Host)} '{value}' is neither an IP address nor 'localhost'.", nameof(value));
            }

            field = value;
        }
    } = "127.0.0.1";

    /// <summary>The TCP port; 0 lets the system pick a free one (read it from <see cref="ModelServer.Uri"/>).</summary>
    public int Port
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(Port));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, IPEndPoint.MaxPort, nameof(Port));
            field = value;
        }
    } = 8181;

    /// <summary>The model id shown by <c>/v1/models</c> and in responses; requests may name any model.</summary>
    public string ModelName
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(ModelName));
            field = value;
        }
    } = "dataforge";

    /// <summary>New tokens generated when a request sets neither <c>max_tokens</c> nor <c>max_completion_tokens</c>.</summary>
    public int DefaultMaxTokens
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(DefaultMaxTokens));
            field = value;
        }
    } = 512;
}
