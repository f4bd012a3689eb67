using System.Diagnostics;
using System.Globalization;
using DataForge.Core.Engine;
using DataForge.Core.Steps;
using DataForge.Pipelines.Runs;
using Spectre.Console;

namespace DataForge.Cli;

/// <summary>
/// Shows a run's progress on stderr: a live table on a terminal; plain, periodic lines when stderr is
/// redirected (cron logs), since live rendering prints nothing there.
/// </summary>
internal static class ProgressReporter
{
    public static async Task<RunReport> RunWithProgressAsync(RunExecutor executor, TimeSpan interval, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var run = executor.ExecuteAsync(cancellationToken);
        if (Console.IsErrorRedirected)
        {
            while (await Task.WhenAny(run, Task.Delay(interval, CancellationToken.None)) != run)
            {
                Console.Error.WriteLine(Line(clock.Elapsed, executor.LiveStats));
            }

            var report = await run;
            Console.Error.WriteLine(Line(clock.Elapsed, executor.LiveStats));
            return report;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var table = new Table().AddColumns("step", "in", "out", "dropped", "cached", "done", "progress");
        await console.Live(table).StartAsync(async live =>
        {
            while (await Task.WhenAny(run, Task.Delay(250, CancellationToken.None)) != run)
            {
                Refresh(table, executor.LiveStats);
                live.Refresh();
            }

            Refresh(table, executor.LiveStats);
            live.Refresh();
        });
        return await run;
    }

    /// <summary>One plain progress line: every step's counts, and the progress of a step still at work that reports it.</summary>
    internal static string Line(TimeSpan elapsed, IReadOnlyList<StepStats> stats)
        => string.Create(CultureInfo.InvariantCulture, $"[{elapsed.TotalSeconds,7:F1}s] ") +
           string.Join(" | ", stats.Select(s => $"{s.Step}: in {s.In} out {s.Out} dropped {s.Dropped.Values.Sum()}{(s.Completed ? " done" : Progress(s) is { } p ? $" [{p}]" : "")}"));

    // A finished step's last report is stale: only a step at work shows one.
    private static StepProgress? Progress(StepStats stats) => stats.Completed ? null : stats.Progress;

    private static void Refresh(Table table, IReadOnlyList<StepStats> stats)
    {
        table.Rows.Clear();
        foreach (var s in stats)
        {
            table.AddRow(s.Step, N(s.In), N(s.Out), N(s.Dropped.Values.Sum()), N(s.CacheHits), s.Completed ? "yes" : "", Markup.Escape(Progress(s)?.ToString() ?? ""));
        }
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
