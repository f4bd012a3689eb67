using DataForge.Core.Options;
using DataForge.Core.Steps;
using DataForge.Generation.Evol;
using DataForge.Generation.Prompts;

namespace DataForge.Pipelines.Registry;

/// <summary>The Evol-Instruct step type: <c>evol-instruct</c>.</summary>
internal static class EvolSteps
{
    public static void Register(StepRegistry registry)
    {
        registry.Register(new StepTypeDefinition("evol-instruct", StepRole.Expand, "Evol-Instruct: M rounds of in-depth / in-breadth (or code) evolution, each evolution answered and checked by the elimination rules.",
            [
                new("evolver", OptionKind.ModelRef, null, "the model that rewrites instructions") { Required = true },
                new("answerer", OptionKind.ModelRef, null, "the model that answers evolved instructions (default: the evolver)"),
                new("judge", OptionKind.ModelRef, null, "the model asked \"Equal\" / \"Not Equal\" (paper elimination; default: the evolver)"),
                new("rounds", OptionKind.Integer, 4L, "evolution rounds M") { Min = 1, Max = 100 },
                new("operations", OptionKind.StringList, null, "operations or presets to draw from (default: the preset 'default' = five in-depth + mutation; 'code' = Code Evol-Instruct)"),
                new("selection", OptionKind.String, "uniform", "uniform: a seeded draw per (record, round); rotation: ops[(i + round) mod n]") { Allowed = ["uniform", "rotation"] },
                new("elimination", OptionKind.String, "paper", "paper: the four rules of WizardLM; h2o: the h2o-wizardlm string rules") { Allowed = ["paper", "h2o"] },
                new("temperature", OptionKind.Float, 1.0, "sampling temperature of evolver and answerer (the judge decodes greedily)") { Min = 0, Max = 2 },
                new("top_p", OptionKind.Float, 0.95, "nucleus mass of evolver and answerer") { Min = 0.000001, Max = 1 },
                new("top_k", OptionKind.Integer, 0L, "top-k cut of evolver and answerer; 0 for none") { Min = 0 },
                new("max_tokens", OptionKind.Integer, 2048L, "most new tokens of an evolution or an answer") { Min = 1, Max = 1_000_000 },
                new("templates", OptionKind.Path, null, "folder of .txt prompt templates that replace the built-in ones of the same name"),
            ],
            Build)
        {
            Check = CheckOperations,
        });
    }

    private static EvolInstructExpander Build(StepBuildContext c)
    {
        var o = c.Options;
        var options = new EvolInstructOptions
        {
            Rounds = (int)o.GetInteger("rounds")!.Value,
            Operations = o.GetStringList("operations") ?? [EvolOperations.DefaultPreset],
            Selection = o.GetString("selection") == "rotation" ? EvolSelection.Rotation : EvolSelection.Uniform,
            Elimination = o.GetString("elimination") == "h2o" ? EvolElimination.H2o : EvolElimination.Paper,
            Temperature = o.GetFloat("temperature")!.Value,
            TopP = o.GetFloat("top_p")!.Value,
            TopK = (int)o.GetInteger("top_k")!.Value,
            MaxTokens = (int)o.GetInteger("max_tokens")!.Value,
        };
        var evolver = c.Model(o.GetString("evolver")!);
        var models = new EvolModels(
            evolver,
            o.GetString("answerer") is { } answerer ? c.Model(answerer) : null,
            o.GetString("judge") is { } judge ? c.Model(judge) : null);
        var templates = PromptLibrary.Load(o.GetString("templates") is { } folder ? c.ResolvePath(folder) : null);
        return new EvolInstructExpander(options, models, templates);
    }

    private static (string Key, string Message)? CheckOperations(ResolvedOptions o)
    {
        var entries = o.GetStringList("operations");
        if (entries is { Count: 0 })
        {
            return ("operations", "at least one operation is needed");
        }

        var unknown = entries?.FirstOrDefault(e => e is not EvolOperations.DefaultPreset and not EvolOperations.CodePreset && !EvolOperations.All.Contains(e));
        return unknown is null
            ? null
            : ("operations", $"unknown evolution operation '{unknown}' (known: {EvolOperations.DefaultPreset}, {EvolOperations.CodePreset}, {string.Join(", ", EvolOperations.All)})");
    }
}
