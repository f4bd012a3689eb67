using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge review</c>.</summary>
internal sealed class ReviewSettings : CommandSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("A run folder, a pipeline's output folder (output/NAME: its latest run, the others selectable) or a builds folder (builds/NAME: every build, newest first).")]
    public string Path { get; init; } = "";

    [CommandOption("--host <HOST>")]
    [Description("Address to listen on (default 127.0.0.1: loopback only). Any other address requires a token: --token, or one generated and printed in the URL.")]
    public string Host { get; init; } = "127.0.0.1";

    [CommandOption("--port <N>")]
    [Description("Port (default 8182; 0 picks a free one).")]
    public int Port { get; init; } = 8182;

    [CommandOption("--token <TOKEN>")]
    [Description("Access token every request must carry (?token= once, then a cookie; or Authorization: Bearer).")]
    public string? Token { get; init; }

    [CommandOption("--open")]
    [Description("Opens the page in the default browser.")]
    public bool Open { get; init; }

    [CommandOption("--index-dir <DIR>")]
    [Description("Where the sidecar index and the verdicts store live (default: .review/ beside the run folders, never inside one).")]
    public string? IndexDirectory { get; init; }

    public override ValidationResult Validate()
    {
        if (Port is < 0 or > 65535)
        {
            return ValidationResult.Error("--port must be 0–65535");
        }

        return Token is { Length: < 8 } ? ValidationResult.Error("--token must be at least 8 characters") : ValidationResult.Success();
    }
}
