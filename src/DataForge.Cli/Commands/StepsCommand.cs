using DataForge.Pipelines.Registry;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge steps</c>: the step types, one type's keys, or the whole reference as Markdown.</summary>
internal sealed class StepsCommand : Command<StepsSettings>
{
    public override int Execute(CommandContext context, StepsSettings settings, CancellationToken cancellationToken)
    {
        var registry = StepRegistry.CreateDefault();
        if (settings.Markdown)
        {
            Console.Write(PipelineReference.Render(registry));
            return ExitCodes.Finished;
        }

        if (settings.Type is null)
        {
            foreach (var type in registry.Types)
            {
                Console.WriteLine($"{type.Type,-24} {type.Role.ToString().ToLowerInvariant(),-8} {type.Summary}");
            }

            return ExitCodes.Finished;
        }

        if (!registry.TryGet(settings.Type, out var definition))
        {
            var known = registry.Types.Select(t => t.Type).ToList();
            Console.Error.WriteLine($"error: unknown step type '{settings.Type}'{Pipelines.Validation.Suggest.DidYouMean(settings.Type, known)}");
            return ExitCodes.Usage;
        }

        Console.WriteLine($"{definition.Type} ({definition.Role.ToString().ToLowerInvariant()}): {definition.Summary}");
        foreach (var option in definition.Options)
        {
            var fallback = option.Required ? "required" : $"default {PipelineReference.FormatValue(option.Default)}";
            Console.WriteLine($"  {option.Key,-28} {fallback,-24} {option.Description}");
        }

        if (definition.Declaration?.Contract.DropReasons is { Count: > 0 } reasons)
        {
            Console.WriteLine($"  drop reasons: {string.Join(", ", reasons)}");
        }

        return ExitCodes.Finished;
    }
}
