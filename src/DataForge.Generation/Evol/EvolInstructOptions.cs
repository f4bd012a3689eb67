using DataForge.Core.Options;

namespace DataForge.Generation.Evol;

/// <summary>Options of <see cref="EvolInstructExpander"/> (defaults: the official WizardLM script's).</summary>
/// <remarks>The judge always decodes greedily, at most <see cref="JudgeMaxTokens"/> tokens.</remarks>
public sealed record EvolInstructOptions : IOptionsCheck
{
    /// <summary>Most new tokens of a judge answer ("Equal" / "Not Equal").</summary>
    public const int JudgeMaxTokens = 16;

    /// <summary>The defaults.</summary>
    public static EvolInstructOptions Default { get; } = new();

    /// <summary>The <c>[models.NAME]</c> entry that rewrites instructions (the factory's; a step built in code gets its models directly).</summary>
    [Option("evolver", "the model that rewrites instructions", Kind = OptionKind.ModelRef, Required = true)] public string? Evolver { get; init; }

    /// <summary>The model that answers evolved instructions; null: the evolver.</summary>
    [Option("answerer", "the model that answers evolved instructions (default: the evolver)", Kind = OptionKind.ModelRef)] public string? Answerer { get; init; }

    /// <summary>The model asked whether an evolution equals its parent; null: the evolver.</summary>
    [Option("judge", "the model asked \"Equal\" / \"Not Equal\" (paper elimination; default: the evolver)", Kind = OptionKind.ModelRef)] public string? Judge { get; init; }

    /// <summary>Evolution rounds M (the paper's value is 4).</summary>
    [Option("rounds", "evolution rounds M", Min = 1, Max = 100)] public int Rounds { get; init; } = 4;

    /// <summary>Operation names or presets (<c>default</c>, <c>code</c>); null: the preset <c>default</c>. See <see cref="OperationList"/>.</summary>
    [Option("operations", "operations or presets to draw from (default: the preset 'default' = five in-depth + mutation; 'code' = Code Evol-Instruct)")] public IReadOnlyList<string>? Operations { get; init; }

    /// <summary>How the operation of each (record, round) is chosen.</summary>
    [Option("selection", "uniform: a seeded draw per (record, round); rotation: ops[(i + round) mod n]")] public EvolSelection Selection { get; init; } = EvolSelection.Uniform;

    /// <summary>Which failure rules apply.</summary>
    [Option("elimination", "paper: the four rules of WizardLM; h2o: the h2o-wizardlm string rules")] public EvolElimination Elimination { get; init; } = EvolElimination.Paper;

    /// <summary>Sampling temperature of evolver and answerer.</summary>
    [Option("temperature", "sampling temperature of evolver and answerer (the judge decodes greedily)", Min = 0, Max = 2)] public double Temperature { get; init; } = 1.0;

    /// <summary>Nucleus mass of evolver and answerer.</summary>
    [Option("top_p", "nucleus mass of evolver and answerer", Min = 0.000001, Max = 1)] public double TopP { get; init; } = 0.95;

    /// <summary>Top-k cut; 0 for none.</summary>
    [Option("top_k", "top-k cut of evolver and answerer; 0 for none", Min = 0)] public int TopK { get; init; }

    /// <summary>Most new tokens of an evolution or an answer.</summary>
    [Option("max_tokens", "most new tokens of an evolution or an answer", Min = 1, Max = 1_000_000)] public int MaxTokens { get; init; } = 2048;

    /// <summary>Folder of <c>.txt</c> templates that replace the built-in ones of the same name, as written in the pipeline.</summary>
    [Option("templates", "folder of .txt prompt templates that replace the built-in ones of the same name", Kind = OptionKind.Path)] public string? Templates { get; init; }

    /// <summary>The operations drawn from: <see cref="Operations"/> (or the preset <c>default</c>) with presets expanded, in order, without repeats.</summary>
    public IReadOnlyList<string> OperationList() => EvolOperations.Expand(Operations ?? [EvolOperations.DefaultPreset]);

    /// <inheritdoc/>
    public OptionProblem? Check()
    {
        if (Operations is { Count: 0 })
        {
            return new("operations", "at least one operation is needed");
        }

        var unknown = Operations?.FirstOrDefault(e => e is not EvolOperations.DefaultPreset and not EvolOperations.CodePreset && !EvolOperations.All.Contains(e));
        return unknown is null
            ? null
            : new("operations", $"unknown evolution operation '{unknown}' (known: {EvolOperations.DefaultPreset}, {EvolOperations.CodePreset}, {string.Join(", ", EvolOperations.All)})");
    }
}
