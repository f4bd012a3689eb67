using System.Globalization;
using System.Text;

namespace DataForge.Bench;

/// <summary>The bench's Markdown output: the table, the comparison with the reference, the footer.</summary>
internal static class Report
{
    public const string ReferenceMode = "reference (re-implementation)";

    public static string Table(List<Row> rows, Settings settings)
    {
        var table = new StringBuilder();
        table.AppendLine("| corpus | linter | mode | programs | sequences | sequences/s (wall) | sequences / CPU s | lint calls / seq | mean edits / seq | seconds | CPU s / seq | CPU ms / lint call | naive / warm, same sequences |");
        table.AppendLine("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var r = row.Result;
            var n = Math.Max(1, r.Sequences.Count);
            var programs = row.Mode == "naive"
                ? $"{r.Programs} of {row.Plan.Corpus.Programs.Count} (naive subset), s = {row.Plan.NaiveS}"
                : $"{r.Programs} (mean {row.Plan.Corpus.MeanLines:F0} lines), s = {settings.S}";
            var ratio = row.Mode == "naive" ? Ratio(r, row.WarmOfSameRow!) : "";
            var cpuMsPerCall = r.LintCalls == 0 ? 0 : r.CpuSeconds * 1000 / r.LintCalls;
            var linter = row.Mode == ReferenceMode ? "pylint (C, R off)" : row.Plan.Linter;
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Plan.Corpus.Name} | {linter} | {row.Mode} | {programs} | {r.Sequences.Count} | {r.SequencesPerSecond:F2} | {r.Sequences.Count / r.CpuSeconds:F2} | {(double)r.LintCalls / n:F1} | {(r.Sequences.Count == 0 ? 0 : r.Sequences.Average(s => (double)s.Edits)):F1} | {r.WallSeconds:F1} | {r.CpuSeconds / n:F3} | {cpuMsPerCall:F1} | {ratio} |");
        }

        return table.ToString();
    }

    public static string Footer(List<Row> rows, Settings settings, int parallelism, List<string> startup, string loadBefore, string loadAfter, TimeSpan elapsed)
    {
        var f = new StringBuilder();
        f.AppendLine(CultureInfo.InvariantCulture, $"{(settings.Quick ? "**Quick run** (small subsets). " : "")}s = {settings.S} sequences per program, seeded from (run seed {Runner.Seed}, program id / k); {parallelism} programs in parallel ({parallelism} cores), warm Python pools of {parallelism} workers, one shared Roslyn linter; no lint cache across programs; within a program, as the lintseq step, each distinct state is linted once and the whole program is linted first (the step's syntax check), counted in the lint calls. Seconds are wall-clock for the row; worker start-up is excluded ({string.Join(", ", startup)}).");
        f.AppendLine();
        f.AppendLine("Naive baselines, on an evenly spread subset of the same corpus, same seeds (so the same sequences where the linters agree): pylint = `python3 -m pylint --rcfile=/dev/null --disable=all --enable=E,F,W0311,W0231 --persistent=n --score=n --msg-template='{C}|{msg_id}|{line}|{column}|{msg}'` on a temporary file, a fresh process per check, output parsed as the reference does; pyflakes = a fresh `python3` per check running pyflakes' checker on a temporary file (printing message classes, so the counted set is DataForge's); roslyn = fresh MetadataReferences from the reference assemblies' bytes, a fresh global-usings tree and a fresh `CSharpCompilation` bound in full per check, errors chosen and placed as RoslynLinter does. The CPU columns are CPU seconds of this process and its child processes (linter workers, naive linter processes) over the row, which other load on the machine does not inflate as it inflates wall time. \"naive / warm\" is the naive row's time over the warm row's time for exactly the same (program, k) sequences, each sequence timed inside its worker.");
        f.AppendLine();
        f.AppendLine("Reference rows: `bench/reference_lintseq.py`, a re-implementation of the reference procedure (not the reference's code): one `/usr/bin/python3` process, a fresh in-process `pylint.lint.Run` on a temporary file per state with C and R disabled (every other checker runs), the counted messages picked afterwards, the driver's loop; its random draws use DataForge's generator, so it samples the same sequences where pylint agrees. Its CPU is the process's own user + system time over the timed part (pylint's import and one warm-up run excluded, as DataForge's worker start-up is).");
        f.AppendLine();
        foreach (var row in rows.Where(r => r.Mode == "naive"))
        {
            f.AppendLine(CultureInfo.InvariantCulture, $"- {row.Plan.Corpus.Name}, {row.Plan.Linter}: naive and warm sampled identical deletion sets for {Identical(row.Result, row.WarmOfSameRow!).Count} of {row.Result.Sequences.Count} sequences.");
        }

        f.AppendLine();
        foreach (var row in rows.Where(r => r.Mode == ReferenceMode))
        {
            f.AppendLine(Comparison(row));
        }

        foreach (var row in rows.Where(r => r.Plan.Linter == "roslyn" && r.Mode == "warm workers"))
        {
            var r = row.Result;
            var capacity = parallelism * r.Sequences.Count / r.CpuSeconds;
            f.AppendLine(CultureInfo.InvariantCulture, $"- C# ({row.Plan.Corpus.Name}, mean {row.Plan.Corpus.MeanLines:F0} lines): {r.SequencesPerSecond:F1} sequences/s measured on {parallelism} cores, {r.Sequences.Count / r.CpuSeconds:F1} sequences per CPU-second, {(double)r.LintCalls / Math.Max(1, r.Sequences.Count):F1} checks per sequence, {r.CpuSeconds * 1000 / Math.Max(1, r.LintCalls):F2} CPU ms per check ({(r.SequencesPerSecond >= 50 ? "meets" : "below")} the ≥ 50 target); {capacity:F1} sequences/s from the CPU time ({parallelism} cores × sequences / CPU s, i.e. on otherwise idle cores; {(capacity >= 50 ? "meets" : "below")} the target).");
        }

        foreach (var note in settings.Notes)
        {
            f.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        var failures = rows.SelectMany(r => r.Result.Failures.Select(x => $"{r.Plan.Linter} {r.Mode}: {x}")).ToList();
        var noCandidates = rows.Sum(r => r.Result.NoCandidates);
        if (failures.Count > 0 || noCandidates > 0)
        {
            f.AppendLine(CultureInfo.InvariantCulture, $"- {failures.Count} failed sequences, {noCandidates} programs without candidate lines (skipped).");
            foreach (var failure in failures.Take(10))
            {
                f.AppendLine(CultureInfo.InvariantCulture, $"  - {failure}");
            }
        }

        f.AppendLine(CultureInfo.InvariantCulture, $"- Load average (1, 5, 15 min) before: {loadBefore}; after: {loadAfter}. Total run {elapsed.TotalMinutes:F1} min.");
        return f.ToString();
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    // DataForge's warm pylint row against the reference re-implementation on the same programs and seeds.
    private static string Comparison(Row reference)
    {
        var refs = reference.Result;
        var warm = reference.WarmOfSameRow!;
        var perCpu = warm.Sequences.Count / warm.CpuSeconds / (refs.Sequences.Count / refs.CpuSeconds);
        var perWall = warm.SequencesPerSecond / refs.SequencesPerSecond;
        var same = Identical(refs, warm);
        var byKey = warm.Sequences.ToDictionary(s => (s.Program, s.K));
        var sameCallsRef = same.Sum(s => s.LintCalls);
        var sameCallsWarm = same.Sum(s => byKey[(s.Program, s.K)].LintCalls);
        var verdict = perCpu >= 5 ? "meets" : "below";
        return string.Create(CultureInfo.InvariantCulture,
            $"- **{reference.Plan.Corpus.Name}** (mean {reference.Plan.Corpus.MeanLines:F0} lines): DataForge {warm.Sequences.Count / warm.CpuSeconds:F2} sequences per CPU-second vs the reference {refs.Sequences.Count / refs.CpuSeconds:F2}: **{perCpu:F1}× per CPU-second** ({verdict} the ≥ 5× goal); by wall time {warm.SequencesPerSecond:F2} vs {refs.SequencesPerSecond:F2} sequences/s ({perWall:F1}×, DataForge on all cores, the reference on one). Lint calls per sequence: DataForge {(double)warm.LintCalls / Math.Max(1, warm.Sequences.Count):F1}, reference {(double)refs.LintCalls / Math.Max(1, refs.Sequences.Count):F1}; CPU per lint call {warm.CpuSeconds * 1000 / Math.Max(1, warm.LintCalls):F1} ms (of which {warm.OwnCpuSeconds * 1000 / Math.Max(1, warm.LintCalls):F1} ms in DataForge's .NET process, the rest in its pylint workers) vs {refs.CpuSeconds * 1000 / Math.Max(1, refs.LintCalls):F1} ms. Identical deletion sets in {same.Count} of {refs.Sequences.Count} sequences; on those, {(double)sameCallsWarm / Math.Max(1, same.Count):F1} vs {(double)sameCallsRef / Math.Max(1, same.Count):F1} lint calls per sequence.");
    }

    private static List<SequenceResult> Identical(RunResult other, RunResult warm)
    {
        var byKey = warm.Sequences.ToDictionary(s => (s.Program, s.K));
        return [.. other.Sequences.Where(s => byKey.TryGetValue((s.Program, s.K), out var w) && w.Fingerprint == s.Fingerprint)];
    }

    // Naive time over warm time for the very same (program, k) sequences; the warm time of a sequence is
    // measured inside its worker, like the naive one, so both are per-worker seconds.
    private static string Ratio(RunResult naive, RunResult warm)
    {
        var byKey = warm.Sequences.ToDictionary(s => (s.Program, s.K));
        var matched = naive.Sequences.Where(s => byKey.ContainsKey((s.Program, s.K))).ToList();
        if (matched.Count == 0)
        {
            return "n/a";
        }

        var warmSeconds = matched.Sum(s => byKey[(s.Program, s.K)].Seconds);
        return $"{matched.Sum(s => s.Seconds) / warmSeconds:F0}×";
    }
}
