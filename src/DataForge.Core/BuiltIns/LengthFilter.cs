using System.Globalization;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Core.Steps;

namespace DataForge.Core.BuiltIns;

/// <summary>Drops records whose token count is outside [min_tokens, max_tokens].</summary>
/// <remarks>
/// Input fields: instruction, input, output, messages (tokens are counted over instruction + input +
/// output, or the whole conversation). Output fields: meta.tokens (the count, so later steps and the
/// review tool need not count again). Results are cached in the run store, so a resumed run does not
/// count finished records again.
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
        OptionSchema.Validate(options);
        _options = options;
        _counter = counter;
    }

    /// <summary>The <c>length-filter</c> step type.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<LengthFilter, LengthFilterOptions>(
        "length-filter",
        "Drops records with too few or too many tokens (GPT-2 BPE).",
        new(["instruction", "input", "output", "messages"], ["meta"], ["too_short", "too_long"]),
        (options, context) => new LengthFilter(options, context.TokenCounter));

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <inheritdoc/>
    public override bool Cacheable => true;

    /// <inheritdoc/>
    protected override ValueTask<Outcome> MapAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
    {
        var tokens = _counter.CountTokens(TextOf(sample));
        var counted = sample.WithMeta("tokens", (long)tokens);
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

/// <summary>Options of <see cref="LengthFilter"/>.</summary>
public sealed record LengthFilterOptions : IOptionsCheck
{
    /// <summary>The defaults.</summary>
    public static LengthFilterOptions Default { get; } = new();

    /// <summary>Minimum token count.</summary>
    [Option("min_tokens", "fewer tokens: dropped as too_short", Min = 0, Max = int.MaxValue)] public int MinTokens { get; init; } = 1;

    /// <summary>Maximum token count.</summary>
    [Option("max_tokens", "more tokens: dropped as too_long", Min = 1, Max = int.MaxValue)] public int MaxTokens { get; init; } = 4096;

    /// <summary>The tokenizer used for counting.</summary>
    [Option("tokenizer", "tokenizer used for counting", Allowed = ["gpt2"])] public string Tokenizer { get; init; } = "gpt2";

    /// <inheritdoc/>
    public OptionProblem? Check() => MinTokens > MaxTokens ? new("min_tokens", "'min_tokens' is above 'max_tokens'") : null;
}
