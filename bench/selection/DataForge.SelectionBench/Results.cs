using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataForge.SelectionBench;

/// <summary>One subset's figures: its held-out loss per training seed, its composition and how it was chosen.</summary>
internal sealed record SubsetResult(string Name, string Budget, bool IsRandom, int Records, int Steps, double SelectionSeconds, IReadOnlyList<double> Losses, double TrainSecondsMean, IReadOnlyDictionary<string, int> Mix, int Unmatched)
{
    public double Mean => Losses.Average();

    public double Std => Stats.Std(Losses);

    /// <summary>The share (0–1) of one planted kind in the subset.</summary>
    public double Share(string kind) => Records == 0 ? 0 : Mix.GetValueOrDefault(kind) / (double)Records;
}

/// <summary>The run's settings, for the tables' header.</summary>
internal sealed record RunInfo(string Mode, string Date, int Cores, int Pool, int HeldOut, int Seeds, int Draws, FineTuneSettings Settings, IReadOnlyDictionary<string, int> PoolMix, string Proxy);

/// <summary>Everything one bench run measured.</summary>
internal sealed record Results(RunInfo Info, double UntrainedLoss, IReadOnlyList<SubsetResult> Rows)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The budgets' labels, in the order measured (the whole pool excluded).</summary>
    public IReadOnlyList<string> Budgets => [.. Rows.Where(r => r.Budget != "100%").Select(r => r.Budget).Distinct()];

    /// <summary>The random draws at one budget.</summary>
    public IReadOnlyList<SubsetResult> Random(string budget) => [.. Rows.Where(r => r.IsRandom && r.Budget == budget)];

    /// <summary>Mean over every random run at one budget (all draws, all training seeds).</summary>
    public double RandomMean(string budget) => Random(budget).SelectMany(r => r.Losses).Average();

    /// <summary>The noise floor at one budget: the standard deviation of the random draws' means.</summary>
    public double DrawStd(string budget) => Stats.Std([.. Random(budget).Select(r => r.Mean)]);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>Small statistics helpers.</summary>
internal static class Stats
{
    /// <summary>Sample standard deviation (0 for fewer than two values).</summary>
    public static double Std(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
