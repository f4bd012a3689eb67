using System.ComponentModel;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge steps</c>.</summary>
internal sealed class StepsSettings : CommandSettings
{
    [CommandArgument(0, "[TYPE]")]
    [Description("A step type: print its keys, defaults and drop reasons.")]
    public string? Type { get; init; }

    [CommandOption("--markdown")]
    [Description("Print the whole step reference as Markdown (the generated docs/reference.md).")]
    public bool Markdown { get; init; }
}
