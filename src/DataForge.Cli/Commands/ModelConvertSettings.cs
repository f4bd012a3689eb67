using System.ComponentModel;
using DataForge.Models.LlamaCpp.Conversion;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge model convert</c>.</summary>
internal sealed class ModelConvertSettings : CommandSettings
{
    [CommandArgument(0, "<HF_DIR>")]
    [Description("A Llama or Qwen2 Hugging Face checkpoint folder (config.json, *.safetensors, tokenizer.json), e.g. models/tiny.")]
    public string Folder { get; init; } = "";

    [CommandOption("--to <FORMAT>")]
    [Description("The output format: gguf (the only one).")]
    public string To { get; init; } = "";

    [CommandOption("--type <TYPE>")]
    [Description("f32, f16 (default), q8_0 or q4_k_m. q8_0 and q4_k_m are made by llama.cpp's quantizer from an F32 file.")]
    public string Type { get; init; } = "f16";

    [CommandOption("--out <FILE>")]
    [Description("The file to write (default: beside the folder, NAME-TYPE.gguf, e.g. models/tiny-q8_0.gguf).")]
    public string? Out { get; init; }

    [CommandOption("--threads <N>")]
    [Description("Quantizer threads (default: one per core).")]
    public int Threads { get; init; } = Environment.ProcessorCount;

    public override ValidationResult Validate()
    {
        if (To != "gguf")
        {
            return ValidationResult.Error(To.Length == 0 ? "--to is required: --to gguf" : $"--to must be gguf, not '{To}'");
        }

        if (GgufFileTypes.Parse(Type) is null)
        {
            return ValidationResult.Error($"--type must be one of {string.Join(", ", GgufFileTypes.Names)}, not '{Type}'");
        }

        if (Threads < 1)
        {
            return ValidationResult.Error("--threads must be at least 1");
        }

        return File.Exists(Path.Combine(Folder, "config.json")) ? ValidationResult.Success() : ValidationResult.Error($"{Folder}: not a checkpoint folder (no config.json)");
    }
}
