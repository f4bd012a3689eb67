// quality-bench: per quality rule and overall, the share of human-written instruction data kept and
// the share of the embedded model's Evol-Instruct rewrites dropped, read from the run folders that
// bench/quality-bench.sh made (the quality step ran with drop = false, so every record carries its
// meta.quality and the names of all the rules it failed).
// Usage: DataForge.QualityBench HUMAN_RUN DEFAULT_RUN HELD_OUT_RUN
using System.Globalization;
using System.Text.Json;
using DataForge.Core.Quality;
using DuckDB.NET.Data;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: DataForge.QualityBench HUMAN_RUN DEFAULT_RUN HELD_OUT_RUN");
    return 2;
}

var human = Read(args[0]).Where(r => r.Failed is not null).ToList();
var tuning = Read(args[1]).Where(r => r.Failed is not null && r.Round >= 1).ToList();
var heldOut = Read(args[2]).Where(r => r.Failed is not null && r.Round >= 1).ToList();
var o = QualityFilterOptions.Default;
Console.WriteLine($"Human-written: {human.Count} records (seeds/instructions, seeds/programs, pipelines/targets). Evolutions: {tuning.Count} from pipeline.toml (seed 1, the set the thresholds were chosen on), {heldOut.Count} held out (seed 2).");
Console.WriteLine();
Console.WriteLine("| rule | default thresholds | human-written kept | evolutions dropped (seed 1) | evolutions dropped (held out, seed 2) | evolutions it drops first (seed 1) |");
Console.WriteLine("|---|---|---:|---:|---:|---:|");
foreach (var rule in QualityRules.All)
{
    var name = QualityRules.Name(rule);
    Console.WriteLine($"| `{name}` | {Thresholds(rule)} | {Share(human, r => !r.Failed!.Contains(name))} | {Share(tuning, r => r.Failed!.Contains(name))} | {Share(heldOut, r => r.Failed!.Contains(name))} | {Count(tuning, r => r.Failed!.FirstOrDefault() == name)} |");
}

Console.WriteLine($"| **all rules** | | **{Share(human, r => r.Failed!.Count == 0)}** | **{Share(tuning, r => r.Failed!.Count > 0)}** | **{Share(heldOut, r => r.Failed!.Count > 0)}** | {Count(tuning, r => r.Failed!.Count > 0)} |");
Console.WriteLine();
Console.WriteLine("| human-written source | records | kept | failed rules of the dropped |");
Console.WriteLine("|---|---:|---:|---|");
foreach (var group in human.GroupBy(r => r.Source.Split(':')[0].Contains("/programs/", StringComparison.Ordinal) ? "seeds/programs" : r.Source.Contains("targets", StringComparison.Ordinal) ? "pipelines/targets" : "seeds/instructions").OrderBy(g => g.Key, StringComparer.Ordinal))
{
    var failed = group.Where(r => r.Failed!.Count > 0).Select(r => $"{r.Source.Split('/')[^1]}: {string.Join("+", r.Failed!)}");
    Console.WriteLine($"| {group.Key} | {group.Count()} | {Share([.. group], r => r.Failed!.Count == 0)} | {string.Join("; ", failed)} |");
}

return 0;

string Thresholds(QualityRule rule) => rule switch
{
    QualityRule.WordCount => $"{o.MinWords} … {o.MaxWords} words",
    QualityRule.MeanWordLength => $"{F(o.MinMeanWordLength)} … {F(o.MaxMeanWordLength)} chars",
    QualityRule.NonLetterWords => $"≤ {F(o.MaxNonLetterWords)}",
    QualityRule.SymbolRatio => $"≤ {F(o.MaxSymbolRatio)} per word",
    QualityRule.StopWords => $"≥ {o.MinStopWords}",
    QualityRule.Dictionary => $"≥ {F(o.MinDictionaryWords)}",
    QualityRule.Repetition => $"lines {F(o.MaxDuplicateLines)}/{F(o.MaxDuplicateLineChars)}, paragraphs {F(o.MaxDuplicateParagraphs)}/{F(o.MaxDuplicateParagraphChars)}, top 2–4-gram {F(o.MaxTopGram(2))}–{F(o.MaxTopGram(4))}, dup 5–10-gram {F(o.MaxDuplicateGram(5))}–{F(o.MaxDuplicateGram(10))}",
    QualityRule.Truncated => "no mid-sentence end",
    QualityRule.Script => $"≥ {F(o.MinScriptShare)} Latin letters (en)",
    _ => "parses (Python compile(), Roslyn)",
};

static string F(double value) => Math.Round(value, 4).ToString(CultureInfo.InvariantCulture);

static string Share(IReadOnlyList<Row> rows, Func<Row, bool> test)
    => rows.Count == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * rows.Count(test) / rows.Count:0.0}% ({rows.Count(test)}/{rows.Count})");

static int Count(IReadOnlyList<Row> rows, Func<Row, bool> test) => rows.Count(test);

static List<Row> Read(string run)
{
    var globs = new[] { "data", "rejects" }
        .Where(folder => Directory.Exists(Path.Combine(run, folder)) && Directory.EnumerateFiles(Path.Combine(run, folder), "*.parquet").Any())
        .Select(folder => $"SELECT source, round, meta FROM read_parquet('{Path.Combine(run, folder, "*.parquet")}', union_by_name = true)");
    using var connection = new DuckDBConnection("DataSource=:memory:");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = string.Join(" UNION ALL ", globs);
    using var reader = command.ExecuteReader();
    var rows = new List<Row>();
    while (reader.Read())
    {
        var source = reader.IsDBNull(0) ? "" : reader.GetString(0);
        var round = reader.IsDBNull(1) ? 0 : Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        List<string>? failed = null;
        if (!reader.IsDBNull(2))
        {
            using var meta = JsonDocument.Parse(reader.GetString(2));
            if (meta.RootElement.TryGetProperty("quality", out var quality))
            {
                failed = [.. quality.GetProperty("failed").EnumerateArray().Select(f => f.GetString()!)];
            }
        }

        rows.Add(new Row(source, round, failed));
    }

    return rows;
}

internal sealed record Row(string Source, int Round, List<string>? Failed);
