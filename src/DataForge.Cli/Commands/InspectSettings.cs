using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge inspect</c>.</summary>
internal sealed class InspectSettings : CommandSettings
{
    [CommandArgument(0, "<RUN_DIR>")]
    [Description("A run folder, or a pipeline's output folder (its 'latest' run is taken).")]
    public string RunDirectory { get; init; } = "";

    public override ValidationResult Validate()
        => Directory.Exists(RunDirectory) || File.Exists(RunDirectory)
            ? ValidationResult.Success()
            : ValidationResult.Error($"no such folder: {RunDirectory}");
}
