using System.Globalization;
using DataForge.Core.Options;

namespace DataForge.Scoring.Selection;

/// <summary>Options of <see cref="SelectStep"/>.</summary>
/// <remarks>
/// Set at least one of <see cref="TopK"/>, <see cref="TopFraction"/>, <see cref="Min"/>, <see cref="Max"/>,
/// and not both budgets; <see cref="Score"/> must parse as a <see cref="ScoreFormula"/>.
/// </remarks>
public sealed record SelectOptions : IOptionsCheck
{
    /// <summary>The score ranked by: one name (<c>ic_ifd</c>) or a linear combination.</summary>
    [Option("score", "the score to rank by (ifd, ic_ifd, less, ...) or a linear combination such as \"0.7 * ic_ifd + 0.3 * less\"", Required = true)] public string Score { get; init; } = "";

    /// <summary>The ranking order.</summary>
    [Option("order", "desc: highest first; asc: lowest first")] public SelectOrder Order { get; init; } = SelectOrder.Desc;

    /// <summary>Keep at most this many records (≥ 0).</summary>
    [Option("top_k", "keep this many records", Min = 0)] public int? TopK { get; init; }

    /// <summary>Keep this share of the scored records, rounded down (0..1).</summary>
    [Option("top_fraction", "keep this share of the records that have the score (rounded down)", Min = 0, Max = 1)] public double? TopFraction { get; init; }

    /// <summary>Drop values below this.</summary>
    [Option("min", "drop values below this")] public double? Min { get; init; }

    /// <summary>Drop values above this.</summary>
    [Option("max", "drop values above this")] public double? Max { get; init; }

    /// <summary><c>SOURCE=N</c> entries: at most N kept records per source; <c>*=N</c> applies to sources not named.</summary>
    [Option("source_quotas", "\"SOURCE=N\" entries: at most N kept records from that read step (\"*=N\" for every other source)")] public IReadOnlyList<string>? SourceQuotas { get; init; }

    /// <summary>The source quotas by source (call after <see cref="Check"/> holds).</summary>
    public IReadOnlyDictionary<string, int> Quotas()
    {
        var quotas = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in SourceQuotas ?? [])
        {
            var at = entry.LastIndexOf('=');
            quotas[entry[..at].Trim()] = int.Parse(entry[(at + 1)..].Trim(), CultureInfo.InvariantCulture);
        }

        return quotas;
    }

    /// <inheritdoc/>
    public OptionProblem? Check()
    {
        try
        {
            ScoreFormula.Parse(Score ?? "");
        }
        catch (FormatException e)
        {
            return new("score", e.Message);
        }

        if (TopK is not null && TopFraction is not null)
        {
            return new("top_k", "set top_k or top_fraction, not both");
        }

        if (TopK is null && TopFraction is null && Min is null && Max is null)
        {
            return new("top_k", "nothing to select by: set top_k, top_fraction, min or max");
        }

        foreach (var entry in SourceQuotas ?? [])
        {
            var at = entry.LastIndexOf('=');
            if (at <= 0 || !int.TryParse(entry[(at + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return new("source_quotas", $"'{entry}' is not SOURCE=N with N a whole number");
            }
        }

        return null;
    }
}
