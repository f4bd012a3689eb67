using System.Globalization;
using System.Text;
using System.Text.Json;
using DataForge.Core.Records;

namespace DataForge.Storage.Runs.Diff;

/// <summary>Renders a <see cref="RunDiff"/>: plain text (<c>dataforge diff</c>), a dataset card section, a one-line summary.</summary>
public static class RunDiffFormat
{
    /// <summary>The heading of the dataset card section.</summary>
    public const string CardHeading = "## Changes since the previous build";

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>The diff as indented snake_case JSON: the same shape as <c>diff</c> in <c>manifest.json</c>.</summary>
    public static string Json(RunDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return JsonSerializer.Serialize(diff, JsonOptions);
    }

    /// <summary>One line for logs: <c>+12 -3 ~1 =400 kept; rejects +5 -0 ~0 =10</c> (added, removed, changed, unchanged).</summary>
    public static string Summary(RunDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return $"{Counts(diff.Kept)} kept; rejects {Counts(diff.Rejected)}";
    }

    /// <summary>The plain text report of <c>dataforge diff</c>.</summary>
    public static string Text(RunDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var text = new StringBuilder();
        Line(text, $"before: {diff.Before.Folder} (run {diff.Before.RunId}): {diff.Before.Kept} kept, {diff.Before.Rejected} rejected");
        Line(text, $"after:  {diff.After.Folder} (run {diff.After.RunId}): {diff.After.Kept} kept, {diff.After.Rejected} rejected");
        Line(text, "");
        Line(text, $"kept records:     {Records(diff.Kept)}");
        Line(text, $"rejected records: {Records(diff.Rejected)}");
        Line(text, "");
        Line(text, $"{"step",-24} {"in",-22} {"out",-22} dropped (before -> after)");
        foreach (var step in diff.Steps)
        {
            var dropped = string.Join(", ", step.Dropped.Select(d => $"{d.Reason} {Change(d.Before, d.After)}"));
            Line(text, $"{step.Step,-24} {Change(step.Before?.In, step.After?.In),-22} {Change(step.Before?.Out, step.After?.Out),-22} {dropped}");
        }

        Line(text, "");
        Line(text, diff.TopReasonChanges.Count == 0 ? "drop reasons: no change" : "largest changes in drop reasons:");
        foreach (var change in diff.TopReasonChanges)
        {
            Line(text, $"  {Signed(change.Change),8}  {change.Step}: {change.Reason} ({change.Before} -> {change.After})");
        }

        Line(text, "");
        Line(text, diff.Scores.Count == 0 ? "scores (written records): none" : "scores (written records), before -> after:");
        foreach (var score in diff.Scores)
        {
            Line(text, $"  {score.Score}: {Drift(score.Before, score.After)}");
        }

        return text.ToString();
    }

    /// <summary>The dataset card section (a level-2 heading and its tables), each line ending in a newline.</summary>
    public static string Markdown(RunDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var text = new StringBuilder();
        Line(text, CardHeading);
        Line(text, "");
        Line(text, $"Compared with run `{diff.Before.RunId}` (`{Path.GetFileName(Path.TrimEndingDirectorySeparator(diff.Before.Folder))}`). Records are matched by `id`; a changed record has the same id and a different value in a column other than `run_id`.");
        Line(text, "");
        Line(text, "| records | added | removed | changed | unchanged |\n|---|---|---|---|---|");
        Line(text, $"| kept | {diff.Kept.Added} | {diff.Kept.Removed} | {diff.Kept.Changed} | {diff.Kept.Unchanged} |");
        Line(text, $"| rejected | {diff.Rejected.Added} | {diff.Rejected.Removed} | {diff.Rejected.Changed} | {diff.Rejected.Unchanged} |");
        Line(text, "");
        Line(text, "| step | in | out |\n|---|---|---|");
        foreach (var step in diff.Steps)
        {
            Line(text, $"| {step.Step} | {Change(step.Before?.In, step.After?.In)} | {Change(step.Before?.Out, step.After?.Out)} |");
        }

        if (diff.TopReasonChanges.Count > 0)
        {
            Line(text, "");
            Line(text, "| step | drop reason | before | after | change |\n|---|---|---|---|---|");
            foreach (var change in diff.TopReasonChanges)
            {
                Line(text, $"| {change.Step} | {change.Reason} | {change.Before} | {change.After} | {Signed(change.Change)} |");
            }
        }

        if (diff.Scores.Count > 0)
        {
            Line(text, "");
            Line(text, "| score | before | after |\n|---|---|---|");
            foreach (var score in diff.Scores)
            {
                Line(text, $"| {score.Score} | {Summary(score.Before)} | {Summary(score.After)} |");
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(line.TrimEnd()).Append('\n');

    private static string Counts(RecordChanges c) => Invariant($"+{c.Added} -{c.Removed} ~{c.Changed} ={c.Unchanged}");

    private static string Records(RecordChanges c)
        => Invariant($"{c.Added} added, {c.Removed} removed, {c.Changed} changed, {c.Unchanged} unchanged");

    // "12 -> 15 (+3)"; a side without the step shows "-".
    private static string Change(long? before, long? after)
    {
        var text = $"{Count(before)} -> {Count(after)}";
        return (after ?? 0) - (before ?? 0) is var d && d != 0 ? $"{text} ({Signed(d)})" : text;
    }

    private static string Count(long? n) => n is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-";

    private static string Signed(long n) => n.ToString("+#;-#;0", CultureInfo.InvariantCulture);

    private static string Drift(ScoreSummary? before, ScoreSummary? after)
        => before is null || after is null
            ? $"{Summary(before)} -> {Summary(after)}"
            : Invariant($"count {before.Count} -> {after.Count}, mean {Number(before.Mean)} -> {Number(after.Mean)}, p10 {Number(before.P10)} -> {Number(after.P10)}, p50 {Number(before.P50)} -> {Number(after.P50)}, p90 {Number(before.P90)} -> {Number(after.P90)}");

    private static string Summary(ScoreSummary? s)
        => s is null ? "-" : Invariant($"count {s.Count}, mean {Number(s.Mean)}, p10 {Number(s.P10)}, p50 {Number(s.P50)}, p90 {Number(s.P90)}");

    private static string Number(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
