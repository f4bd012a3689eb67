using System.Globalization;
using System.Text;

namespace DataForge.Review.Index;

/// <summary>
/// The sample list's filters, sort and page, read from and written to the URL query string:
/// <c>status</c> (kept, rejected), <c>reason</c>, <c>step</c>, <c>kind</c>, <c>language</c>, <c>model</c>,
/// <c>operation</c>, <c>round</c>, <c>min_SCORE</c> / <c>max_SCORE</c> for each score, <c>q</c> (full text),
/// <c>sort</c> (a score or length column), <c>dir</c> (asc, desc), <c>page</c> (from 1), <c>per_page</c>, and <c>run</c>.
/// </summary>
public sealed record SampleQuery
{
    /// <summary>Records per page unless <c>per_page</c> says otherwise.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The most records a page may hold.</summary>
    public const int MaxPageSize = 500;

    /// <summary>kept, rejected, or empty for both.</summary>
    public string Status { get; init; } = "";

    /// <summary>Equality filters by facet column (<c>step</c>, <c>reason</c>, ...); absent or empty means any.</summary>
    public IReadOnlyDictionary<string, string> Equal { get; init; } = new Dictionary<string, string>();

    /// <summary>Lower bounds by score column.</summary>
    public IReadOnlyDictionary<string, double> Min { get; init; } = new Dictionary<string, double>();

    /// <summary>Upper bounds by score column.</summary>
    public IReadOnlyDictionary<string, double> Max { get; init; } = new Dictionary<string, double>();

    /// <summary>Full-text query (words, all of which must occur), or empty.</summary>
    public string Text { get; init; } = "";

    /// <summary>Sort column (one of the sortable columns), or empty for the shards' order.</summary>
    public string Sort { get; init; } = "";

    /// <summary>True for descending order.</summary>
    public bool Descending { get; init; }

    /// <summary>The page, from 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Records per page (<c>per_page</c>, 1 to <see cref="MaxPageSize"/>).</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The run selected (a folder name), or empty for the default one.</summary>
    public string Run { get; init; } = "";

    /// <summary>Reads the query string's values (unknown names and malformed numbers are ignored).</summary>
    public static SampleQuery Parse(Func<string, string?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var equal = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var facet in IndexSchema.Facets)
        {
            if (value(facet) is { Length: > 0 } v)
            {
                equal[facet] = v;
            }
        }

        var min = new Dictionary<string, double>(StringComparer.Ordinal);
        var max = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var score in IndexSchema.Scores)
        {
            if (Number(value("min_" + score)) is { } lo)
            {
                min[score] = lo;
            }

            if (Number(value("max_" + score)) is { } hi)
            {
                max[score] = hi;
            }
        }

        var sort = value("sort") ?? "";
        return new SampleQuery
        {
            Status = value("status") is "kept" or "rejected" ? value("status")! : "",
            Equal = equal,
            Min = min,
            Max = max,
            Text = (value("q") ?? "").Trim(),
            Sort = IndexSchema.Sortable.Contains(sort) ? sort : "",
            Descending = value("dir") != "asc",
            Page = int.TryParse(value("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page : 1,
            Run = value("run") ?? "",
            PageSize = int.TryParse(value("per_page"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxPageSize ? size : DefaultPageSize,
        };
    }

    /// <summary>The query string (without <c>?</c>) for this query, with <paramref name="page"/> instead of <see cref="Page"/> when given.</summary>
    public string ToQueryString(int? page = null)
    {
        var parts = new List<(string, string)>();
        Add(parts, "run", Run);
        Add(parts, "status", Status);
        foreach (var facet in IndexSchema.Facets)
        {
            Add(parts, facet, Equal.GetValueOrDefault(facet) ?? "");
        }

        foreach (var score in IndexSchema.Scores)
        {
            Add(parts, "min_" + score, Min.TryGetValue(score, out var lo) ? lo.ToString("R", CultureInfo.InvariantCulture) : "");
            Add(parts, "max_" + score, Max.TryGetValue(score, out var hi) ? hi.ToString("R", CultureInfo.InvariantCulture) : "");
        }

        Add(parts, "q", Text);
        Add(parts, "sort", Sort);
        Add(parts, "dir", Sort.Length > 0 && !Descending ? "asc" : "");
        Add(parts, "per_page", PageSize != DefaultPageSize ? PageSize.ToString(CultureInfo.InvariantCulture) : "");
        var p = page ?? Page;
        Add(parts, "page", p > 1 ? p.ToString(CultureInfo.InvariantCulture) : "");
        return string.Join('&', parts.Select(kv => $"{Uri.EscapeDataString(kv.Item1)}={Uri.EscapeDataString(kv.Item2)}"));
    }

    /// <summary>
    /// The full-text query as an FTS5 expression: the text split into words as the index's tokenizer
    /// splits it (letters and digits; anything else separates), each word quoted, all required.
    /// </summary>
    internal static string FtsExpression(string text)
    {
        var expression = new StringBuilder();
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                expression.Append(expression.Length > 0 ? " " : "").Append('"').Append(word).Append('"');
                word.Clear();
            }
        }

        return expression.ToString();
    }

    private static void Add(List<(string, string)> parts, string name, string value)
    {
        if (value.Length > 0)
        {
            parts.Add((name, value));
        }
    }

    private static double? Number(string? text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;
}
