using DataForge.Core.Options;

namespace DataForge.Scoring.Perplexity;

/// <summary>The text a <c>perplexity-filter</c> scores.</summary>
public enum PerplexityField
{
    /// <summary>The output (after the instruction and input when <c>conditioned</c>).</summary>
    Output,

    /// <summary>The instruction (and input, on the next line), alone.</summary>
    Instruction,
}

/// <summary>Options of the <c>perplexity-filter</c> step.</summary>
public sealed record PerplexityOptions : IOptionsCheck
{
    /// <summary>The scoring model (a <c>[models.NAME]</c> entry).</summary>
    [Option("model", "the scoring model (any backend that scores: tiny, torch, an OpenAI-compatible server with prompt logprobs)", Kind = OptionKind.ModelRef, Required = true)] public string? Model { get; init; }

    /// <summary>The text scored.</summary>
    [Option("field", "output: the answer; instruction: the instruction (and input) alone")] public PerplexityField Field { get; init; } = PerplexityField.Output;

    /// <summary>Score the output after the instruction rather than alone.</summary>
    [Option("conditioned", "output only: score the answer after the instruction and input (how a trained model meets it), not alone")] public bool Conditioned { get; init; } = true;

    /// <summary>Lowest perplexity kept.</summary>
    [Option("min", "lower perplexity: perplexity_below_min (text the model finds too predictable: boilerplate, repetition)", Min = 1)] public double? Min { get; init; }

    /// <summary>Highest perplexity kept.</summary>
    [Option("max", "higher perplexity: perplexity_above_max (text the model cannot follow)", Min = 1)] public double? Max { get; init; }

    /// <summary>Highest percentile of the run's perplexities kept; makes the step a barrier.</summary>
    [Option("max_percentile", "higher than this percentile of the run's perplexities (linear interpolation): perplexity_above_percentile; the step then waits for every record (a barrier)", Min = 0, Max = 100)] public double? MaxPercentile { get; init; }

    /// <summary>Records scored per model call.</summary>
    [Option("batch_records", "records scored per model call; a record's score never depends on it", Min = 1, Max = 65536, AffectsResult = false)] public int BatchRecords { get; init; } = 32;

    /// <inheritdoc/>
    public OptionProblem? Check()
    {
        if (Min is { } min && Max is { } max && min > max)
        {
            return new("min", "'min' is above 'max'");
        }

        return Min is null && Max is null && MaxPercentile is null
            ? new("max", "nothing to filter by: set min, max or max_percentile")
            : null;
    }
}
