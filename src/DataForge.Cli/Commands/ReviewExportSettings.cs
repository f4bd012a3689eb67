using System.ComponentModel;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge review export</c>.</summary>
internal sealed class ReviewExportSettings : CommandSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("The run, output or builds folder that was reviewed.")]
    public string Path { get; init; } = "";

    [CommandOption("--out <FILE>")]
    [Description("Write the verdicts JSONL here (default: standard output).")]
    public string? Out { get; init; }

    [CommandOption("--index-dir <DIR>")]
    [Description("The index folder given to `dataforge review` (default: .review/ beside the run folders).")]
    public string? IndexDirectory { get; init; }
}
