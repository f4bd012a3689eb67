using DataForge.Core.Diagnostics;
using DataForge.Pipelines.Runs;
using Spectre.Console.Cli;

namespace DataForge.Cli;

/// <summary>Turns exceptions that reach the top into a message on stderr and an exit code.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception)
    {
        switch (exception)
        {
            case CommandAppException usage:
                Console.Error.WriteLine($"error: {usage.Message}");
                Console.Error.WriteLine("Try 'dataforge --help'.");
                return ExitCodes.Usage;
            case DataForgeConfigException config:
                Console.Error.WriteLine(config.Message);
                return ExitCodes.Configuration;
            case OperationCanceledException:
                Console.Error.WriteLine("stopped; rerun the same command to resume");
                return ExitCodes.Interrupted;
            case RunLockedException locked:
                Console.Error.WriteLine($"error: {locked.Message}");
                return ExitCodes.Infrastructure;
            default:
                Console.Error.WriteLine($"error: {exception.GetType().Name}: {exception.Message}");
                Console.Error.WriteLine(exception.StackTrace);
                Console.Error.WriteLine("the run stopped; finished work is kept in the run store; rerun the same command to resume");
                return ExitCodes.Infrastructure;
        }
    }
}
