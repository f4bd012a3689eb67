using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge serve</c>.</summary>
internal sealed class ServeSettings : CommandSettings
{
    [CommandArgument(0, "<MODEL_DIR>")]
    [Description("A Hugging Face checkpoint folder (config.json, *.safetensors, tokenizer.json), e.g. models/tiny.")]
    public string ModelDirectory { get; init; } = "";

    [CommandOption("--host <HOST>")]
    [Description("Address to listen on (default 127.0.0.1: loopback only).")]
    public string Host { get; init; } = "127.0.0.1";

    [CommandOption("--port <N>")]
    [Description("Port (default 8181; 0 picks a free one).")]
    public int Port { get; init; } = 8181;

    [CommandOption("--chat-format <FORMAT>")]
    [Description("chatml or llama3 (default: recognised from tokenizer_config.json).")]
    public string? ChatFormat { get; init; }

    [CommandOption("--batch-size <N>")]
    [Description("Sequences per forward pass (default 8).")]
    public int BatchSize { get; init; } = 8;

    [CommandOption("--max-waiting <N>")]
    [Description("Requests that may wait while the model serves another, answered in arrival order; more get HTTP 503 with Retry-After (default 64).")]
    public int MaxWaiting { get; init; } = 64;

    public override ValidationResult Validate()
    {
        if (!File.Exists(Path.Combine(ModelDirectory, "config.json")))
        {
            return ValidationResult.Error($"{ModelDirectory}: not a checkpoint folder (no config.json)");
        }

        if (Port is < 0 or > 65535 || BatchSize < 1 || MaxWaiting < 0)
        {
            return ValidationResult.Error("--port must be 0–65535, --batch-size at least 1 and --max-waiting at least 0");
        }

        return ChatFormat is null or "chatml" or "llama3" ? ValidationResult.Success() : ValidationResult.Error("--chat-format must be chatml or llama3");
    }
}
