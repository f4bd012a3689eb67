using System.Diagnostics;
using System.Globalization;
using System.Text;
using DataForge.Bench;
using DataForge.LintSeq.Languages;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Linters.Roslyn;

// LintSeq benchmark: warm workers (DataForge's way) against a naive linter per check, on the seed programs
// and on functions taken from the Python standard library at bench time. Usage (see bench/lintseq-bench.sh):
//   DataForge.Bench --python-seeds F --csharp-seeds F --stdlib F [--quick] [--s N] [--seed-programs N]
//     [--stdlib-programs N] [--naive-programs N] [--naive-s N] [--naive-pylint-programs N] [--naive-pylint-s N]
//     [--linters pylint,pyflakes,roslyn] [--note TEXT]...
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
// --make-csharp-corpus FOLDER OUT writes the real C# files corpus; --csharp-corpus FILE adds its row (CSharpCorpus.cs).
if (CSharpCorpus.IsMakeCommand(args)) { return await CSharpCorpus.MakeAsync(args); }
var settings = Settings.Parse(args);
var parallelism = Environment.ProcessorCount;
var loadBefore = LoadAverage();
var total = Stopwatch.StartNew();

var pythonSeeds = Corpus.Load("seed programs (Python)", settings.PythonSeeds, "python", settings.SeedPrograms);
var csharpSeeds = Corpus.Load("seed programs (C#)", settings.CSharpSeeds, "csharp", settings.SeedPrograms);
var stdlib = Corpus.Load("stdlib functions (Python)", settings.Stdlib, "python", settings.StdlibPrograms);

Console.Error.WriteLine($"lintseq-bench: {pythonSeeds.Programs.Count} + {csharpSeeds.Programs.Count} seed programs, {stdlib.Programs.Count} stdlib functions, s = {settings.S}, {parallelism} workers");
var startup = new List<string>();
var clock = Stopwatch.StartNew();
var pythonOptions = new PythonLinterOptions { WorkerCount = parallelism };
await using var pylint = await PylintLinter.CreateAsync(pythonOptions);
startup.Add($"pylint pool {clock.Elapsed.TotalSeconds:F1} s");
clock.Restart();
await using var pyflakes = await PyflakesLinter.CreateAsync(pythonOptions);
startup.Add($"pyflakes pool {clock.Elapsed.TotalSeconds:F1} s");
clock.Restart();
var roslyn = RoslynLinter.Create();
await roslyn.LintAsync("class C { int M() => System.Linq.Enumerable.Count(new[] { 1 }); }", CancellationToken.None);
startup.Add($"Roslyn first check {clock.Elapsed.TotalSeconds:F1} s");

var python = new PythonRules();
var csharp = new CSharpRules();
var plans = new[]
{
    new Plan(pythonSeeds, python, "pylint", pylint, new NaivePylintLinter(), settings.NaivePylintPrograms, settings.NaivePylintS),
    new Plan(pythonSeeds, python, "pyflakes", pyflakes, new NaivePyflakesLinter(), settings.NaivePrograms, settings.NaiveS),
    new Plan(csharpSeeds, csharp, "roslyn", roslyn, new NaiveRoslynLinter(), settings.NaivePrograms, settings.NaiveS),
    new Plan(stdlib, python, "pylint", pylint, new NaivePylintLinter(), settings.NaivePylintPrograms, settings.NaivePylintS),
    new Plan(stdlib, python, "pyflakes", pyflakes, new NaivePyflakesLinter(), settings.NaivePrograms, settings.NaiveS),
}.Concat(CSharpCorpus.PathFrom(args) is { } csharpFiles ? [new Plan(Corpus.Load("real C# files", csharpFiles, "csharp", null), csharp, "roslyn", roslyn, new NaiveRoslynLinter(), settings.NaivePrograms, settings.NaiveS)] : []);

var rows = new List<Row>();
var warmedUp = new HashSet<string>(StringComparer.Ordinal);
foreach (var plan in plans.Where(p => settings.Linters is null || settings.Linters.Contains(p.Linter)))
{
    var all = Enumerable.Range(0, plan.Corpus.Programs.Count).ToList();
    if (warmedUp.Add(plan.Linter))
    {
        // JIT and worker warm-up, untimed: three sequences of the corpus's shortest program (tiered JIT makes
        // Roslyn's first few hundred checks slower; a long run amortises that, a short bench would not).
        clock.Restart();
        var shortest = all.MinBy(i => plan.Corpus.Programs[i].Lines.Length);
        for (var round = 0; round < 3; round++)
        {
            await Runner.RunAsync(plan.Corpus, [shortest], plan.Rules, plan.Warm, 1, 1, "warm-up");
        }

        startup.Add($"{plan.Linter} warm-up (3 sequences of the shortest program) {clock.Elapsed.TotalSeconds:F1} s");
    }

    Console.Error.WriteLine($"- {plan.Corpus.Name}, {plan.Linter}, warm workers: {all.Count} programs x {settings.S}");
    var warm = await Runner.RunAsync(plan.Corpus, all, plan.Rules, plan.Warm, settings.S, parallelism, $"{plan.Linter} warm");
    var subset = plan.Corpus.EvenSubset(plan.NaivePrograms);
    Console.Error.WriteLine($"- {plan.Corpus.Name}, {plan.Linter}, naive: {subset.Count} programs x {plan.NaiveS}");
    var naive = await Runner.RunAsync(plan.Corpus, subset, plan.Rules, plan.Naive, plan.NaiveS, parallelism, $"{plan.Linter} naive");
    rows.Add(new Row(plan, "warm workers", warm, null));
    rows.Add(new Row(plan, "naive", naive, warm));
}

var loadAfter = LoadAverage();
Console.WriteLine(Table(rows, settings, parallelism));
Console.WriteLine(Footer(rows, settings, parallelism, startup, loadBefore, loadAfter, total.Elapsed));
return rows.Any(r => r.Result.Failures.Count > 0) ? 1 : 0;

static string Table(List<Row> rows, Settings settings, int parallelism)
{
    var table = new StringBuilder();
    table.AppendLine(CultureInfo.InvariantCulture, $"| corpus | linter | mode | programs | sequences | sequences/s | lint calls / seq | mean edits / seq | seconds | CPU s / seq | CPU ms / lint call | naive / warm, same sequences |");
    table.AppendLine("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var row in rows)
    {
        var r = row.Result;
        var n = Math.Max(1, r.Sequences.Count);
        var programs = row.WarmOfSameRow is null
            ? $"{r.Programs} (mean {row.Plan.Corpus.MeanLines:F0} lines), s = {settings.S}"
            : $"{r.Programs} of {row.Plan.Corpus.Programs.Count} (naive subset), s = {row.Plan.NaiveS}";
        var ratio = row.WarmOfSameRow is { } warm ? Ratio(r, warm) : "";
        var cpuMsPerCall = r.LintCalls == 0 ? 0 : r.CpuSeconds * 1000 / r.LintCalls;
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| {row.Plan.Corpus.Name} | {row.Plan.Linter} | {row.Mode} | {programs} | {r.Sequences.Count} | {r.SequencesPerSecond:F2} | {(double)r.LintCalls / n:F1} | {r.Sequences.Average(s => (double)s.Edits):F1} | {r.WallSeconds:F1} | {r.CpuSeconds / n:F3} | {cpuMsPerCall:F1} | {ratio} |");
    }

    return table.ToString();
}

// Naive time over warm time for the very same (program, k) sequences; the warm time of a sequence is
// measured inside its worker, like the naive one, so both are per-worker seconds.
static string Ratio(RunResult naive, RunResult warm)
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

static string Footer(List<Row> rows, Settings settings, int parallelism, List<string> startup, string loadBefore, string loadAfter, TimeSpan elapsed)
{
    var f = new StringBuilder();
    f.AppendLine(CultureInfo.InvariantCulture, $"{(settings.Quick ? "**Quick run** (small subsets). " : "")}s = {settings.S} sequences per program, seeded from (run seed {Runner.Seed}, program id / k); {parallelism} programs in parallel ({parallelism} cores), warm Python pools of {parallelism} workers, one shared Roslyn linter; no lint cache. Seconds are wall-clock for the row; worker start-up is excluded ({string.Join(", ", startup)}).");
    f.AppendLine();
    f.AppendLine("Naive baselines, on an evenly spread subset of the same corpus, same seeds (so the same sequences where the linters agree): pylint = `python3 -m pylint --rcfile=/dev/null --disable=all --enable=E,F,W0311,W0231 --persistent=n --score=n --msg-template='{C}|{msg_id}|{line}|{column}|{msg}'` on a temporary file, a fresh process per check, output parsed as the reference does; pyflakes = a fresh `python3` per check running pyflakes' checker on a temporary file (printing message classes, so the counted set is DataForge's); roslyn = fresh MetadataReferences from the reference assemblies' bytes, a fresh global-usings tree and a fresh `CSharpCompilation` bound in full per check, errors chosen and placed as RoslynLinter does. The CPU columns are CPU seconds of this process and its child processes (linter workers, naive linter processes) over the row, which other load on the machine does not inflate as it inflates wall time. \"naive / warm\" is the naive row's time over the warm row's time for exactly the same (program, k) sequences, each sequence timed inside its worker.");
    f.AppendLine();
    foreach (var row in rows.Where(r => r.WarmOfSameRow is not null))
    {
        var byKey = row.WarmOfSameRow!.Sequences.ToDictionary(s => (s.Program, s.K));
        var same = row.Result.Sequences.Count(s => byKey.TryGetValue((s.Program, s.K), out var w) && w.Fingerprint == s.Fingerprint);
        f.AppendLine(CultureInfo.InvariantCulture, $"- {row.Plan.Corpus.Name}, {row.Plan.Linter}: naive and warm sampled identical deletion sets for {same} of {row.Result.Sequences.Count} sequences.");
    }

    f.AppendLine();
    f.AppendLine("Reference figures (docs/algorithms.md#lintseq): the reference (pylintseq, pylint 2.16.2 in-process, one process) takes 0.71–0.75 s per sequence on ~44-line stdlib functions (18.5 pylint calls each) and 6.2–7.4 s on ~300-line stdlib files. Targets: pylint rule set ≥ 5× the reference per core; C# ≥ 50 sequences/s on 2 cores for ~60-line programs.");
    f.AppendLine();
    foreach (var row in rows.Where(r => r.Plan.Linter == "pylint" && r.WarmOfSameRow is null))
    {
        var r = row.Result;
        var n = Math.Max(1, r.Sequences.Count);
        var perCoreWall = r.WallSeconds * parallelism / n;
        var perCoreCpu = r.CpuSeconds / n;
        var stdlibRow = row.Plan.Corpus.Name.StartsWith("stdlib", StringComparison.Ordinal);
        var verdict = !stdlibRow ? " (not the reference's programs; indicative only)" : 0.71 / perCoreCpu >= 5 ? " — meets the ≥ 5× target by CPU time" : " — below the ≥ 5× target by CPU time";
        f.AppendLine(CultureInfo.InvariantCulture, $"- per-core speedup vs reference, pylint, {row.Plan.Corpus.Name} (mean {row.Plan.Corpus.MeanLines:F0} lines, {(double)r.LintCalls / n:F1} calls per sequence): by wall time (wall × {parallelism} / sequences = {perCoreWall:F3} s per sequence per core) {0.71 / perCoreWall:F1}–{0.75 / perCoreWall:F1}×; by CPU time ({perCoreCpu:F3} CPU s per sequence) {0.71 / perCoreCpu:F1}–{0.75 / perCoreCpu:F1}×{verdict}; per lint call (the reference: 0.71–0.75 s / 18.5 calls = 38–41 ms) {r.CpuSeconds * 1000 / Math.Max(1, r.LintCalls):F1} CPU ms → {0.71 / 18.5 / (r.CpuSeconds / Math.Max(1, r.LintCalls)):F1}–{0.75 / 18.5 / (r.CpuSeconds / Math.Max(1, r.LintCalls)):F1}× (independent of how many calls a sequence needs).");
    }

    foreach (var row in rows.Where(r => r.Plan.Linter == "roslyn" && r.WarmOfSameRow is null))
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

static string LoadAverage()
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

internal sealed record Plan(Corpus Corpus, ILanguageRules Rules, string Linter, ILinter Warm, ILinter Naive, int NaivePrograms, int NaiveS);

internal sealed record Row(Plan Plan, string Mode, RunResult Result, RunResult? WarmOfSameRow);

internal sealed record Settings(
    string PythonSeeds,
    string CSharpSeeds,
    string Stdlib,
    bool Quick,
    int S,
    int? SeedPrograms,
    int StdlibPrograms,
    int NaivePrograms,
    int NaiveS,
    int NaivePylintPrograms,
    int NaivePylintS,
    IReadOnlySet<string>? Linters,
    IReadOnlyList<string> Notes)
{
    public static Settings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var notes = new List<string>();
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick")
            {
                quick = true;
            }
            else if (args[i] == "--note" && i + 1 < args.Length)
            {
                notes.Add(args[++i]);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        string Path(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        int Int(string name, int quickValue, int fullValue) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : quick ? quickValue : fullValue;
        int? seedPrograms = values.TryGetValue("seed-programs", out var sp) ? int.Parse(sp, CultureInfo.InvariantCulture) : quick ? 8 : null;
        return new Settings(
            Path("python-seeds"),
            Path("csharp-seeds"),
            Path("stdlib"),
            quick,
            Int("s", 2, 5),
            seedPrograms,
            Int("stdlib-programs", 16, 200),
            Int("naive-programs", 3, 10),
            Int("naive-s", 1, 2),
            Int("naive-pylint-programs", 2, 10),
            Int("naive-pylint-s", 1, 1),
            values.TryGetValue("linters", out var linters) ? linters.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) : null,
            notes);
    }
}
