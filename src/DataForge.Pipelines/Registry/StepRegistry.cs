using System.Reflection;
using DataForge.Core.Steps;

namespace DataForge.Pipelines.Registry;

/// <summary>
/// Maps <c>type</c> names to step definitions. Every step class that declares a public static
/// <see cref="StepDefinition"/> property named <c>Definition</c> in one of the step assemblies is
/// registered: adding a step type touches no file here.
/// </summary>
public sealed class StepRegistry
{
    private readonly SortedDictionary<string, StepTypeDefinition> _types = new(StringComparer.Ordinal);

    /// <summary>The registry with every built-in step type.</summary>
    public static StepRegistry CreateDefault()
    {
        var registry = new StepRegistry();
        foreach (var declaration in Declarations())
        {
            registry.Register(StepTypeDefinition.From(declaration));
        }

        return registry;
    }

    /// <summary>The assemblies that hold step classes: Core, Storage, LintSeq, Generation, Scoring.</summary>
    public static IReadOnlyList<Assembly> StepAssemblies { get; } =
    [
        typeof(Step).Assembly,
        typeof(Storage.Readers.ReadStep).Assembly,
        typeof(LintSeq.LintSeqExpander).Assembly,
        typeof(Generation.Evol.EvolInstructExpander).Assembly,
        typeof(Scoring.Selection.SelectStep).Assembly,
    ];

    /// <summary>Every step class's own <c>Definition</c>, in the step assemblies.</summary>
    public static IEnumerable<StepDefinition> Declarations()
        => StepAssemblies.SelectMany(a => a.GetTypes())
            .Where(t => typeof(Step).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => t.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(StepDefinition))
            .Select(p => (StepDefinition)p!.GetValue(null)!);

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
