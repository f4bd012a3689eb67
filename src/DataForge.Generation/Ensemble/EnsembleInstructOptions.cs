using DataForge.Core.Options;

namespace DataForge.Generation.Ensemble;

/// <summary>Options of <see cref="EnsembleInstructGenerator"/> (defaults: the reference's, github.com/IBM/ensemble-instruct).</summary>
public sealed record EnsembleInstructOptions : IOptionsCheck
{
    /// <summary>The default options.</summary>
    public static EnsembleInstructOptions Default { get; } = new();

    /// <summary>The <c>[models.NAME]</c> entry that writes instructions and instances (the factory's; a step built in code gets its model directly).</summary>
    [Option("generator", "the model that writes instructions and instances", Kind = OptionKind.ModelRef, Required = true)] public string? Generator { get; init; }

    /// <summary>Machine instructions to accept per task type.</summary>
    [Option("instructions", "machine instructions to accept per task type", Min = 1, Max = 1_000_000)] public int Instructions { get; init; } = 100;

    /// <summary>The task types to generate, in order (<c>with_input</c>, <c>output_only</c>); null: both. See <see cref="TaskTypes"/>.</summary>
    [Option("types", "task types to generate: with_input, output_only (default: both)")] public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Demonstrations per with-input instruction prompt.</summary>
    [Option("demonstrations_with_input", "demonstrations per with-input instruction prompt", Min = 1, Max = 200)] public int WithInputDemonstrations { get; init; } = 24;

    /// <summary>Demonstrations per output-only instruction prompt.</summary>
    [Option("demonstrations_output_only", "demonstrations per output-only instruction prompt", Min = 1, Max = 200)] public int OutputOnlyDemonstrations { get; init; } = 10;

    /// <summary>Most machine-made demonstrations per prompt; the rest are seeds.</summary>
    [Option("machine_demonstrations", "at most this many demonstrations are machine-made", Min = 0, Max = 200)] public int MachineDemonstrations { get; init; } = 4;

    /// <summary>Prompts sent in one model request.</summary>
    [Option("batch_size", "prompts per model request", Min = 1, Max = 1024)] public int BatchSize { get; init; } = 5;

    /// <summary>Instruction prompts per type before the step stops short of <see cref="Instructions"/>; null: 10 × instructions (see <see cref="PromptLimit"/>).</summary>
    [Option("max_prompts", "instruction prompts per type before stopping short (default: 10 x instructions)", Min = 1)] public int? MaxPrompts { get; init; }

    /// <summary>Sampling temperature of both stages (0 is greedy).</summary>
    [Option("temperature", "sampling temperature of both stages", Min = 0, Max = 2)] public double Temperature { get; init; } = 0.7;

    /// <summary>Top-k cut of both stages (0 for none).</summary>
    [Option("top_k", "top-k cut of both stages; 0 for none", Min = 0)] public int TopK { get; init; } = 50;

    /// <summary>Nucleus mass of both stages.</summary>
    [Option("top_p", "nucleus mass of both stages", Min = 0.000001, Max = 1)] public double TopP { get; init; } = 1.0;

    /// <summary>Most new tokens of an instruction.</summary>
    [Option("instruction_max_tokens", "most new tokens of an instruction", Min = 1, Max = 32768)] public int InstructionMaxTokens { get; init; } = 256;

    /// <summary>Most new tokens of an instance.</summary>
    [Option("instance_max_tokens", "most new tokens of an instance", Min = 1, Max = 32768)] public int InstanceMaxTokens { get; init; } = 512;

    /// <summary>An instruction whose max Rouge-L F against the seeds and accepted instructions of its type is above this is dropped.</summary>
    [Option("novelty_threshold", "an instruction whose max Rouge-L F against the type's seeds and accepted instructions is above this is dropped", Min = 0, Max = 1)] public double NoveltyThreshold { get; init; } = 0.7;

    /// <summary>Nearest instructions written to <c>meta.rouge_l_nearest</c>.</summary>
    [Option("nearest", "nearest instructions written to meta.rouge_l_nearest", Min = 0, Max = 100)] public int Nearest { get; init; } = 10;

    /// <summary>Porter stemming in the novelty Rouge-L (off in the reference).</summary>
    [Option("stem", "Porter stemming in the novelty Rouge-L (the reference has none)")] public bool Stem { get; init; }

    /// <summary>Folder whose template files replace the built-in ones, as written in the pipeline.</summary>
    [Option("templates", "folder whose instructions.txt / instances-with-input.txt / instances-output-only.txt replace the built-in templates", Kind = OptionKind.Path)] public string? Templates { get; init; }

    /// <summary>The task types to generate, in order: <see cref="Types"/> parsed, or both.</summary>
    public IReadOnlyList<EnsembleTaskType> TaskTypes()
        => Types is null ? [EnsembleTaskType.WithInput, EnsembleTaskType.OutputOnly] : [.. Types.Select(t => EnsembleCategorizer.Parse(t)!.Value)];

    /// <summary>Instruction prompts per type before giving up: <see cref="MaxPrompts"/>, or 10 × <see cref="Instructions"/>.</summary>
    public int PromptLimit() => MaxPrompts ?? (int)Math.Min(int.MaxValue, 10L * Instructions);

    /// <summary>Demonstrations per prompt for <paramref name="type"/>.</summary>
    public int DemonstrationsOf(EnsembleTaskType type)
        => type == EnsembleTaskType.WithInput ? WithInputDemonstrations : OutputOnlyDemonstrations;

    /// <inheritdoc/>
    public OptionProblem? Check()
    {
        if (Types is null)
        {
            return null;
        }

        if (Types.Count == 0 || Types.Distinct(StringComparer.Ordinal).Count() != Types.Count)
        {
            return new("types", "needs one or both of with_input, output_only, each once");
        }

        var unknown = Types.FirstOrDefault(t => EnsembleCategorizer.Parse(t) is null);
        return unknown is null ? null : new("types", $"unknown task type '{unknown}' (known: {EnsembleCategorizer.WithInputName}, {EnsembleCategorizer.OutputOnlyName})");
    }
}
