using System.Diagnostics;
using System.Globalization;
using DataForge.Bench;
using DataForge.LintSeq.Languages;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Linters.Roslyn;

// LintSeq benchmark: warm workers (DataForge's way) against a naive linter per check and against a
// re-implementation of the reference sampler, on the seed programs and on functions and whole modules
// taken from the Python standard library at bench time. Usage (see bench/lintseq-bench.sh):
//   DataForge.Bench --python-seeds F --csharp-seeds F --stdlib F [--stdlib-modules F] [--reference-script F]
//     [--quick] [--s N] [--seed-programs N] [--stdlib-programs N] [--stdlib-module-programs N]
//     [--naive-programs N] [--naive-s N] [--naive-pylint-programs N] [--naive-pylint-s N]
//     [--linters pylint,pyflakes,roslyn] [--note TEXT]...
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
// --make-csharp-corpus FOLDER OUT writes the real C# files corpus; --csharp-corpus FILE adds its row (CSharpCorpus.cs).
if (CSharpCorpus.IsMakeCommand(args)) { return await CSharpCorpus.MakeAsync(args); }
var settings = Settings.Parse(args);
var parallelism = Environment.ProcessorCount;
var loadBefore = Report.LoadAverage();
var total = Stopwatch.StartNew();

var pythonSeeds = Corpus.Load("seed programs (Python)", settings.PythonSeeds, "python", settings.SeedPrograms);
var csharpSeeds = Corpus.Load("seed programs (C#)", settings.CSharpSeeds, "csharp", settings.SeedPrograms);
var stdlib = Corpus.Load("stdlib functions (Python)", settings.Stdlib, "python", settings.StdlibPrograms);
var modules = settings.StdlibModules is { } modulesPath
    ? Corpus.Load("stdlib modules (Python)", modulesPath, "python", null).Spread(settings.StdlibModulePrograms)
    : null;

Console.Error.WriteLine($"lintseq-bench: {pythonSeeds.Programs.Count} + {csharpSeeds.Programs.Count} seed programs, {stdlib.Programs.Count} stdlib functions, {modules?.Programs.Count ?? 0} stdlib modules, s = {settings.S}, {parallelism} workers");
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
var plans = new List<Plan>
{
    new(pythonSeeds, python, "pylint", pylint, new NaivePylintLinter(), settings.NaivePylintPrograms, settings.NaivePylintS, Reference: false),
    new(pythonSeeds, python, "pyflakes", pyflakes, new NaivePyflakesLinter(), settings.NaivePrograms, settings.NaiveS, Reference: false),
    new(csharpSeeds, csharp, "roslyn", roslyn, new NaiveRoslynLinter(), settings.NaivePrograms, settings.NaiveS, Reference: false),
    new(stdlib, python, "pylint", pylint, new NaivePylintLinter(), settings.NaivePylintPrograms, settings.NaivePylintS, Reference: true),
    new(stdlib, python, "pyflakes", pyflakes, new NaivePyflakesLinter(), settings.NaivePrograms, settings.NaiveS, Reference: false),
};
if (modules is not null)
{
    // No naive row: a fresh pylint process per check (~1 s) times ~130 checks per sequence is too slow here.
    plans.Add(new(modules, python, "pylint", pylint, new NaivePylintLinter(), 0, 0, Reference: true));
}

if (CSharpCorpus.PathFrom(args) is { } csharpFiles)
{
    plans.Add(new(Corpus.Load("real C# files", csharpFiles, "csharp", settings.Quick ? 40 : null), csharp, "roslyn", roslyn, new NaiveRoslynLinter(), settings.NaivePrograms, settings.NaiveS, Reference: false));
}

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
    rows.Add(new Row(plan, "warm workers", warm, null));
    if (plan.NaivePrograms > 0 && plan.NaiveS > 0)
    {
        var subset = plan.Corpus.EvenSubset(plan.NaivePrograms);
        Console.Error.WriteLine($"- {plan.Corpus.Name}, {plan.Linter}, naive: {subset.Count} programs x {plan.NaiveS}");
        var naive = await Runner.RunAsync(plan.Corpus, subset, plan.Rules, plan.Naive, plan.NaiveS, parallelism, $"{plan.Linter} naive");
        rows.Add(new Row(plan, "naive", naive, warm));
    }

    if (plan.Reference && settings.ReferenceScript is { } script)
    {
        Console.Error.WriteLine($"- {plan.Corpus.Name}, reference re-implementation (one process, pylint in-process): {all.Count} programs x {settings.S}");
        var reference = await ReferenceRunner.RunAsync(script, plan.Corpus, all, settings.S);
        rows.Add(new Row(plan, Report.ReferenceMode, reference, warm));
    }
}

var loadAfter = Report.LoadAverage();
Console.WriteLine(Report.Table(rows, settings));
Console.WriteLine(Report.Footer(rows, settings, parallelism, startup, loadBefore, loadAfter, total.Elapsed));
return rows.Any(r => r.Result.Failures.Count > 0) ? 1 : 0;

/// <summary>What to run on one corpus with one linter.</summary>
internal sealed record Plan(Corpus Corpus, ILanguageRules Rules, string Linter, ILinter Warm, ILinter Naive, int NaivePrograms, int NaiveS, bool Reference);

/// <summary>One table row; <paramref name="WarmOfSameRow"/> is the warm row a naive or reference row is compared with.</summary>
internal sealed record Row(Plan Plan, string Mode, RunResult Result, RunResult? WarmOfSameRow);
