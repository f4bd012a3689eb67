namespace DataForge.Pipelines.Registry;

/// <summary>Maps <c>type</c> names to step definitions. Later work adds step types here without touching the engine.</summary>
public sealed class StepRegistry
{
    private readonly SortedDictionary<string, StepTypeDefinition> _types = new(StringComparer.Ordinal);

    /// <summary>The registry with every built-in step type.</summary>
    public static StepRegistry CreateDefault()
    {
        var registry = new StepRegistry();
        BuiltInSteps.Register(registry);
        LintSeqSteps.Register(registry);
        GenerationSteps.Register(registry);
        EvolSteps.Register(registry);
        EnsembleSteps.Register(registry);
        EnsembleInstructSteps.Register(registry);
        LessSteps.Register(registry);
        S2lSteps.Register(registry);
        SelectionSteps.Register(registry);
        return registry;
    }

    /// <summary>Every registered type, sorted by name.</summary>
    public IEnumerable<StepTypeDefinition> Types => _types.Values;

    /// <summary>Adds a step type.</summary>
    public void Register(StepTypeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!_types.TryAdd(definition.Type, definition))
        {
            throw new ArgumentException($"Step type '{definition.Type}' is already registered.", nameof(definition));
        }
    }

    /// <summary>Looks a type up.</summary>
    public bool TryGet(string type, out StepTypeDefinition definition) => _types.TryGetValue(type, out definition!);
}
