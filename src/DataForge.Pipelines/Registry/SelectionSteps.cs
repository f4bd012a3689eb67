using DataForge.Core.Options;
using DataForge.Core.Steps;
using DataForge.Scoring.Selection;

namespace DataForge.Pipelines.Registry;

/// <summary>The scoring and selection step types: <c>score-ifd</c>, <c>select</c>.</summary>
internal static class SelectionSteps
{
    public static void Register(StepRegistry registry)
    {
        registry.Register(new StepTypeDefinition("select", StepRole.Barrier, "Keeps a budget of records by a stored score or a linear combination of scores (top-k, top share, thresholds, per-source quotas).",
            [
                new("score", OptionKind.String, null, "the score to rank by (ifd, ic_ifd, less, ...) or a linear combination such as \"0.7 * ic_ifd + 0.3 * less\"") { Required = true },
                new("order", OptionKind.String, "desc", "desc: highest first; asc: lowest first") { Allowed = ["desc", "asc"] },
                new("top_k", OptionKind.Integer, null, "keep this many records") { Min = 0 },
                new("top_fraction", OptionKind.Float, null, "keep this share of the records that have the score (rounded down)") { Min = 0, Max = 1 },
                new("min", OptionKind.Float, null, "drop values below this"),
                new("max", OptionKind.Float, null, "drop values above this"),
                new("source_quotas", OptionKind.StringList, null, "\"SOURCE=N\" entries: at most N kept records from that read step (\"*=N\" for every other source)"),
            ],
            c =>
            {
                var o = c.Options;
                return new SelectStep(new SelectOptions(ScoreFormula.Parse(o.GetString("score")!))
                {
                    Descending = o.GetString("order") != "asc",
                    TopK = o.GetInteger("top_k") is { } k ? (int)Math.Min(int.MaxValue, k) : null,
                    TopFraction = o.GetFloat("top_fraction"),
                    Min = o.GetFloat("min"),
                    Max = o.GetFloat("max"),
                    SourceQuotas = Quotas(o.GetStringList("source_quotas")),
                });
            })
        {
            Check = CheckSelect,
        });
    }

    private static Dictionary<string, int> Quotas(IReadOnlyList<string>? entries)
    {
        var quotas = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries ?? [])
        {
            var at = entry.LastIndexOf('=');
            quotas[entry[..at].Trim()] = int.Parse(entry[(at + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return quotas;
    }

    private static (string Key, string Message)? CheckSelect(ResolvedOptions o)
    {
        try
        {
            ScoreFormula.Parse(o.GetString("score") ?? "");
        }
        catch (FormatException e)
        {
            return ("score", e.Message);
        }

        if (o.GetInteger("top_k") is not null && o.GetFloat("top_fraction") is not null)
        {
            return ("top_k", "set top_k or top_fraction, not both");
        }

        if (o.GetInteger("top_k") is null && o.GetFloat("top_fraction") is null && o.GetFloat("min") is null && o.GetFloat("max") is null)
        {
            return ("top_k", "nothing to select by: set top_k, top_fraction, min or max");
        }

        foreach (var entry in o.GetStringList("source_quotas") ?? [])
        {
            var at = entry.LastIndexOf('=');
            if (at <= 0 || !int.TryParse(entry[(at + 1)..].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return ("source_quotas", $"'{entry}' is not SOURCE=N with N a whole number");
            }
        }

        return null;
    }
}
