using System.Diagnostics;
using DataForge.Pipelines.Builds;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Runs;
using DataForge.Pipelines.Validation;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>
/// <c>dataforge build</c>: a nightly build (see <see cref="BuildRunner"/>). Whatever happens, the
/// last stdout line is the summary line and <c>--notify</c> runs with the outcome.
/// </summary>
internal sealed class BuildCommand : AsyncCommand<BuildSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BuildSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var pipeline = Path.GetFileNameWithoutExtension(settings.Pipeline);
        BuildOutcome outcome;
        try
        {
            outcome = await BuildAsync(settings, name => pipeline = name, cancellationToken);
        }
        catch (BuildLockedException locked)
        {
            BuildLog.Write($"error: {locked.Message}; exiting without building (exit {ExitCodes.Locked})");
            outcome = new BuildOutcome("locked", ExitCodes.Locked, pipeline);
        }
        catch (Exception e)
        {
            var code = ErrorReporter.Report(e);
            code = code == ExitCodes.Interrupted && Signals.Received != 0 ? Signals.Received : code;
            outcome = new BuildOutcome(StatusOf(code), code, pipeline);
        }

        outcome = outcome with { Seconds = clock.Elapsed.TotalSeconds };
        Console.WriteLine(outcome.SummaryLine());
        if (settings.Notify is { } notify)
        {
            await BuildNotifier.RunAsync(notify, outcome);
        }

        return outcome.ExitCode;
    }

    private static async Task<BuildOutcome> BuildAsync(BuildSettings settings, Action<string> named, CancellationToken cancellationToken)
    {
        var loaded = PipelineLoader.Load(settings.Pipeline, settings.Overrides(), StepRegistry.CreateDefault());
        DiagnosticPrinter.Print(loaded.Diagnostics);
        if (loaded.Spec is not { } spec)
        {
            return new BuildOutcome("config_error", ExitCodes.Configuration, Path.GetFileNameWithoutExtension(settings.Pipeline));
        }

        named(spec.Run.Name);
        var (backends, identities) = await RunModels.ResolveAsync(spec, cancellationToken);
        var request = new BuildRequest(settings.Builds, settings.Keep, settings.LockTimeoutSpan, new RunRequest(Backends: backends, ModelIdentities: identities));
        var runner = new BuildRunner(spec, request, TimeProvider.System, BuildLog.Write);
        var interval = TimeSpan.FromSeconds(settings.ProgressInterval);
        var report = await runner.RunAsync(
            (executor, ct) =>
            {
                BuildLog.Write($"building {spec.Run.Name} (run {executor.RunId}): {spec.File} -> {Path.GetRelativePath(Environment.CurrentDirectory, executor.RunDirectory)}");
                return ProgressReporter.RunWithProgressAsync(executor, interval, ct);
            },
            cancellationToken);
        if (report.Run is { } run)
        {
            RunEnding.PrintNotes(run);
        }

        var exceeded = report.Outcome == Storage.Runs.ManifestOutcome.TooManyErrors;
        BuildLog.Write(report.Status switch
        {
            BuildStatus.Unchanged => $"nothing new: configuration and inputs are those of build {report.BuildName}; nothing run, nothing published",
            BuildStatus.TooManyErrors => $"published {report.BuildName}, but over run.max_error_fraction: 'latest' is not switched to it (see its rejects/)",
            _ => $"published {report.BuildName}: {report.Kept} kept, {report.Rejected} rejected{(report.DiffSummary.Length > 0 ? $"; since the previous build: {report.DiffSummary}" : "")}",
        });
        return new BuildOutcome(report.Status == BuildStatus.Unchanged ? "unchanged" : exceeded ? "too_many_errors" : "built", exceeded ? ExitCodes.TooManyErrors : ExitCodes.Finished, report.Pipeline)
        {
            BuildName = report.BuildName,
            BuildDirectory = report.BuildDirectory,
            Kept = report.Kept,
            Rejected = report.Rejected,
            Added = report.Changes.Added,
            Removed = report.Changes.Removed,
            Changed = report.Changes.Changed,
            Pruned = report.Pruned.Count,
            Diff = report.DiffSummary,
        };
    }

    private static string StatusOf(int code) => code switch
    {
        ExitCodes.Configuration => "config_error",
        ExitCodes.Infrastructure => "failed",
        ExitCodes.Locked => "locked",
        ExitCodes.Interrupted => "interrupted",
        ExitCodes.Terminated => "terminated",
        ExitCodes.Usage => "usage_error",
        _ => "internal_error",
    };
}
