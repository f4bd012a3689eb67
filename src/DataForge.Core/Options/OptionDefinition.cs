namespace DataForge.Core.Options;

/// <summary>One key a step type (or the run / a model) accepts.</summary>
/// <param name="Key">The snake_case key.</param>
/// <param name="Kind">Its value type.</param>
/// <param name="Default">The default (null: no default).</param>
/// <param name="Description">One line for the pipeline reference (docs/reference.md) and for diagnostics.</param>
public sealed record OptionDefinition(string Key, OptionKind Kind, object? Default, string Description)
{
    /// <summary>True when the key must be given.</summary>
    public bool Required { get; init; }

    /// <summary>Smallest allowed number.</summary>
    public double? Min { get; init; }

    /// <summary>Largest allowed number.</summary>
    public double? Max { get; init; }

    /// <summary>The allowed strings, when the key is an enumeration.</summary>
    public IReadOnlyList<string>? Allowed { get; init; }

    /// <summary>How the reference shows a default that depends on the machine; null: the default's value.</summary>
    public string? DefaultText { get; init; }

    /// <summary>For a model reference: the named model must be one that can be trained (S2L proxy training, LESS warm-up).</summary>
    public bool Trainable { get; init; }

    /// <summary>False for keys that change speed but never results (parallelism, capacity): they stay out of cache keys and the run id.</summary>
    public bool AffectsResult { get; init; } = true;
}
