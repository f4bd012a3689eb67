using System.Globalization;
using DataForge.Pipelines.Runs;
using DataForge.Storage.Runs;

namespace DataForge.Cli.Commands;

/// <summary>
/// Runs an executor with progress and turns its end into output and an exit code, the same way for
/// <c>run</c> and <c>lintseq</c>: a refused run folder is exit 2; a run (or a rerun of a published
/// run) over <c>run.max_error_fraction</c> is exit 3; the first error rejects per reason are echoed.
/// </summary>
internal static class RunEnding
{
    /// <summary>Runs <paramref name="executor"/>; <paramref name="finished"/> words the stdout line of a finished run.</summary>
    public static async Task<int> RunAsync(RunExecutor executor, TimeSpan progressInterval, Func<RunReport, string> finished, CancellationToken cancellationToken)
    {
        RunReport report;
        try
        {
            report = await ProgressReporter.RunWithProgressAsync(executor, progressInterval, cancellationToken);
        }
        catch (OutFolderRefusedException refused)
        {
            Console.Error.WriteLine($"error: {refused.Message}");
            return ExitCodes.Configuration;
        }

        PrintNotes(report);
        Console.WriteLine(report.Status == RunStatus.AlreadyComplete
            ? $"run {report.RunId} is already complete: {report.RunDirectory} ({report.Kept} kept, {report.Rejected} rejected); use --force to rebuild"
            : finished(report));
        if (!report.ExceededErrors)
        {
            return ExitCodes.Finished;
        }

        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"error: {report.ErrorRejects} of {report.InputRecords} input records were rejected for errors ({report.ErrorFraction:P1}), above run.max_error_fraction = {report.MaxErrorFraction}"));
        Console.Error.WriteLine(report.Status == RunStatus.AlreadyComplete
            ? "this published run ended with too many errors; fix the input and rebuild it with --force (it is not the pipeline's 'latest')"
            : "the run is published (see its rejects/), but 'latest' is not switched to a run that ended with too many errors");
        return ExitCodes.TooManyErrors;
    }

    /// <summary>Prints a run's notices and its first error rejects per reason on stderr.</summary>
    public static void PrintNotes(RunReport report)
    {
        foreach (var notice in report.Notices)
        {
            Console.Error.WriteLine($"note: {notice}");
        }

        foreach (var line in report.Rejects.Lines())
        {
            Console.Error.WriteLine(line);
        }
    }
}
