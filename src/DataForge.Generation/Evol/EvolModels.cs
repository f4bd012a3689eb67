using DataForge.Core.Seams;

namespace DataForge.Generation.Evol;

/// <summary>The models of an Evol-Instruct step: the evolver, and the answerer and judge (both default to the evolver).</summary>
public sealed record EvolModels
{
    /// <summary>Creates the set; null <paramref name="answerer"/> or <paramref name="judge"/> means the evolver.</summary>
    public EvolModels(ILanguageModel evolver, ILanguageModel? answerer = null, ILanguageModel? judge = null)
    {
        ArgumentNullException.ThrowIfNull(evolver);
        Evolver = evolver;
        Answerer = answerer ?? evolver;
        Judge = judge ?? evolver;
    }

    /// <summary>Rewrites instructions; its identity goes into each evolved record's <c>model</c>.</summary>
    public ILanguageModel Evolver { get; }

    /// <summary>Answers evolved instructions.</summary>
    public ILanguageModel Answerer { get; }

    /// <summary>Says whether an evolved instruction is "Equal" to its parent (paper elimination only).</summary>
    public ILanguageModel Judge { get; }
}
