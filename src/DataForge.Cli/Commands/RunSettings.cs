using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge run</c>.</summary>
internal sealed class RunSettings : PipelineSettings
{
    [CommandOption("--out <DIR>")]
    [Description("The run folder itself (default: output/<name>/<run id>): new, empty, or a DataForge run folder; any other folder is refused (exit 2).")]
    public string? Out { get; init; }

    [CommandOption("--seed <N>")]
    [Description("The run seed (same as --set run.seed=N).")]
    public long? Seed { get; init; }

    [CommandOption("--force")]
    [Description("Rebuild even if the run folder is complete; the new run replaces it atomically and only DataForge's files of the old one are removed (a run folder holding other files is refused).")]
    public bool Force { get; init; }

    [CommandOption("--refresh <MODEL>")]
    [Description("Recompute every result of the steps that use this model (a [[models.NAME]] entry), ignoring cached ones (repeatable; implies --force).")]
    public string[] Refresh { get; init; } = [];

    [CommandOption("--store <FILE>")]
    [Description("The SQLite run store (default: runstore.sqlite beside the run folder).")]
    public string? Store { get; init; }

    [CommandOption("--verdicts <FILE>")]
    [Description("Review verdicts to honour (JSONL of {\"id\", \"verdict\": accept|reject|flag, \"note\"?}, see docs/verdicts.md): rejects are dropped as reviewer_rejected, accepts kept through selections; a malformed line refuses the run (exit 2).")]
    public string? Verdicts { get; init; }

    public override ValidationResult Validate()
        => Seed is < 0 ? ValidationResult.Error("--seed must be at least 0") : base.Validate();

    /// <summary>The overrides with <c>--seed</c> and <c>--limit</c> folded in.</summary>
    public override IReadOnlyList<string> Overrides()
    {
        var overrides = new List<string>(Set);
        if (Seed is { } seed)
        {
            overrides.Add($"run.seed={seed}");
        }

        if (Limit is { } limit)
        {
            overrides.Add($"run.limit={limit}");
        }

        return overrides;
    }
}
