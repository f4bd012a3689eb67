using System.Globalization;
using DataForge.Models.LlamaCpp.Conversion;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge model convert</c>: a checkpoint folder to one GGUF file for the <c>llamacpp</c> backend.</summary>
internal sealed class ModelConvertCommand : Command<ModelConvertSettings>
{
    public override int Execute(CommandContext context, ModelConvertSettings settings, CancellationToken cancellationToken)
    {
        var type = GgufFileTypes.Parse(settings.Type)!.Value;
        var output = settings.Out ?? GgufConverter.DefaultOutput(settings.Folder, type);
        var conversion = GgufConverter.Convert(settings.Folder, type, output, settings.Threads);
        var tensors = string.Join(", ", conversion.TensorTypes.Select(p => $"{p.Value} {p.Key}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {conversion.Path}: {type.Name()}, {conversion.Bytes / 1e6:F1} MB, architecture {conversion.Architecture}, pre-tokenizer {conversion.PreTokenizer}; tensors: {tensors}"));
        if (conversion.Fallbacks.Count > 0)
        {
            Console.WriteLine($"{conversion.Fallbacks.Count} matrices have rows that are not a multiple of {type.BlockSize()}; llama.cpp's quantizer stored them in another type:");
            foreach (var fallback in conversion.Fallbacks)
            {
                Console.WriteLine($"  {fallback}");
            }
        }

        return ExitCodes.Finished;
    }
}
