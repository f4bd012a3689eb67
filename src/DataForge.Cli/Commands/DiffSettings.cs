using System.ComponentModel;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge diff</c>.</summary>
internal sealed class DiffSettings : CommandSettings
{
    [CommandArgument(0, "<BEFORE>")]
    [Description("The older run or build folder, or a pipeline's output folder (its 'latest' run is taken).")]
    public string Before { get; init; } = "";

    [CommandArgument(1, "<AFTER>")]
    [Description("The newer run or build folder, or a pipeline's output folder (its 'latest' run is taken).")]
    public string After { get; init; } = "";

    [CommandOption("--json")]
    [Description("Print the diff as JSON (the shape of 'diff' in manifest.json) instead of text.")]
    public bool Json { get; init; }
}
