using DataForge.Core.Options;

namespace DataForge.Generation.Ensemble;

/// <summary>Options of <see cref="EnsembleVoteExpander"/>.</summary>
public sealed record EnsembleVoteOptions : IOptionsCheck
{
    /// <summary>The default options.</summary>
    public static EnsembleVoteOptions Default { get; } = new();

    /// <summary>The <c>[models.NAME]</c> entries that answer each task (the factory's; a step built in code gets its models directly).</summary>
    [Option("ensemble", "the [models.NAME] entries that answer each task (two or more, all different models)", Required = true)] public IReadOnlyList<string>? Ensemble { get; init; }

    /// <summary>Minimum pairwise Rouge-L F a Rouge-L winner needs to exceed.</summary>
    [Option("threshold", "a Rouge-L winner is kept only when the minimum pairwise Rouge-L F is above this", Min = 0, Max = 1)] public double Threshold { get; init; } = EnsembleConsensus.DefaultThreshold;

    /// <summary>Most new tokens per ensemble answer.</summary>
    [Option("max_tokens", "most new tokens per ensemble answer (greedy)", Min = 1, Max = 32768)] public int MaxTokens { get; init; } = 256;

    /// <summary>Whether the consensus Rouge-L Porter-stems tokens longer than three characters (the reference does).</summary>
    [Option("stem", "Porter-stem tokens longer than three characters in the consensus Rouge-L (the reference's use_stemmer=True)")] public bool Stem { get; init; } = true;

    /// <summary>Model names are checked here; identities (two names for one model) when the step is built.</summary>
    /// <returns>The problem with <see cref="Ensemble"/>, or null.</returns>
    public OptionProblem? Check()
    {
        if (Ensemble is not { } names)
        {
            return null;
        }

        if (names.Count < 2)
        {
            return new("ensemble", "needs at least two models");
        }

        return names.Distinct(StringComparer.Ordinal).Count() == names.Count
            ? null
            : new("ensemble", "names one model twice; the ensemble's models must be different");
    }
}
