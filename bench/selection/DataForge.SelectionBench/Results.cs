using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataForge.SelectionBench;

/// <summary>One subset's figures: its held-out loss per training seed and how it was chosen.</summary>
internal sealed record SubsetResult(string Name, bool IsRandom, int Records, double SelectionSeconds, IReadOnlyList<double> Losses, double TrainSecondsMean, IReadOnlyDictionary<string, int> Mix)
{
    public double Mean => Losses.Average();

    public double Std => Math.Sqrt(Losses.Sum(l => (l - Mean) * (l - Mean)) / Math.Max(1, Losses.Count - 1));
}

/// <summary>Everything one bench run measured, and its Markdown table.</summary>
internal sealed record Results(string Mode, string Date, int Cores, int Pool, int Budget, int HeldOut, int Steps, FineTuneSettings Settings, double UntrainedLoss, IReadOnlyList<SubsetResult> Rows)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private IReadOnlyList<SubsetResult> RandomRows => [.. Rows.Where(r => r.IsRandom)];

    /// <summary>Mean over every random run (all draws, all training seeds).</summary>
    public double RandomMean => RandomRows.SelectMany(r => r.Losses).Average();

    /// <summary>The noise floor: the spread of the random draws' means (max − min).</summary>
    public double RandomSpread => RandomRows.Max(r => r.Mean) - RandomRows.Min(r => r.Mean);

    public string ToJson() => JsonSerializer.Serialize(new { results = this, random_mean = RandomMean, random_spread = RandomSpread }, Json);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var all = RandomRows.SelectMany(r => r.Losses).ToList();
        var allStd = Math.Sqrt(all.Sum(l => (l - RandomMean) * (l - RandomMean)) / Math.Max(1, all.Count - 1));
        Line(text, $"mode {Mode}, {Date}, {Cores} cores (CPU): pool {Pool} records, budget {Budget} (10%), {Steps} optimizer steps of {Settings.BatchSize} per fine-tune (lr {F(Settings.LearningRate, "G3")}, full fine-tuning, max {Settings.MaxLength} tokens), {(Rows.Count > 0 ? Rows[0].Losses.Count : 0)} training seeds, {HeldOut} held-out target examples");
        Line(text, "");
        Line(text, "| selector | records | seeds / evol / code-evol / lintseq | selection wall time | held-out loss mean ± std | min–max | Δ vs random mean |");
        Line(text, "|---|---:|---|---:|---:|---:|---:|");
        Line(text, $"| untrained tiny (reference) | – | – | – | {F(UntrainedLoss)} | – | {Delta(UntrainedLoss)} |");
        Line(text, $"| random, all draws ({all.Count} runs) | {Budget} | – | – | {F(RandomMean)} ± {F(allStd)} | {F(all.Min())}–{F(all.Max())} | 0 |");
        foreach (var row in Rows)
        {
            var mix = string.Join(" / ", Evaluation.Parts.Select(p => row.Mix.GetValueOrDefault(p).ToString(CultureInfo.InvariantCulture)));
            Line(text, $"| {row.Name} | {row.Records} | {mix} | {Seconds(row.SelectionSeconds)} | {F(row.Mean)} ± {F(row.Std)} | {F(row.Losses.Min())}–{F(row.Losses.Max())} | {Delta(row.Mean)} |");
        }

        Line(text, "");
        Line(text, $"noise floor (random vs random): the {RandomRows.Count} draws' means span {F(RandomRows.Min(r => r.Mean))}–{F(RandomRows.Max(r => r.Mean))} ({F(RandomSpread)}); mean training-seed std within a draw {F(RandomRows.Average(r => r.Std))}.");
        foreach (var row in Rows.Where(r => !r.IsRandom))
        {
            Line(text, $"{row.Name}: {Verdict(row)}");
        }

        Line(text, "");
        Line(text, $"loss: mean over the held-out examples of each one's mean response-token loss (nats/token); lower is better. Fine-tune wall time about {Seconds(Rows.Average(r => r.TrainSecondsMean))} each.");
        return text.ToString();
    }

    private string Verdict(SubsetResult row)
    {
        var low = RandomRows.Min(r => r.Mean);
        var high = RandomRows.Max(r => r.Mean);
        var delta = row.Mean - RandomMean;
        if (row.Mean < low && -delta > RandomSpread)
        {
            return $"below every random draw by more than the noise floor ({Delta(row.Mean)}): beats random here";
        }

        if (row.Mean > high && delta > RandomSpread)
        {
            return $"above every random draw by more than the noise floor ({Delta(row.Mean)}): worse than random here";
        }

        return $"within the noise floor of random ({Delta(row.Mean)} vs a spread of {F(RandomSpread)}): no measurable difference";
    }

    private string Delta(double mean) => (mean - RandomMean).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    private static string F(double value, string format = "F3") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds < 0.01 ? "<0.01 s" : seconds < 60 ? $"{F(seconds, "F1")} s" : $"{F(seconds / 60, "F1")} min";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
