using System.Net;
using DataForge.Core.Options;

namespace DataForge.Serving;

/// <summary>Where a <see cref="ModelServer"/> listens and what it reports.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>option</term><description>default</description></listheader>
/// <item><term><see cref="Host"/></term><description><c>127.0.0.1</c> (an IP address or <c>localhost</c>)</description></item>
/// <item><term><see cref="Port"/></term><description>8181; 0 picks a free port</description></item>
/// <item><term><see cref="ModelName"/></term><description><c>dataforge</c>: the id listed by <c>/v1/models</c></description></item>
/// <item><term><see cref="DefaultMaxTokens"/></term><description>512 new tokens when a request names no limit (fewer when the context has less room)</description></item>
/// <item><term><see cref="MaxWaitingRequests"/></term><description>64 requests waiting for the model; more get HTTP 503 with <c>Retry-After</c></description></item>
/// <item><term><see cref="MaxRequestBodyBytes"/></term><description>8 MiB; a larger body gets HTTP 413</description></item>
/// <item><term><see cref="PromptTokens"/></term><description>none: only <c>max_tokens</c> is checked against the model's context</description></item>
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
    public int Port { get; init => field = Require.InRange(value, 0, IPEndPoint.MaxPort, nameof(Port)); } = 8181;

    /// <summary>The model id shown by <c>/v1/models</c> and in responses; requests may name any model.</summary>
    public string ModelName { get; init => field = Require.NotBlank(value, nameof(ModelName)); } = "dataforge";

    /// <summary>New tokens generated when a request sets neither <c>max_tokens</c> nor <c>max_completion_tokens</c>.</summary>
    public int DefaultMaxTokens { get; init => field = Require.AtLeast(value, 1, nameof(DefaultMaxTokens)); } = 512;

    /// <summary>
    /// Requests that may wait for the model while it serves another, answered in arrival order;
    /// one more gets HTTP 503 with <c>Retry-After</c>.
    /// </summary>
    public int MaxWaitingRequests { get; init => field = Require.AtLeast(value, 0, nameof(MaxWaitingRequests)); } = 64;

    /// <summary>The largest request body accepted, in bytes; a larger one gets HTTP 413.</summary>
    public long MaxRequestBodyBytes { get; init => field = Require.AtLeast(value, 1024L, nameof(MaxRequestBodyBytes)); } = 8 * 1024 * 1024;

    /// <summary>
    /// Counts the tokens a request's prompt becomes (chat template and BOS token included). With the
    /// model's <see cref="DataForge.Core.Seams.ILanguageModel.ContextLength"/> it lets the server refuse
    /// a prompt that does not fit (HTTP 400, <c>context_length_exceeded</c>) before it reaches the model.
    /// </summary>
    public Func<DataForge.Core.Seams.GenerationRequest, int>? PromptTokens { get; init; }
}
