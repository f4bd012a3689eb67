using System.ComponentModel;
using DataForge.Cli.Export;
using DataForge.Models.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge export</c>.</summary>
internal sealed class ExportSettings : CommandSettings
{
    [CommandArgument(0, "<RUN_DIR>")]
    [Description("A run folder, or a pipeline's output folder (its 'latest' run is taken).")]
    public string RunDirectory { get; init; } = "";

    [CommandOption("--format <FORMAT>")]
    [Description("alpaca (instruction, input, output), sharegpt (conversations of from/value), messages (OpenAI chat: messages of role/content) or text (one text field, rendered through --template).")]
    public string Format { get; init; } = "";

    [CommandOption("--template <TEMPLATE>")]
    [Description("The chat template of the text format: chatml or llama3.")]
    [DefaultValue("chatml")]
    public string Template { get; init; } = "chatml";

    [CommandOption("--out <FILE>")]
    [Description("Write the JSON Lines here, atomically (a temporary file renamed into place); default: standard output.")]
    public string? Out { get; init; }

    public override ValidationResult Validate()
    {
        if (!Directory.Exists(RunDirectory) && !File.Exists(RunDirectory))
        {
            return ValidationResult.Error($"no such folder: {RunDirectory}");
        }

        if (ExportFormats.Parse(Format) is null)
        {
            return ValidationResult.Error(Format.Length == 0
                ? $"--format is required: one of {string.Join(", ", ExportFormats.Names)}"
                : $"--format must be one of {string.Join(", ", ExportFormats.Names)}, not '{Format}'");
        }

        if (Out is { } file && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(file))))
        {
            return ValidationResult.Error($"no such folder for --out: {Path.GetDirectoryName(Path.GetFullPath(file))}");
        }

        if (Template.ToLowerInvariant() is not ("chatml" or "llama3"))
        {
            return ValidationResult.Error($"--template must be chatml or llama3, not '{Template}'");
        }

        return ValidationResult.Success();
    }

    /// <summary>The chosen chat template.</summary>
    public ChatFormat ChatTemplate => ChatFormat.Parse(Template);
}
