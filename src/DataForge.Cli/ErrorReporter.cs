using System.Data.Common;
using DataForge.Core.Diagnostics;
using DataForge.Models.OpenAi;
using DataForge.Pipelines.Runs;
using DataForge.Storage.Shards;
using Spectre.Console.Cli;

namespace DataForge.Cli;

/// <summary>
/// Turns exceptions that reach the top into one line on stderr that says what to do, and an exit
/// code: 1 usage, 2 configuration (a broken file or folder the user named), 4 infrastructure (I/O,
/// the run store, a model server unreachable after retries: rerun to resume), 75 the run's lock is
/// held, 130 interrupted, 70 anything else (a bug). Stack traces only with <c>--verbose</c>.
/// </summary>
internal static class ErrorReporter
{
    /// <summary>Print stack traces (<c>--verbose</c>).</summary>
    public static bool Verbose { get; set; }

    public static int Report(Exception exception)
    {
        exception = Unwrap(exception);
        var (code, line) = Classify(exception);
        Console.Error.WriteLine(line);
        if (Verbose && code is not (ExitCodes.Usage or ExitCodes.Interrupted))
        {
            Console.Error.WriteLine(exception.ToString());
        }

        return code;
    }

    private static (int Code, string Line) Classify(Exception exception) => exception switch
    {
        CommandAppException usage => (ExitCodes.Usage, $"error: {usage.Message}; try 'dataforge --help'"),
        DataForgeConfigException config => (ExitCodes.Configuration, config.Message),
        OperationCanceledException => (ExitCodes.Interrupted, "stopped; rerun the same command to resume"),
        Pipelines.Builds.BuildLockedException locked => (ExitCodes.Locked, $"error: {locked.Message}; try later"),
        RunLockedException locked => (ExitCodes.Locked, $"error: {locked.Message}: another process holds the run's lock; try later"),
        ScoringNotSupportedException => (ExitCodes.Configuration, $"error: {exception.Message}"),
        ShardWriteException => (ExitCodes.Infrastructure, $"error: {exception.Message}"),
        InvalidDataException or FileNotFoundException or DirectoryNotFoundException
            => (ExitCodes.Configuration, $"error: {exception.Message}; fix the file or folder named, then run `dataforge validate` on the pipeline"),
        IOException or UnauthorizedAccessException or DbException or HttpRequestException or ModelUnavailableException or TimeoutException
            => (ExitCodes.Infrastructure, $"error: {exception.Message}; finished work is kept in the run store: fix the cause and rerun the same command to resume"),
        _ => (ExitCodes.Internal, $"error: internal error ({exception.GetType().Name}: {exception.Message}); this is a bug in DataForge: please report it with the output of the same command run with --verbose"),
    };

    private static Exception Unwrap(Exception exception)
    {
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        return exception;
    }
}
