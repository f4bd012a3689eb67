using DataForge.Core.Options;

namespace DataForge.Core.Steps;

/// <summary>
/// A step type as the registry sees it: its <c>type</c> name, role, one-line summary, options record,
/// contract and factory. Each step class declares its own as a public static <c>Definition</c>
/// property; the registry finds them, so adding a step touches no other file.
/// </summary>
public sealed class StepDefinition
{
    private StepDefinition(string type, StepRole role, string summary, Type optionsType, StepContract contract, Func<object, IStepBuildContext, Step> factory, string? notes)
    {
        Notes = notes;
        Type = type;
        Role = role;
        Summary = summary;
        OptionsType = optionsType;
        Contract = contract;
        Factory = factory;
        Options = OptionSchema.Definitions(optionsType);
    }

    /// <summary>The kebab-case <c>type</c> value.</summary>
    public string Type { get; }

    /// <summary>The role of the steps it builds.</summary>
    public StepRole Role { get; }

    /// <summary>One line for the pipeline reference.</summary>
    public string Summary { get; }

    /// <summary>The options record (its <see cref="OptionAttribute"/> properties are the keys).</summary>
    public Type OptionsType { get; }

    /// <summary>The keys, read from <see cref="OptionsType"/>.</summary>
    public IReadOnlyList<OptionDefinition> Options { get; }

    /// <summary>Fields read, fields produced, drop reasons: the same contract the built step reports.</summary>
    public StepContract Contract { get; }

    /// <summary>Markdown paragraphs the step reference prints after the drop reasons (how rules are applied, why the defaults), or null.</summary>
    public string? Notes { get; }

    /// <summary>Builds a step from bound options and the run's resources.</summary>
    public Func<object, IStepBuildContext, Step> Factory { get; }

    /// <summary>Declares a step type whose role follows from <typeparamref name="TStep"/>'s base class.</summary>
    public static StepDefinition Create<TStep, TOptions>(string type, string summary, StepContract contract, Func<TOptions, IStepBuildContext, TStep> factory, string? notes = null)
        where TStep : Step
        where TOptions : new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(factory);
        return new StepDefinition(type, RoleOf(typeof(TStep)), summary, typeof(TOptions), contract, (o, c) => factory((TOptions)o, c), notes);
    }

    /// <summary>
    /// Declares a step type whose built class depends on its options (a per-record step that becomes a
    /// barrier for one option); <paramref name="role"/> is the role the reference shows, and each built
    /// step runs as its own class's role.
    /// </summary>
    public static StepDefinition CreateVariable<TOptions>(string type, StepRole role, string summary, StepContract contract, Func<TOptions, IStepBuildContext, Step> factory, string? notes = null)
        where TOptions : new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(factory);
        return new StepDefinition(type, role, summary, typeof(TOptions), contract, (o, c) => factory((TOptions)o, c), notes);
    }

    private static StepRole RoleOf(Type step)
    {
        for (var t = step; t is not null; t = t.BaseType)
        {
            var role = t.Name switch
            {
                nameof(SourceStep) => StepRole.Source,
                nameof(MapStep) => StepRole.Map,
                nameof(ExpandStep) => StepRole.Expand,
                nameof(FilterStep) => StepRole.Filter,
                nameof(BarrierStep) => StepRole.Barrier,
                nameof(SinkStep) => StepRole.Sink,
                nameof(BatchedStep) => StepRole.Batched,
                _ => (StepRole?)null,
            };
            if (role is { } found && t.Namespace == typeof(Step).Namespace)
            {
                return found;
            }
        }

        throw new ArgumentException($"{step.Name} derives from no role base", nameof(step));
    }
}
