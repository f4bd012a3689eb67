using DataForge.Core.Options;
using DataForge.Core.Steps;
using DataForge.LintSeq;
using DataForge.LintSeq.Languages;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Linters.Roslyn;
using DataForge.LintSeq.Sampling;

namespace DataForge.Pipelines.Registry;

/// <summary>The LintSeq step types: <c>lintseq</c> and <c>write-reference-jsonl</c>.</summary>
internal static class LintSeqSteps
{
    public static void Register(StepRegistry registry)
    {
        registry.Register(new StepTypeDefinition("lintseq", StepRole.Expand, "LintSeq: s insertion-only edit sequences per program, every prefix lint-clean.",
            [
                new("s", OptionKind.Integer, 5L, "edit sequences per program") { Min = 1, Max = 1000 },
                new("linter", OptionKind.String, "auto", "auto (pylint for Python, roslyn for C#), pylint, pyflakes or roslyn") { Allowed = ["auto", "pylint", "pyflakes", "roslyn"] },
                new("language", OptionKind.String, "auto", "auto (each record's language), python or csharp") { Allowed = ["auto", "python", "csharp"] },
                new("sampling", OptionKind.String, "indent", "indent: seed weight grows with nesting depth (the reference driver); uniform: every candidate alike (the paper's text)") { Allowed = ["indent", "uniform"] },
                new("indent_bias", OptionKind.Float, 1.0, "the depth factor of indent sampling") { Min = 0.001, Max = 1000 },
                new("max_rounds", OptionKind.Integer, 512L, "most deletion rounds per sequence") { Min = 1, Max = 100_000 },
                new("keep_empty_diffs", OptionKind.Boolean, false, "keep empty diffs (the paper repository does; pylintseq drops them)"),
                new("ignored_diagnostics", OptionKind.StringList, null, "Roslyn diagnostic ids not counted as errors (empty by default)"),
                new("lint_timeout_seconds", OptionKind.Integer, 60L, "a linter call slower than this fails the record as linter_failed") { Min = 1, Max = 3600, AffectsResult = false },
                new("lint_workers", OptionKind.Integer, (long)Environment.ProcessorCount, "Python linter worker processes") { Min = 1, Max = 256, AffectsResult = false },
            ],
            BuildLintSeq)
        {
            // Python linters are optional tools: missing ones warn here, and the records that need them are rejected.
            Requirement = o => o.GetString("linter") is "roslyn" || o.GetString("language") is "csharp"
                ? null
                : PythonLinterCheck.Problem(o.GetString("linter") is "pyflakes" ? "pyflakes" : "pylint"),
        });
        registry.Register(new StepTypeDefinition("write-reference-jsonl", StepRole.Sink, "Also writes edit sequences as the reference implementation's JSONL (reference/ in the run folder).",
            [new("s", OptionKind.Integer, 5L, "the s of the file name <n>_<s>_<seed>_vec.jsonl") { Min = 1 }],
            c => new ReferenceJsonlSink(
                Path.Combine(Path.GetDirectoryName(c.Resources.DataDirectory)!, "reference"),
                c.Resources.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all",
                (int)c.Options.GetInteger("s")!.Value,
                c.Resources.Seed)));
    }

    private static LintSeqExpander BuildLintSeq(StepBuildContext c)
    {
        var o = c.Options;
        var sampler = new LintSeqOptions
        {
            Sequences = (int)o.GetInteger("s")!.Value,
            IndentBiasFactor = o.GetString("sampling") == "uniform" ? null : o.GetFloat("indent_bias"),
            MaxRounds = (int)o.GetInteger("max_rounds")!.Value,
            KeepEmptyDiffs = o.GetBoolean("keep_empty_diffs") ?? false,
        };
        var python = new PythonLinterOptions
        {
            WorkerCount = (int)o.GetInteger("lint_workers")!.Value,
            CallTimeout = TimeSpan.FromSeconds(o.GetInteger("lint_timeout_seconds")!.Value),
        };
        var roslyn = new RoslynLinterOptions { IgnoredDiagnosticIds = o.GetStringList("ignored_diagnostics") ?? [] };
        var linters = new LinterSet(o.GetString("linter")!, python, roslyn, c.Resources.Cache);
        var language = o.GetString("language") is "auto" ? null : o.GetString("language");
        return new LintSeqExpander(new LintSeqExpanderOptions(sampler, language, RulesFor, linters));
    }

    private static ILanguageRules? RulesFor(string language) => language switch
    {
        "python" => new PythonRules(),
        "csharp" => new CSharpRules(),
        _ => null,
    };
}
