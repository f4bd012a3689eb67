using DataForge.Core.Options;

namespace DataForge.Scoring.Less;

/// <summary>Options of <see cref="LessSelector"/> (defaults: the reference's, github.com/princeton-nlp/LESS).</summary>
/// <remarks>
/// Each option's key, default and meaning: its <see cref="OptionAttribute"/> below (docs/reference.md lists them).
/// Warm-up draws at least one record and writes one checkpoint at the end of each epoch; its learning rate
/// rises linearly over the first 3% of steps, then decays to zero. <see cref="Keep"/>, when set, replaces <see cref="KeepFraction"/>.
///
/// The reference's batch is 1 per device × 32 accumulation steps on 4 GPUs, an effective 128; the
/// default here is one batch of 32 per step. Its rate of 2e-5 suits Llama-2-7B; the embedded tiny
/// model needs about 1e-3 for the warm-up to move its adapters, and a smaller rank (8 to 32) and
/// dimension (1024 to 2048) keep the projection cheap on a CPU.
/// </remarks>
public sealed record LessSelectorOptions : IOptionsCheck
{
    /// <summary>The projections that may get adapters.</summary>
    public static IReadOnlyList<string> KnownTargets { get; } = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    /// <summary>The projections that get adapters when <see cref="LoraTargets"/> is not set.</summary>
    public static IReadOnlyList<string> DefaultLoraTargets { get; } = ["q_proj", "k_proj", "v_proj", "o_proj"];

    /// <summary>The defaults.</summary>
    public static LessSelectorOptions Default { get; } = new();

    /// <summary>The base model to warm up (a <c>[models.NAME]</c> entry).</summary>
    [Option("model", "the base model to warm up (a local torch or tiny model; validate reports another backend as DF1022)", Kind = OptionKind.ModelRef, Trainable = true, Required = true)] public string Model { get; init; } = "";

    /// <summary>The target examples' JSONL file, as written in the pipeline.</summary>
    [Option("target", "JSONL of target examples: instruction, input (optional), output, subtask (optional)", Kind = OptionKind.Path, Required = true)] public string Target { get; init; } = "";

    /// <summary>Share of the pool trained on during warm-up.</summary>
    [Option("warmup_fraction", "share of the pool trained on during warm-up", Min = 0.000001, Max = 1)] public double WarmupFraction { get; init; } = 0.05;

    /// <summary>Warm-up epochs, one checkpoint each.</summary>
    [Option("epochs", "warm-up epochs, one checkpoint each", Min = 1, Max = 100)] public int Epochs { get; init; } = 4;

    /// <summary>Peak learning rate.</summary>
    [Option("learning_rate", "peak warm-up learning rate (the tiny model needs about 1e-3)", Min = 1e-12, Max = 1)] public double LearningRate { get; init; } = 2e-5;

    /// <summary>LoRA rank r.</summary>
    [Option("lora_rank", "LoRA rank r", Min = 1, Max = 4096)] public int LoraRank { get; init; } = 128;

    /// <summary>LoRA scaling numerator (the update is multiplied by alpha / r).</summary>
    [Option("lora_alpha", "LoRA scaling numerator (update × alpha / r)", Min = 1e-9)] public double LoraAlpha { get; init; } = 512;

    /// <summary>Projection names that get adapters (null: <see cref="DefaultLoraTargets"/>).</summary>
    [Option("lora_targets", "projections that get adapters (default: q_proj, k_proj, v_proj, o_proj)")] public IReadOnlyList<string>? LoraTargets { get; init; }

    /// <summary>Examples per optimizer step.</summary>
    [Option("batch_size", "examples per optimizer step", Min = 1, Max = 4096)] public int BatchSize { get; init; } = 32;

    /// <summary>Feature length d.</summary>
    [Option("projection_dim", "feature length d after the Rademacher projection", Min = 16, Max = 1 << 20)] public int ProjectionDimension { get; init; } = RademacherProjector.DefaultDimension;

    /// <summary>Most tokens of one example; longer ones are cut at the end.</summary>
    [Option("max_length", "most tokens of one example", Min = 1, Max = 1 << 20)] public int MaxLength { get; init; } = 2048;

    /// <summary>Share of the scored records kept, rounded down.</summary>
    [Option("keep_fraction", "share of the scored records kept, rounded down", Min = 0, Max = 1)] public double KeepFraction { get; init; } = 0.05;

    /// <summary>Records kept; null: <see cref="KeepFraction"/> of the scored records.</summary>
    [Option("keep", "records kept (replaces keep_fraction)", Min = 0, Max = int.MaxValue)] public int? Keep { get; init; }

    /// <summary>The candidates' Adam direction form.</summary>
    [Option("preconditioning", "reference: m'/sqrt(v'+eps), no bias correction; paper: bias-corrected m̂/(sqrt(v̂)+eps)")] public LessPreconditioning Preconditioning { get; init; } = LessPreconditioning.Reference;

    /// <summary>Folder of the feature datastore, reused by later runs over the same pool (null: the run's scratch folder, not reused).</summary>
    [Option("datastore", "folder of the reusable datastore of candidate features and warm-up adapters (default: less-datastore beside the run folder)", AffectsResult = false)] public string? Datastore { get; init; }

    /// <summary>The projections that get adapters: <see cref="LoraTargets"/>, or <see cref="DefaultLoraTargets"/> when not set.</summary>
    public IReadOnlyList<string> EffectiveLoraTargets => LoraTargets ?? DefaultLoraTargets;

    /// <inheritdoc/>
    public OptionProblem? Check()
    {
        var unknown = LoraTargets?.FirstOrDefault(t => !KnownTargets.Contains(t, StringComparer.Ordinal));
        return LoraTargets is { Count: 0 }
            ? new("lora_targets", "at least one projection is needed")
            : unknown is null ? null : new("lora_targets", $"unknown projection '{unknown}' (known: {string.Join(", ", KnownTargets)})");
    }
}
