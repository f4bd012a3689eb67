using System.Text;
using System.Text.Json;

namespace DataForge.Core.Quality;

/// <summary>
/// One record's rule values and failed rules, in rule order: what goes into <c>meta.quality</c>
/// as one JSON object (numbers as numbers, <c>failed</c> as an array of rule names). Fractions are
/// rounded to 4 decimals before they are compared, so the stored values are the ones the rules saw.
/// </summary>
public sealed class QualityReport
{
    private readonly List<KeyValuePair<string, object>> _values = [];
    private readonly List<QualityRule> _failed = [];

    /// <summary>The values in the order they were measured.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Values => _values;

    /// <summary>Every failed rule, in rule order.</summary>
    public IReadOnlyList<QualityRule> Failed => _failed;

    /// <summary>The rule that decides the drop reason (the first failed one), or null when all passed.</summary>
    public QualityRule? FirstFailed => _failed.Count == 0 ? null : _failed[0];

    /// <summary>Rounds a fraction the way the report stores it.</summary>
    public static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    /// <summary>Adds an integer value.</summary>
    public void Add(string key, long value) => _values.Add(new(key, value));

    /// <summary>Adds a number, rounded; returns the rounded value.</summary>
    public double Add(string key, double value)
    {
        var rounded = Round(value);
        _values.Add(new(key, rounded));
        return rounded;
    }

    /// <summary>Adds a flag.</summary>
    public void Add(string key, bool value) => _values.Add(new(key, value));

    /// <summary>Adds a text (such as a parse error).</summary>
    public void Add(string key, string value) => _values.Add(new(key, value));

    /// <summary>Records a failed rule (once).</summary>
    public void Fail(QualityRule rule)
    {
        if (!_failed.Contains(rule))
        {
            _failed.Add(rule);
            _failed.Sort();
        }
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public object? this[string key] => _values.FirstOrDefault(v => v.Key == key).Value;

    /// <summary>The JSON object for <c>meta.quality</c>.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in _values)
            {
                switch (value)
                {
                    case long l:
                        writer.WriteNumber(key, l);
                        break;
                    case double d:
                        writer.WriteNumber(key, d);
                        break;
                    case bool b:
                        writer.WriteBoolean(key, b);
                        break;
                    default:
                        writer.WriteString(key, value.ToString());
                        break;
                }
            }

            writer.WriteStartArray("failed");
            foreach (var rule in _failed)
            {
                writer.WriteStringValue(QualityRules.Name(rule));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
