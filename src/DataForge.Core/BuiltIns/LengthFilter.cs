using System.Globalization;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Core.Steps;

namespace DataForge.Core.BuiltIns;

/// <summary>Drops records whose token count is outside [min_tokens, max_tokens].</summary>
/// <remarks>
/// Input fields: instruction, input, output, messages. Output fields: meta.tokens (the count, so later
/// steps and the review tool need not count again). Drop reasons: <c>too_short</c>, <c>too_long</c>.
/// Options: <c>min_tokens</c> (1), <c>max_tokens</c> (4096), <c>tokenizer</c> (gpt2).
/// Results are cached in the run store, so a resumed run does not count finished records again.
/// </remarks>
public sealed class LengthFilter : MapStep
{
    private readonly LengthFilterOptions _options;
    private readonly ITokenCounter _counter;

    /// <summary>Creates the filter.</summary>
    public LengthFilter(LengthFilterOptions options, ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counter);
        if (options.MinTokens > options.MaxTokens)
        {
            throw new ArgumentException($"min_tokens ({options.MinTokens}) is above max_tokens ({options.MaxTokens}).", nameof(options));
        }

        _options = options;
        _counter = counter;
    }

    /// <inheritdoc/>
    public override StepContract Contract { get; } = new(["instruction", "input", "output", "messages"], ["meta"], ["too_short", "too_long"]);

    /// <inheritdoc/>
    public override bool Cacheable => true;

    /// <inheritdoc/>
    protected override ValueTask<Outcome> MapAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
    {
        var tokens = _counter.CountTokens(TextOf(sample));
        var counted = sample.WithMeta("tokens", tokens.ToString(CultureInfo.InvariantCulture));
        var outcome = tokens < _options.MinTokens ? Outcome.Drop(counted, "too_short")
            : tokens > _options.MaxTokens ? Outcome.Drop(counted, "too_long")
            : Outcome.Keep(counted);
        return ValueTask.FromResult(outcome);
    }

    private static string TextOf(Sample s)
        => s.Messages is { Length: > 0 } messages
            ? string.Join("\n", messages.Select(m => m.Content))
            : string.Join("\n", new[] { s.Instruction, s.Input, s.Output }.Where(t => !string.IsNullOrEmpty(t)));
}
