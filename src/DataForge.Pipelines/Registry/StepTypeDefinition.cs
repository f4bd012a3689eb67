using DataForge.Core.Steps;

namespace DataForge.Pipelines.Registry;

/// <summary>A step type: its <c>type</c> name, its keys, and how to build it.</summary>
/// <param name="Type">The kebab-case <c>type</c> value.</param>
/// <param name="Role">The role of the steps it builds (validation needs it before building).</param>
/// <param name="Summary">One line for the README.</param>
/// <param name="Options">The type's own keys (the common keys name, type, input, parallelism, capacity are added by the validator).</param>
/// <param name="Factory">Builds the step from resolved options.</param>
public sealed record StepTypeDefinition(string Type, StepRole Role, string Summary, IReadOnlyList<OptionDefinition> Options, Func<StepBuildContext, Step> Factory)
{
    /// <summary>A check across keys (e.g. min below max), run after each key is valid: the offending key and a message, or null.</summary>
    public Func<ResolvedOptions, (string Key, string Message)?>? Check { get; init; }

    /// <summary>A check of the machine the step will run on (a tool it needs): a warning message, or null. Runs at validation.</summary>
    public Func<ResolvedOptions, string?>? Requirement { get; init; }
}
