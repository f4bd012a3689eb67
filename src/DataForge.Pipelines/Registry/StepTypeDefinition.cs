using DataForge.Core.Options;
using DataForge.Core.Steps;

namespace DataForge.Pipelines.Registry;

/// <summary>A step type as the validator and the run use it: its <c>type</c> name, its keys, and how to build it from validated keys.</summary>
/// <param name="Type">The kebab-case <c>type</c> value.</param>
/// <param name="Role">The role of the steps it builds (validation needs it before building).</param>
/// <param name="Summary">One line for the pipeline reference.</param>
/// <param name="Options">The type's own keys (the common keys name, type, input, parallelism, capacity are added by the validator).</param>
/// <param name="Factory">Builds the step from resolved options.</param>
public sealed record StepTypeDefinition(string Type, StepRole Role, string Summary, IReadOnlyList<OptionDefinition> Options, Func<StepBuildContext, Step> Factory)
{
    /// <summary>A check across keys (e.g. min below max), run after each key is valid: the offending key and a message, or null.</summary>
    public Func<ResolvedOptions, (string Key, string Message)?>? Check { get; init; }

    /// <summary>A check of the machine the step will run on (a tool it needs): a warning message, or null. Runs at validation.</summary>
    public Func<ResolvedOptions, string?>? Requirement { get; init; }

    /// <summary>The step's own declaration, when it has one (its contract and options record).</summary>
    public StepDefinition? Declaration { get; init; }

    /// <summary>The validator's view of a step's own declaration: keys from its options record, checks from the record's rules.</summary>
    public static StepTypeDefinition From(StepDefinition declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        object Bind(ResolvedOptions o) => OptionSchema.Bind(declaration.OptionsType, o.Values);
        return new StepTypeDefinition(declaration.Type, declaration.Role, declaration.Summary, declaration.Options, c => declaration.Factory(Bind(c.Options), c))
        {
            Declaration = declaration,
            Check = o => Bind(o) is IOptionsCheck checkable && checkable.Check() is { } problem ? (problem.Key, problem.Message) : null,
            Requirement = o => Bind(o) is IOptionsRequirement required ? required.Requirement() : null,
        };
    }
}
