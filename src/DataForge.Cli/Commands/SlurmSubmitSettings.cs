using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge slurm submit</c>.</summary>
internal sealed class SlurmSubmitSettings : CommandSettings
{
    [CommandArgument(0, "[PIPELINE]")]
    [Description("Pipeline file (default: pipeline.toml).")]
    public string Pipeline { get; init; } = "pipeline.toml";

    [CommandOption("--partitions <N>")]
    [Description("How many partitions (array tasks) the record phase is split into; required.")]
    public int? Partitions { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The submission folder (default: output/<run.name>/slurm): the two sbatch scripts, logs/, partitions/part-<i> and the merged run/. Resubmit with the same folder to finish a failed submission.")]
    public string? Out { get; init; }

    [CommandOption("--sbatch-arg <ARG>")]
    [Description("A line added as `#SBATCH ARG` to both scripts, e.g. --sbatch-arg=--time=02:00:00 or --sbatch-arg=--partition=cpu (repeatable; write ARG after '=' when it starts with '-').")]
    public string[] SbatchArgs { get; init; } = [];

    [CommandOption("--dry-run")]
    [Description("Write the scripts and print how to submit them; submit nothing (no Slurm needed).")]
    public bool DryRun { get; init; }

    [CommandOption("--set <KEY=VALUE>")]
    [Description("Override a key: run.KEY, models.NAME.KEY or steps.NAME.KEY (repeatable; type-checked); passed to every partition and to the merge.")]
    public string[] Set { get; init; } = [];

    [CommandOption("--limit <N>")]
    [Description("Read at most N records per read step (same as --set run.limit=N); passed to every partition and to the merge.")]
    public long? Limit { get; init; }

    public override ValidationResult Validate()
    {
        if (Partitions is null)
        {
            return ValidationResult.Error("--partitions is required");
        }

        if (Partitions < 1)
        {
            return ValidationResult.Error("--partitions must be at least 1");
        }

        if (Limit is < 1)
        {
            return ValidationResult.Error("--limit must be at least 1");
        }

        return SbatchArgs.Any(a => a.Length == 0 || a.Contains('\n', StringComparison.Ordinal) || a.Contains('\r', StringComparison.Ordinal))
            ? ValidationResult.Error("--sbatch-arg must be one non-empty line")
            : ValidationResult.Success();
    }

    /// <summary>The overrides with <c>--limit</c> folded in, as the pipeline is loaded here.</summary>
    public IReadOnlyList<string> Overrides() => Limit is { } limit ? [.. Set, $"run.limit={limit}"] : Set;

    /// <summary>The options every partition and the merge get, as given (<c>--set</c>, then <c>--limit</c>).</summary>
    public IReadOnlyList<string> PassedOptions()
    {
        var options = new List<string>();
        foreach (var set in Set)
        {
            options.Add("--set");
            options.Add(set);
        }

        if (Limit is { } limit)
        {
            options.Add("--limit");
            options.Add(limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return options;
    }
}
