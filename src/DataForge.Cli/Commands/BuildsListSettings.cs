using System.ComponentModel;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge builds list</c>.</summary>
internal sealed class BuildsListSettings : CommandSettings
{
    [CommandArgument(0, "[DIR]")]
    [Description("A builds folder (default: builds) or one pipeline's builds folder (builds/NAME).")]
    public string Directory { get; init; } = "builds";
}
