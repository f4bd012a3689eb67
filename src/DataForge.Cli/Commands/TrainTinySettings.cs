using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge model train-tiny</c>.</summary>
internal sealed class TrainTinySettings : CommandSettings
{
    [CommandOption("--size <SIZE>")]
    [Description("small (default, the committed models/tiny), medium or large.")]
    public string Size { get; init; } = "small";

    [CommandOption("--seed <N>")]
    [Description("Seed of the tokenizer, the split, the weights and the batches (default 1).")]
    public long Seed { get; init; } = 1;

    [CommandOption("--corpus <DIR>")]
    [Description("More text to train on (files or folders: .jsonl with instruction/output, .md, .txt, .toml, .py, .cs); repeatable. The repo's seeds/, pipelines/ and top-level docs are always read.")]
    public string[] Corpus { get; init; } = [];

    [CommandOption("--out <DIR>")]
    [Description("Where the checkpoint folder goes (default models/tiny).")]
    public string Out { get; init; } = Path.Combine("models", "tiny");

    [CommandOption("--steps <N>")]
    [Description("Optimizer steps (default 500).")]
    public int Steps { get; init; } = 500;

    [CommandOption("--vocab <N>")]
    [Description("Tokenizer vocabulary, specials included (default 4096).")]
    public int Vocabulary { get; init; } = 4096;

    [CommandOption("--context <N>")]
    [Description("Tokens per training window (default 256).")]
    public int Context { get; init; } = 256;

    public override ValidationResult Validate()
    {
        if (Size is not ("small" or "medium" or "large"))
        {
            return ValidationResult.Error($"--size must be small, medium or large, not '{Size}'");
        }

        if (Steps < 1 || Vocabulary < 300 || Context < 8)
        {
            return ValidationResult.Error("--steps must be at least 1, --vocab at least 300 and --context at least 8");
        }

        var missing = Corpus.FirstOrDefault(c => !Directory.Exists(c) && !File.Exists(c));
        return missing is null ? ValidationResult.Success() : ValidationResult.Error($"--corpus: no such file or folder: {missing}");
    }
}
