using DataForge.Core.Options;
using DataForge.Core.Steps;
using DataForge.Generation.Ensemble;

namespace DataForge.Pipelines.Registry;

/// <summary>The Ensemble-Instruct step types: <c>ensemble-vote</c>.</summary>
internal static class EnsembleSteps
{
    public static void Register(StepRegistry registry)
    {
        registry.Register(new StepTypeDefinition("ensemble-vote", StepRole.Expand, "Asks two or more further models for each record's output and keeps the one the ensemble agrees on (Ensemble-Instruct consensus).",
            [
                new("ensemble", OptionKind.StringList, null, "the [models.NAME] entries that answer each task (two or more, all different models)") { Required = true },
                new("threshold", OptionKind.Float, EnsembleConsensus.DefaultThreshold, "a Rouge-L winner is kept only when the minimum pairwise Rouge-L F is above this") { Min = 0, Max = 1 },
                new("max_tokens", OptionKind.Integer, 256L, "most new tokens per ensemble answer (greedy)") { Min = 1, Max = 32768 },
                new("stem", OptionKind.Boolean, true, "Porter-stem tokens longer than three characters in the consensus Rouge-L (the reference's use_stemmer=True)"),
            ],
            c => new EnsembleVoteExpander(
                [.. c.Options.GetStringList("ensemble")!.Select(c.Model)],
                new EnsembleVoteOptions
                {
                    Threshold = c.Options.GetFloat("threshold")!.Value,
                    MaxTokens = (int)c.Options.GetInteger("max_tokens")!.Value,
                    Stem = c.Options.GetBoolean("stem")!.Value,
                }))
        {
            Check = CheckEnsemble,
        });
    }

    // Model names are checked here; identities (two names for one model) when the step is built.
    private static (string Key, string Message)? CheckEnsemble(ResolvedOptions options)
    {
        var names = options.GetStringList("ensemble") ?? [];
        if (names.Count < 2)
        {
            return ("ensemble", "needs at least two models");
        }

        return names.Distinct(StringComparer.Ordinal).Count() == names.Count
            ? null
            : ("ensemble", "names one model twice; the ensemble's models must be different");
    }
}
