using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>The arguments every command that runs a pipeline shares (<c>run</c>, <c>build</c>): an optional pipeline file and the options.</summary>
internal abstract class PipelineSettings : PipelineOptionSettings
{
    [CommandArgument(0, "[PIPELINE]")]
    [Description("Pipeline file (default: pipeline.toml).")]
    public string Pipeline { get; init; } = "pipeline.toml";
}

/// <summary>The options of a command that runs a pipeline (<c>run</c>, <c>build</c>, <c>merge</c>): overrides, limit, progress.</summary>
internal abstract class PipelineOptionSettings : CommandSettings
{
    [CommandOption("--set <KEY=VALUE>")]
    [Description("Override a key: run.KEY, models.NAME.KEY or steps.NAME.KEY (repeatable; type-checked).")]
    public string[] Set { get; init; } = [];

    [CommandOption("--limit <N>")]
    [Description("Read at most N records per read step (same as --set run.limit=N).")]
    public long? Limit { get; init; }

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

    /// <summary>The overrides with <c>--limit</c> (and what a command adds) folded in.</summary>
    public virtual IReadOnlyList<string> Overrides() => Limit is { } limit ? [.. Set, $"run.limit={limit}"] : Set;
}
