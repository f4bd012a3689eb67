namespace DataForge.Generation.Evol;

/// <summary>The evolution operations (each the id of its prompt template) and the named operation sets.</summary>
public static class EvolOperations
{
    /// <summary>In-depth: add one more constraint or requirement.</summary>
    public const string AddConstraints = "add_constraints";

    /// <summary>In-depth: deepen and widen the inquiry.</summary>
    public const string Deepening = "deepening";

    /// <summary>In-depth: replace general concepts with specific ones.</summary>
    public const string Concretizing = "concretizing";

    /// <summary>In-depth: ask explicitly for multi-step reasoning.</summary>
    public const string IncreaseReasoning = "increase_reasoning";

    /// <summary>In-depth: add complex structured input (code, table, formula, data).</summary>
    public const string ComplicateInput = "complicate_input";

    /// <summary>In-breadth: a new, rarer prompt of the same domain.</summary>
    public const string Mutation = "mutation";

    /// <summary>Code: new constraints and requirements (about 10 more words).</summary>
    public const string CodeNewConstraints = "code_new_constraints";

    /// <summary>Code: a rarer, more specific requirement instead of a common one.</summary>
    public const string CodeRarerRequirement = "code_rarer_requirement";

    /// <summary>Code: more reasoning steps.</summary>
    public const string CodeMoreReasoning = "code_more_reasoning";

    /// <summary>Code: erroneous code as a misleading reference.</summary>
    public const string CodeErroneousReference = "code_erroneous_reference";

    /// <summary>Code: stricter time or space complexity.</summary>
    public const string CodeHigherComplexity = "code_higher_complexity";

    /// <summary>The id of the equality judge's template (not an operation).</summary>
    public const string EqualityJudge = "equality_judge";

    /// <summary>The name of the <see cref="Default"/> set in the <c>operations</c> key.</summary>
    public const string DefaultPreset = "default";

    /// <summary>The name of the <see cref="Code"/> set in the <c>operations</c> key.</summary>
    public const string CodePreset = "code";

    /// <summary>The WizardLM set: the five in-depth operations and mutation.</summary>
    public static IReadOnlyList<string> Default { get; } = [AddConstraints, Deepening, Concretizing, IncreaseReasoning, ComplicateInput, Mutation];

    /// <summary>The WizardCoder (Code Evol-Instruct) set.</summary>
    public static IReadOnlyList<string> Code { get; } = [CodeNewConstraints, CodeRarerRequirement, CodeMoreReasoning, CodeErroneousReference, CodeHigherComplexity];

    /// <summary>Every operation, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Default, .. Code];

    /// <summary>Expands preset names (<c>default</c>, <c>code</c>) into their operations, keeping order and dropping repeats.</summary>
    /// <exception cref="ArgumentException">An entry is neither an operation nor a preset.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var result = new List<string>();
        foreach (var entry in entries)
        {
            IReadOnlyList<string> ops = entry switch
            {
                DefaultPreset => Default,
                CodePreset => Code,
                _ when All.Contains(entry) => [entry],
                _ => throw new ArgumentException($"unknown evolution operation '{entry}' (known: {DefaultPreset}, {CodePreset}, {string.Join(", ", All)})", nameof(entries)),
            };
            result.AddRange(ops.Where(op => !result.Contains(op)));
        }

        return result;
    }
}
