using DataForge.Core.Options;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Linters.Roslyn;
using DataForge.LintSeq.Sampling;

namespace DataForge.LintSeq;

/// <summary>Options of the <c>lintseq</c> step: sampler settings, the linter and language choice, the Python workers.</summary>
/// <remarks>
/// Python linters are optional tools: when the chosen one cannot be imported, validation warns
/// (<see cref="Requirement"/>) and the records that need it are rejected as <c>linter_missing</c>.
/// </remarks>
public sealed record LintSeqExpanderOptions : IOptionsRequirement
{
    /// <summary>Edit sequences per program.</summary>
    [Option("s", "edit sequences per program", Min = 1, Max = 1000)] public int Sequences { get; init; } = 5;

    /// <summary><c>auto</c> (pylint for Python, roslyn for C#), <c>pylint</c>, <c>pyflakes</c> or <c>roslyn</c>.</summary>
    [Option("linter", "auto (pylint for Python, roslyn for C#), pylint, pyflakes or roslyn", Allowed = ["auto", "pylint", "pyflakes", "roslyn"])] public string Linter { get; init; } = "auto";

    /// <summary><c>auto</c> takes each record's <c>language</c>; <c>python</c> or <c>csharp</c> forces one.</summary>
    [Option("language", "auto (each record's language), python or csharp", Allowed = ["auto", "python", "csharp"])] public string Language { get; init; } = "auto";

    /// <summary><c>indent</c> (the reference driver's depth bias) or <c>uniform</c> (the paper's description).</summary>
    [Option("sampling", "indent: seed weight grows with nesting depth (the reference driver); uniform: every candidate alike (the paper's text)", Allowed = ["indent", "uniform"])] public string Sampling { get; init; } = "indent";

    /// <summary>The depth factor of indent sampling.</summary>
    [Option("indent_bias", "the depth factor of indent sampling", Min = 0.001, Max = 1000)] public double IndentBias { get; init; } = 1.0;

    /// <summary>Most deletion rounds per sequence.</summary>
    [Option("max_rounds", "most deletion rounds per sequence", Min = 1, Max = 100_000)] public int MaxRounds { get; init; } = 512;

    /// <summary>Keep empty diffs (the paper repository does; pylintseq drops them).</summary>
    [Option("keep_empty_diffs", "keep empty diffs (the paper repository does; pylintseq drops them)")] public bool KeepEmptyDiffs { get; init; }

    /// <summary>Roslyn diagnostic ids not counted as errors; null: none.</summary>
    [Option("ignored_diagnostics", "Roslyn diagnostic ids not counted as errors (empty by default)")] public IReadOnlyList<string>? IgnoredDiagnostics { get; init; }

    /// <summary>A linter call slower than this fails the record as <c>linter_failed</c>.</summary>
    [Option("lint_timeout_seconds", "a linter call slower than this fails the record as linter_failed", Min = 1, Max = 3600, AffectsResult = false)] public int LintTimeoutSeconds { get; init; } = 60;

    /// <summary>Python linter worker processes (one per processor by default).</summary>
    [Option("lint_workers", "Python linter worker processes", Min = 1, Max = 256, AffectsResult = false, DefaultText = "cores")] public int LintWorkers { get; init; } = Environment.ProcessorCount;

    /// <summary>The forced language, or null to take each record's own.</summary>
    public string? ForcedLanguage => Language is "auto" ? null : Language;

    /// <summary>The sampler's options (no indentation bias for uniform sampling).</summary>
    public LintSeqOptions ToSampler() => new()
    {
        Sequences = Sequences,
        IndentBiasFactor = Sampling == "uniform" ? null : IndentBias,
        MaxRounds = MaxRounds,
        KeepEmptyDiffs = KeepEmptyDiffs,
    };

    /// <summary>The Python workers' options.</summary>
    public PythonLinterOptions ToPython() => new() { WorkerCount = LintWorkers, CallTimeout = TimeSpan.FromSeconds(LintTimeoutSeconds) };

    /// <summary>The Roslyn linter's options.</summary>
    public RoslynLinterOptions ToRoslyn() => new() { IgnoredDiagnosticIds = IgnoredDiagnostics ?? [] };

    /// <inheritdoc/>
    public string? Requirement() => Linter is "roslyn" || Language is "csharp"
        ? null
        : PythonLinterCheck.Problem(Linter is "pyflakes" ? "pyflakes" : "pylint");
}
