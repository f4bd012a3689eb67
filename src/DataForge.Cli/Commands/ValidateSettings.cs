using System.ComponentModel;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge validate</c>.</summary>
internal sealed class ValidateSettings : CommandSettings
{
    [CommandArgument(0, "<PIPELINE>")]
    [Description("Pipeline file.")]
    public string Pipeline { get; init; } = "";

    [CommandOption("--set <KEY=VALUE>")]
    [Description("Overrides to check along with the file (repeatable).")]
    public string[] Set { get; init; } = [];
}
