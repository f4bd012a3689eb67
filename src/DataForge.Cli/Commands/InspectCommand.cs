using System.Globalization;
using DataForge.Storage.Runs;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge inspect</c>: counts per step and reason, and text histograms, of a run folder.</summary>
internal sealed class InspectCommand : AsyncCommand<InspectSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, InspectSettings settings, CancellationToken cancellationToken)
    {
        if (FinishedRun.Open(settings.RunDirectory) is not { } run)
        {
            return ExitCodes.Usage;
        }

        var (runDirectory, manifest) = run;
        Console.WriteLine($"run {manifest.RunId} ({manifest.Pipeline.Name}, {manifest.Pipeline.File}): {manifest.Counts.Kept} kept, {manifest.Counts.Rejected} rejected");
        Console.WriteLine();
        Console.WriteLine($"{"step",-24} {"in",10} {"out",10}  dropped");
        foreach (var (name, count) in manifest.Counts.Steps)
        {
            Console.WriteLine($"{name,-24} {count.In,10} {count.Out,10}  {string.Join(", ", count.Dropped.Select(d => $"{d.Key} {d.Value}"))}");
        }

        InspectQualityRules.Print(manifest);
        var statistics = await ShardStatistics.ReadAsync(runDirectory, cancellationToken);
        TextHistogram.Print("rejects by reason", statistics.RejectReasons.ToDictionary(kv => kv.Key, kv => (double)kv.Value));
        TextHistogram.PrintDistribution("instruction length (chars), kept", statistics.InstructionLengths);
        TextHistogram.PrintDistribution("output length (chars), kept", statistics.OutputLengths);
        TextHistogram.PrintDistribution("edits per sequence, kept", statistics.EditsPerSequence);
        foreach (var (score, values) in statistics.Scores)
        {
            TextHistogram.PrintDistribution($"{score}, kept", values);
        }

        return ExitCodes.Finished;
    }
}
