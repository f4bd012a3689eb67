using System.Globalization;
using System.Text;

namespace DataForge.Scoring.Selection;

/// <summary>
/// A linear combination of named scores, written as text: <c>ic_ifd</c>, <c>0.7 * ic_ifd + 0.3 * less</c>,
/// <c>ifd - 0.5 * less</c>. Terms are an optional number and <c>*</c>, then a score name; a term
/// may also be a plain number (a constant). A record lacking any named score has no value.
/// </summary>
public sealed class ScoreFormula
{
    private readonly List<(double Weight, string? Name)> _terms;

    private ScoreFormula(string text, List<(double, string?)> terms)
    {
        Text = text;
        _terms = terms;
    }

    /// <summary>The formula as written.</summary>
    public string Text { get; }

    /// <summary>The score names the formula reads, in order of first use.</summary>
    public IReadOnlyList<string> Names => [.. _terms.Where(t => t.Name is not null).Select(t => t.Name!).Distinct(StringComparer.Ordinal)];

    /// <summary>True when the formula is one score name with weight 1.</summary>
    public bool IsSingleScore => _terms.Count == 1 && _terms[0] is { Weight: 1, Name: not null };

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text is not a linear combination of score names; the message says where.</exception>
    public static ScoreFormula Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<(double, string?)>();
        var at = 0;
        var sign = 1.0;
        SkipSpaces(text, ref at);
        if (at < text.Length && text[at] is '+' or '-')
        {
            sign = text[at] == '-' ? -1 : 1;
            at++;
        }

        while (true)
        {
            terms.Add(Term(text, ref at, sign));
            SkipSpaces(text, ref at);
            if (at == text.Length)
            {
                break;
            }

            if (text[at] is not ('+' or '-'))
            {
                throw new FormatException($"formula '{text}': expected + or - at character {at + 1}");
            }

            sign = text[at] == '-' ? -1 : 1;
            at++;
        }

        return new ScoreFormula(text.Trim(), terms);
    }

    /// <summary>The value for a record's scores, or null when a named score is missing or not finite.</summary>
    public double? Evaluate(IReadOnlyDictionary<string, double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var sum = 0.0;
        foreach (var (weight, name) in _terms)
        {
            if (name is null)
            {
                sum += weight;
                continue;
            }

            if (!scores.TryGetValue(name, out var value) || !double.IsFinite(value))
            {
                return null;
            }

            sum += weight * value;
        }

        return sum;
    }

    private static (double, string?) Term(string text, ref int at, double sign)
    {
        SkipSpaces(text, ref at);
        if (at < text.Length && (char.IsAsciiDigit(text[at]) || text[at] == '.'))
        {
            var number = Number(text, ref at);
            SkipSpaces(text, ref at);
            if (at < text.Length && text[at] == '*')
            {
                at++;
                SkipSpaces(text, ref at);
                return (sign * number, Name(text, ref at));
            }

            return (sign * number, null);
        }

        return (sign, Name(text, ref at));
    }

    private static double Number(string text, ref int at)
    {
        var start = at;
        while (at < text.Length && (char.IsAsciiDigit(text[at]) || text[at] is '.' or 'e' or 'E' || (text[at] is '+' or '-' && at > start && text[at - 1] is 'e' or 'E')))
        {
            at++;
        }

        return double.TryParse(text.AsSpan(start, at - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"formula '{text}': '{text[start..at]}' at character {start + 1} is not a number");
    }

    private static string Name(string text, ref int at)
    {
        var name = new StringBuilder();
        while (at < text.Length && (char.IsAsciiLetterOrDigit(text[at]) || text[at] == '_'))
        {
            name.Append(text[at]);
            at++;
        }

        return name.Length > 0 && !char.IsAsciiDigit(name[0])
            ? name.ToString()
            : throw new FormatException($"formula '{text}': expected a score name at character {at + 1}");
    }

    private static void SkipSpaces(string text, ref int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }
    }
}
