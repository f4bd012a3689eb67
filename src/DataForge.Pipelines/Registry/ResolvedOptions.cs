using System.Globalization;

namespace DataForge.Pipelines.Registry;

/// <summary>A step's (or model's) keys after validation: every key has a value of its declared kind (defaults filled in).</summary>
public sealed class ResolvedOptions
{
    private readonly SortedDictionary<string, object?> _values;

    /// <summary>Wraps validated values.</summary>
    public ResolvedOptions(IDictionary<string, object?> values) => _values = new(values, StringComparer.Ordinal);

    /// <summary>All keys and values, sorted by key.</summary>
    public IReadOnlyDictionary<string, object?> Values => _values;

    /// <summary>A string value (null when absent and without default).</summary>
    public string? GetString(string key) => _values.GetValueOrDefault(key) as string;

    /// <summary>An integer value.</summary>
    public long? GetInteger(string key) => _values.GetValueOrDefault(key) is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;

    /// <summary>A float value.</summary>
    public double? GetFloat(string key) => _values.GetValueOrDefault(key) is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;

    /// <summary>A boolean value.</summary>
    public bool? GetBoolean(string key) => _values.GetValueOrDefault(key) as bool?;

    /// <summary>A string-list value.</summary>
    public IReadOnlyList<string>? GetStringList(string key) => _values.GetValueOrDefault(key) as IReadOnlyList<string>;
}
