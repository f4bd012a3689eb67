using System.Globalization;
using System.Text;

namespace DataForge.SelectionBench;

/// <summary>The bench's Markdown: the held-out loss table, the composition table, the noise floor and a verdict per selector.</summary>
internal static class Tables
{
    private static readonly string[] Headers = ["target family", "off-target family", "swapped", "truncated", "near-duplicate", "clean"];

    public static string Markdown(Results results)
    {
        var text = new StringBuilder();
        var info = results.Info;
        var budgets = results.Budgets;
        var selectors = results.Rows.Where(r => !r.IsRandom && r.Budget != "100%").Select(r => r.Name).Distinct().ToList();
        var full = results.Rows.FirstOrDefault(r => r.Budget == "100%");
        Line(text, $"mode {info.Mode}, {info.Date} UTC, {info.Cores} cores (CPU): pool {info.Pool} records; budgets {string.Join(", ", budgets.Select(b => $"{b} = {(results.Random(b) is { Count: > 0 } d ? d[0].Records : 0)}"))}; {info.Draws} random draws; {info.Seeds} training seeds per subset; {info.HeldOut} held-out target-family examples; fine-tuning {F(info.Settings.Epochs, "G3")} epochs ({F(info.Settings.FullPoolEpochs, "G3")} on the full pool), batches of {info.Settings.BatchSize}, lr {F(info.Settings.LearningRate, "G3")}, max {info.Settings.MaxLength} tokens");
        Line(text, "");
        Line(text, info.Proxy);
        Line(text, "");
        Line(text, "Held-out target-family loss (nats/token, mean ± std over training seeds; Δ against the mean of all random runs at that budget):");
        Line(text, "");
        Line(text, "| selector | " + string.Join(" | ", budgets.Select(b => $"{b}: loss | {b}: Δ")) + " | selection wall time |");
        Line(text, "|---|" + string.Concat(budgets.Select(_ => "---:|---:|")) + "---:|");
        Line(text, "| no fine-tune | " + string.Join(" | ", budgets.Select(b => $"{F(results.UntrainedLoss)} | {Delta(results.UntrainedLoss, results.RandomMean(b))}")) + " | – |");
        Line(text, "| random, all draws | " + string.Join(" | ", budgets.Select(b => $"{F(results.RandomMean(b))} ± {F(Stats.Std([.. results.Random(b).SelectMany(r => r.Losses)]))} | 0")) + " | <0.01 s |");
        for (var draw = 0; draw < info.Draws; draw++)
        {
            Line(text, $"| random {draw + 1} | " + string.Join(" | ", budgets.Select(b => Cell(results.Random(b)[draw], results.RandomMean(b)))) + " | <0.01 s |");
        }

        foreach (var name in selectors)
        {
            var rows = budgets.Select(b => results.Rows.FirstOrDefault(r => r.Name == name && r.Budget == b)).ToList();
            Line(text, $"| {name} | " + string.Join(" | ", rows.Select((r, i) => r is null ? "– | –" : Cell(r, results.RandomMean(budgets[i])))) + " | " + string.Join(" / ", rows.Select(r => r is null ? "–" : Seconds(r.SelectionSeconds))) + " |");
        }

        if (full is not null)
        {
            Line(text, $"| full pool ({full.Records} records, {full.Steps} steps) | " + string.Join(" | ", budgets.Select(b => Cell(full, results.RandomMean(b)))) + " | – |");
        }

        Line(text, "");
        foreach (var b in budgets)
        {
            var draws = results.Random(b);
            Line(text, $"Noise floor at {b} ({draws[0].Records} records, {draws[0].Steps} steps): the {draws.Count} draws' means span {F(draws.Min(r => r.Mean))}–{F(draws.Max(r => r.Mean))}, std of the draw means {F(results.DrawStd(b))}; training-seed std within a draw {F(draws.Average(r => r.Std))}.");
        }

        Line(text, "");
        Composition(text, results, budgets, selectors, full);
        Line(text, "");
        foreach (var name in selectors)
        {
            Line(text, $"- {name}: " + string.Join("; ", budgets.Select(b => results.Rows.FirstOrDefault(r => r.Name == name && r.Budget == b) is { } r ? $"{b} {Verdict(results, r)}" : $"{b} not run")));
        }

        var unmatched = results.Rows.Sum(r => r.Unmatched);
        Line(text, unmatched == 0 ? "- every selected record was matched to the pool's truth" : $"- {unmatched} selected records did not match the pool's truth (counted in no column)");
        Line(text, $"- fine-tune wall time about {Seconds(results.Rows.Where(r => r.Budget != "100%").Average(r => r.TrainSecondsMean))} each at the budgets{(full is null ? "" : $", {Seconds(full.TrainSecondsMean)} on the full pool")}");
        return text.ToString();
    }

    private static void Composition(StringBuilder text, Results results, IReadOnlyList<string> budgets, IReadOnlyList<string> selectors, SubsetResult? full)
    {
        Line(text, "Composition of the subsets (share of the selected records; random: mean over the draws, min–max in brackets):");
        Line(text, "");
        Line(text, "| selector | budget | " + string.Join(" | ", Headers) + " |");
        Line(text, "|---|---:|" + string.Concat(Headers.Select(_ => "---:|")));
        var pool = results.Info.PoolMix;
        var total = pool.Values.Sum();
        Line(text, $"| pool | {total} | " + string.Join(" | ", Evaluation.Kinds.Select(k => Percent(pool.GetValueOrDefault(k) / (double)total))) + " |");
        foreach (var b in budgets)
        {
            var draws = results.Random(b);
            Line(text, $"| random | {b} | " + string.Join(" | ", Evaluation.Kinds.Select(k => $"{Percent(draws.Average(r => r.Share(k)))} ({Percent(draws.Min(r => r.Share(k)))}–{Percent(draws.Max(r => r.Share(k)))})")) + " |");
            foreach (var name in selectors)
            {
                if (results.Rows.FirstOrDefault(r => r.Name == name && r.Budget == b) is { } row)
                {
                    Line(text, $"| {name} | {b} | " + string.Join(" | ", Evaluation.Kinds.Select(k => Percent(row.Share(k)))) + " |");
                }
            }
        }
    }

    // Beats / loses to random when the mean lies outside every draw's mean and at least two draw-mean standard deviations away.
    private static string Verdict(Results results, SubsetResult row)
    {
        var draws = results.Random(row.Budget);
        var delta = row.Mean - results.RandomMean(row.Budget);
        var floor = 2 * results.DrawStd(row.Budget);
        if (row.Mean < draws.Min(r => r.Mean) && -delta > floor)
        {
            return $"beats random ({Delta(row.Mean, results.RandomMean(row.Budget))}, below every draw, > 2 std of the draw means)";
        }

        return row.Mean > draws.Max(r => r.Mean) && delta > floor
            ? $"worse than random ({Delta(row.Mean, results.RandomMean(row.Budget))}, above every draw, > 2 std of the draw means)"
            : $"within the noise floor ({Delta(row.Mean, results.RandomMean(row.Budget))})";
    }

    private static string Cell(SubsetResult row, double randomMean) => $"{F(row.Mean)} ± {F(row.Std)} | {Delta(row.Mean, randomMean)}";

    private static string Delta(double mean, double reference) => (mean - reference).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (100 * share).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string F(double value, string format = "F3") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds < 0.01 ? "<0.01 s" : seconds < 60 ? $"{F(seconds, "F1")} s" : $"{F(seconds / 60, "F1")} min";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
