using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge merge</c>: the pipeline and options the partitions ran with, and their folders.</summary>
internal sealed class MergeSettings : CommandSettings
{
    [CommandArgument(0, "<PIPELINE>")]
    [Description("The pipeline file the partitions ran.")]
    public string Pipeline { get; init; } = "";

    [CommandArgument(1, "<PARTITION_DIR>")]
    [Description("The partition folders (every one of the N, each once), as `dataforge run --partition` wrote them.")]
    public string[] PartitionFolders { get; init; } = [];

    [CommandOption("--set <KEY=VALUE>")]
    [Description("The overrides the partitions ran with (repeatable): the merge checks that they make the same run.")]
    public string[] Set { get; init; } = [];

    [CommandOption("--limit <N>")]
    [Description("The --limit the partitions ran with.")]
    public long? Limit { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The run folder (default: output/<name>/<run id>, as `dataforge run` would write it).")]
    public string? Out { get; init; }

    [CommandOption("--store <FILE>")]
    [Description("The run store of the global phase (default: runstore.sqlite beside the run folder).")]
    public string? Store { get; init; }

    [CommandOption("--force")]
    [Description("Rebuild the run folder even if it is complete.")]
    public bool Force { get; init; }

    [CommandOption("--progress-interval <SECONDS>")]
    [Description("Seconds between progress lines when output is not a terminal (default 10).")]
    public double ProgressInterval { get; init; } = 10;

    public override ValidationResult Validate()
    {
        if (Limit is < 1)
        {
            return ValidationResult.Error("--limit must be at least 1");
        }

        return ProgressInterval <= 0 ? ValidationResult.Error("--progress-interval must be positive") : ValidationResult.Success();
    }

    /// <summary>The overrides with <c>--limit</c> folded in, as <c>run</c> folds them.</summary>
    public IReadOnlyList<string> Overrides() => Limit is { } limit ? [.. Set, $"run.limit={limit}"] : Set;
}
