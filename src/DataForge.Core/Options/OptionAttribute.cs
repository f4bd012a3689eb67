namespace DataForge.Core.Options;

/// <summary>
/// Declares a property of a step's options record as a pipeline key. The record is the single source
/// of the key: its name, its type (from the property's type), its default (the property's initial
/// value), its range and its one-line description. Validation, <c>--set</c>, the typed binding and
/// the generated pipeline reference all read this attribute.
/// </summary>
/// <param name="key">The snake_case key in the pipeline file.</param>
/// <param name="description">One line for the pipeline reference and for diagnostics.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class OptionAttribute(string key, string description) : Attribute
{
    /// <summary>The snake_case key.</summary>
    public string Key { get; } = key;

    /// <summary>One line for the pipeline reference.</summary>
    public string Description { get; } = description;

    /// <summary>
    /// <see cref="OptionKind.Path"/> or <see cref="OptionKind.ModelRef"/> for a string property that
    /// names a file or a model; left at <see cref="OptionKind.String"/> the kind follows the property's type.
    /// </summary>
    public OptionKind Kind { get; set; } = OptionKind.String;

    /// <summary>True when the key must be given.</summary>
    public bool Required { get; set; }

    /// <summary>Smallest allowed number (NaN: none).</summary>
    public double Min { get; set; } = double.NaN;

    /// <summary>Largest allowed number (NaN: none).</summary>
    public double Max { get; set; } = double.NaN;

    /// <summary>The allowed strings of a string key (an enumeration property lists its own values).</summary>
    public string[]? Allowed { get; set; }

    /// <summary>How the reference shows a default that depends on the machine (e.g. "cores"); null: the default's value.</summary>
    public string? DefaultText { get; set; }

    /// <summary>For a <see cref="OptionKind.ModelRef"/> key: the named model must be one that can be trained (<c>validate</c> checks its backend).</summary>
    public bool Trainable { get; set; }

    /// <summary>False for keys that change speed but never results: they stay out of cache keys and the run id.</summary>
    public bool AffectsResult { get; set; } = true;
}
