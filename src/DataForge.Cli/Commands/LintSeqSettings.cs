using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge lintseq</c>.</summary>
internal sealed class LintSeqSettings : CommandSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("Code files, folders, or JSONL with 'instruction' and 'output' (the program); several may be given.")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--lang <LANG>")]
    [Description("python, csharp or auto (from each record's language or file extension; default auto).")]
    public string Language { get; init; } = "auto";

    [CommandOption("-s|--sequences <N>")]
    [Description("Edit sequences per program (default 5).")]
    public int Sequences { get; init; } = 5;

    [CommandOption("--linter <LINTER>")]
    [Description("pylint, pyflakes or roslyn (default: pylint for Python, roslyn for C#).")]
    public string Linter { get; init; } = "auto";

    [CommandOption("--seed <N>")]
    [Description("The run seed (default 1).")]
    public long Seed { get; init; } = 1;

    [CommandOption("--limit <N>")]
    [Description("Read at most N programs per path.")]
    public long? Limit { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The run folder (default: output/lintseq/<run id>): new, empty, or a DataForge run folder; any other folder is refused (exit 2).")]
    public string? Out { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("parquet (default), or reference-jsonl: also the reference implementation's JSONL under reference/.")]
    public string Format { get; init; } = "parquet";

    [CommandOption("--force")]
    [Description("Rebuild even if the run folder is complete.")]
    public bool Force { get; init; }

    public override ValidationResult Validate()
    {
        string? problem = Language is not ("auto" or "python" or "csharp") ? "--lang must be python, csharp or auto"
            : Linter is not ("auto" or "pylint" or "pyflakes" or "roslyn") ? "--linter must be pylint, pyflakes or roslyn"
            : Format is not ("parquet" or "reference-jsonl") ? "--format must be parquet or reference-jsonl"
            : Sequences < 1 ? "-s must be at least 1"
            : Limit is < 1 ? "--limit must be at least 1"
            : Paths.Length == 0 ? "give at least one PATH"
            : Paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p)) is { } missing ? $"no such file or folder: {missing}"
            : null;
        return problem is null ? ValidationResult.Success() : ValidationResult.Error(problem);
    }
}
