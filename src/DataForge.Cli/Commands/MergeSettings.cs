using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge merge</c>: the pipeline and options the partitions ran with, and their folders.</summary>
internal sealed class MergeSettings : PipelineOptionSettings
{
    [CommandArgument(0, "<PIPELINE>")]
    [Description("The pipeline file the partitions ran.")]
    public string Pipeline { get; init; } = "";

    [CommandArgument(1, "<PARTITION_DIR>")]
    [Description("The partition folders (every one of the N, each once), as `dataforge run --partition` wrote them.")]
    public string[] PartitionFolders { get; init; } = [];

    [CommandOption("--out <DIR>")]
    [Description("The run folder (default: output/<name>/<run id>, as `dataforge run` would write it).")]
    public string? Out { get; init; }

    [CommandOption("--store <FILE>")]
    [Description("The run store of the global phase (default: runstore.sqlite beside the run folder).")]
    public string? Store { get; init; }

    [CommandOption("--force")]
    [Description("Rebuild the run folder even if it is complete.")]
    public bool Force { get; init; }

    public override ValidationResult Validate()
        => PartitionFolders.Length == 0 ? ValidationResult.Error("give the partition folders") : base.Validate();
}
