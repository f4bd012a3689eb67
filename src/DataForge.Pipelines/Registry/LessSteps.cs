using DataForge.Core.Options;
using DataForge.Core.Diagnostics;
using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.Scoring.Less;

namespace DataForge.Pipelines.Registry;

/// <summary>The LESS selection step type: <c>select-less</c>.</summary>
internal static class LessSteps
{
    private static readonly string[] KnownTargets = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    public static void Register(StepRegistry registry)
    {
        var defaults = LessSelectorOptions.Default;
        registry.Register(new StepTypeDefinition("select-less", StepRole.Barrier, "LESS: LoRA warm-up, Adam-preconditioned gradient features of every candidate, kept by similarity to a target set's gradients.",
            [
                new("model", OptionKind.ModelRef, null, "the base model to warm up (a local torch or tiny model)") { Required = true },
                new("target", OptionKind.Path, null, "JSONL of target examples: instruction, input (optional), output, subtask (optional)") { Required = true },
                new("warmup_fraction", OptionKind.Float, defaults.WarmupFraction, "share of the pool trained on during warm-up") { Min = 0.000001, Max = 1 },
                new("epochs", OptionKind.Integer, (long)defaults.Epochs, "warm-up epochs, one checkpoint each") { Min = 1, Max = 100 },
                new("learning_rate", OptionKind.Float, defaults.LearningRate, "peak warm-up learning rate (the tiny model needs about 1e-3)") { Min = 1e-12, Max = 1 },
                new("lora_rank", OptionKind.Integer, (long)defaults.LoraRank, "LoRA rank r") { Min = 1, Max = 4096 },
                new("lora_alpha", OptionKind.Float, defaults.LoraAlpha, "LoRA scaling numerator (update × alpha / r)") { Min = 1e-9 },
                new("lora_targets", OptionKind.StringList, null, "projections that get adapters (default: q_proj, k_proj, v_proj, o_proj)"),
                new("batch_size", OptionKind.Integer, (long)defaults.BatchSize, "examples per optimizer step") { Min = 1, Max = 4096 },
                new("projection_dim", OptionKind.Integer, (long)defaults.ProjectionDimension, "feature length d after the Rademacher projection") { Min = 16, Max = 1 << 20 },
                new("max_length", OptionKind.Integer, (long)defaults.MaxLength, "most tokens of one example") { Min = 1, Max = 1 << 20 },
                new("keep_fraction", OptionKind.Float, defaults.KeepFraction, "share of the scored records kept, rounded down") { Min = 0, Max = 1 },
                new("keep", OptionKind.Integer, null, "records kept (replaces keep_fraction)") { Min = 0, Max = int.MaxValue },
                new("preconditioning", OptionKind.String, "reference", "reference: m'/sqrt(v'+eps), no bias correction; paper: bias-corrected m̂/(sqrt(v̂)+eps)") { Allowed = ["reference", "paper"] },
                new("datastore", OptionKind.String, null, "folder of the reusable candidate-feature datastore (default: less-datastore beside the run folder)") { AffectsResult = false },
            ],
            Build)
        {
            Check = CheckTargets,
        });
    }

    private static LessSelector Build(StepBuildContext c)
    {
        var o = c.Options;
        var options = new LessSelectorOptions
        {
            WarmupFraction = o.GetFloat("warmup_fraction")!.Value,
            Epochs = (int)o.GetInteger("epochs")!.Value,
            LearningRate = o.GetFloat("learning_rate")!.Value,
            LoraRank = (int)o.GetInteger("lora_rank")!.Value,
            LoraAlpha = o.GetFloat("lora_alpha")!.Value,
            LoraTargets = o.GetStringList("lora_targets") ?? LessSelectorOptions.Default.LoraTargets,
            BatchSize = (int)o.GetInteger("batch_size")!.Value,
            ProjectionDimension = (int)o.GetInteger("projection_dim")!.Value,
            MaxLength = (int)o.GetInteger("max_length")!.Value,
            KeepFraction = o.GetFloat("keep_fraction")!.Value,
            Keep = o.GetInteger("keep") is { } keep ? (int)keep : null,
            Preconditioning = o.GetString("preconditioning") == "paper" ? LessPreconditioning.Paper : LessPreconditioning.Reference,
            Datastore = o.GetString("datastore") is { } folder ? c.ResolvePath(folder) : DefaultDatastore(c.Resources),
        };
        var targets = LoadTargets(o.GetString("target")!, c.ResolvePath(o.GetString("target")!));
        var name = o.GetString("model")!;
        var model = c.Model(name) as ITrainableModelSource
            ?? throw new DataForgeConfigException($"step '{c.StepName}': model '{name}' cannot be trained; select-less needs a local model (backend torch or tiny)");
        return new LessSelector(model, targets, options);
    }

    // Every bad line of the target file, as diagnostics pointing at it.
    private static LessTargetSet LoadTargets(string written, string path)
    {
        var (set, problems) = LessTargetSet.Parse(File.ReadAllText(path));
        return set ?? throw new DataForgeConfigException([.. problems.Select(p => new Diagnostic(DiagnosticCodes.InvalidValue, written, p.Line, p.Line > 0 ? 1 : 0, $"target example: {p.Message}"))]);
    }

    // Beside the run folder and its run store (output/<pipeline>/less-datastore), so runs with other target sets find it.
    private static string DefaultDatastore(RunResources resources)
        => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(resources.DataDirectory))!)!, "less-datastore");

    private static (string Key, string Message)? CheckTargets(ResolvedOptions o)
    {
        var unknown = o.GetStringList("lora_targets")?.FirstOrDefault(t => !KnownTargets.Contains(t, StringComparer.Ordinal));
        return o.GetStringList("lora_targets") is { Count: 0 }
            ? ("lora_targets", "at least one projection is needed")
            : unknown is null ? null : ("lora_targets", $"unknown projection '{unknown}' (known: {string.Join(", ", KnownTargets)})");
    }
}
