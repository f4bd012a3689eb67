using DataForge.Core.Options;
using DataForge.Core.Steps;
using DataForge.Generation.Ensemble;

namespace DataForge.Pipelines.Registry;

/// <summary>The Ensemble-Instruct generation step type: <c>ensemble-instruct</c>.</summary>
internal static class EnsembleInstructSteps
{
    public static void Register(StepRegistry registry)
    {
        var defaults = EnsembleInstructOptions.Default;
        registry.Register(new StepTypeDefinition("ensemble-instruct", StepRole.Barrier, "Ensemble-Instruct generation: new instructions from categorized in-context demonstrations (seeds plus a few machine-made), novelty-checked, each with one generated instance.",
            [
                new("generator", OptionKind.ModelRef, null, "the model that writes instructions and instances") { Required = true },
                new("instructions", OptionKind.Integer, (long)defaults.Instructions, "machine instructions to accept per task type") { Min = 1, Max = 1_000_000 },
                new("types", OptionKind.StringList, null, "task types to generate: with_input, output_only (default: both)"),
                new("demonstrations_with_input", OptionKind.Integer, (long)defaults.WithInputDemonstrations, "demonstrations per with-input instruction prompt") { Min = 1, Max = 200 },
                new("demonstrations_output_only", OptionKind.Integer, (long)defaults.OutputOnlyDemonstrations, "demonstrations per output-only instruction prompt") { Min = 1, Max = 200 },
                new("machine_demonstrations", OptionKind.Integer, (long)defaults.MachineDemonstrations, "at most this many demonstrations are machine-made") { Min = 0, Max = 200 },
                new("batch_size", OptionKind.Integer, (long)defaults.BatchSize, "prompts per model request") { Min = 1, Max = 1024 },
                new("max_prompts", OptionKind.Integer, null, "instruction prompts per type before stopping short (default: 10 x instructions)") { Min = 1 },
                new("temperature", OptionKind.Float, defaults.Temperature, "sampling temperature of both stages") { Min = 0, Max = 2 },
                new("top_k", OptionKind.Integer, (long)defaults.TopK, "top-k cut of both stages; 0 for none") { Min = 0 },
                new("top_p", OptionKind.Float, defaults.TopP, "nucleus mass of both stages") { Min = 0.000001, Max = 1 },
                new("instruction_max_tokens", OptionKind.Integer, (long)defaults.InstructionMaxTokens, "most new tokens of an instruction") { Min = 1, Max = 32768 },
                new("instance_max_tokens", OptionKind.Integer, (long)defaults.InstanceMaxTokens, "most new tokens of an instance") { Min = 1, Max = 32768 },
                new("novelty_threshold", OptionKind.Float, defaults.NoveltyThreshold, "an instruction whose max Rouge-L F against the type's seeds and accepted instructions is above this is dropped") { Min = 0, Max = 1 },
                new("nearest", OptionKind.Integer, (long)defaults.Nearest, "nearest instructions written to meta.rouge_l_nearest") { Min = 0, Max = 100 },
                new("stem", OptionKind.Boolean, false, "Porter stemming in the novelty Rouge-L (the reference has none)"),
                new("templates", OptionKind.Path, null, "folder whose instructions.txt / instances-with-input.txt / instances-output-only.txt replace the built-in templates"),
            ],
            Build)
        {
            Check = CheckTypes,
        });
    }

    private static EnsembleInstructGenerator Build(StepBuildContext c)
    {
        var o = c.Options;
        var options = new EnsembleInstructOptions
        {
            Instructions = (int)o.GetInteger("instructions")!.Value,
            WithInputDemonstrations = (int)o.GetInteger("demonstrations_with_input")!.Value,
            OutputOnlyDemonstrations = (int)o.GetInteger("demonstrations_output_only")!.Value,
            MachineDemonstrations = (int)o.GetInteger("machine_demonstrations")!.Value,
            BatchSize = (int)o.GetInteger("batch_size")!.Value,
            Temperature = o.GetFloat("temperature")!.Value,
            TopK = (int)o.GetInteger("top_k")!.Value,
            TopP = o.GetFloat("top_p")!.Value,
            InstructionMaxTokens = (int)o.GetInteger("instruction_max_tokens")!.Value,
            InstanceMaxTokens = (int)o.GetInteger("instance_max_tokens")!.Value,
            NoveltyThreshold = o.GetFloat("novelty_threshold")!.Value,
            Nearest = (int)o.GetInteger("nearest")!.Value,
            Stem = o.GetBoolean("stem")!.Value,
        };
        if (o.GetStringList("types") is { } types)
        {
            options = options with { Types = [.. types.Select(t => EnsembleCategorizer.Parse(t)!.Value)] };
        }

        if (o.GetInteger("max_prompts") is { } maxPrompts)
        {
            options = options with { MaxPrompts = (int)Math.Min(int.MaxValue, maxPrompts) };
        }

        var templates = EnsembleInstructTemplates.Load(o.GetString("templates") is { } folder ? c.ResolvePath(folder) : null);
        return new EnsembleInstructGenerator(c.Model(o.GetString("generator")!), options, templates);
    }

    private static (string Key, string Message)? CheckTypes(ResolvedOptions o)
    {
        var types = o.GetStringList("types");
        if (types is null)
        {
            return null;
        }

        if (types.Count == 0 || types.Distinct(StringComparer.Ordinal).Count() != types.Count)
        {
            return ("types", "needs one or both of with_input, output_only, each once");
        }

        var unknown = types.FirstOrDefault(t => EnsembleCategorizer.Parse(t) is null);
        return unknown is null ? null : ("types", $"unknown task type '{unknown}' (known: {EnsembleCategorizer.WithInputName}, {EnsembleCategorizer.OutputOnlyName})");
    }
}
