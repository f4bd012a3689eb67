using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge validate</c>: every diagnostic of a pipeline file at once; nothing runs.</summary>
internal sealed class ValidateCommand : Command<ValidateSettings>
{
    public override int Execute(CommandContext context, ValidateSettings settings, CancellationToken cancellationToken)
    {
        var loaded = PipelineLoader.Load(settings.Pipeline, settings.Set, StepRegistry.CreateDefault());
        DiagnosticPrinter.Print(loaded.Diagnostics);
        if (loaded.Spec is null)
        {
            return ExitCodes.Configuration;
        }

        Console.WriteLine($"{settings.Pipeline}: ok ({loaded.Spec.Steps.Count} steps)");
        return ExitCodes.Finished;
    }
}
