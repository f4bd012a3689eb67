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

    [CommandOption("--partition <I/N|auto>")]
    [Description("Run only the record phase of partition I of N (from 0) into a partition folder (--out; default output/<name>/partitions/<run id>/part-I-of-N) for `dataforge merge`; auto reads SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with --partitions (docs/scaling.md).")]
    public string? Partition { get; init; }

    [CommandOption("--partitions <N>")]
    [Description("With --partition auto: how many partitions (needed with JOB_COMPLETION_INDEX; checked against SLURM_ARRAY_TASK_COUNT).")]
    public int? Partitions { get; init; }

    public override ValidationResult Validate()
    {
        if (Seed is < 0)
        {
            return ValidationResult.Error("--seed must be at least 0");
        }

        if (Partition is { } partition && partition != "auto" && !PartitionArgument.TryParse(partition, out _))
        {
            return ValidationResult.Error($"--partition {partition}: expected I/N (0 <= I < N) or auto");
        }

        if (Partitions is < 1)
        {
            return ValidationResult.Error("--partitions must be at least 1");
        }

        return Partitions is not null && Partition != "auto" ? ValidationResult.Error("--partitions goes with --partition auto") : base.Validate();
    }

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
