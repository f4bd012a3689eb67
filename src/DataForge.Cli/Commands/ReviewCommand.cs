using System.Diagnostics;
using DataForge.Review;
using DataForge.Review.Server;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge review PATH</c>: the local review web tool over run folders, until interrupted.</summary>
internal sealed class ReviewCommand : AsyncCommand<ReviewSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReviewSettings settings, CancellationToken cancellationToken)
    {
        ReviewTarget target;
        try
        {
            target = ReviewTarget.Resolve(settings.Path, settings.IndexDirectory);
        }
        catch (ReviewPathException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }

        Console.Error.WriteLine($"review: indexing {target.Runs[0].Folder} (once per run; kept in {target.IndexDirectory})");
        var options = new ReviewServerOptions { Host = settings.Host, Port = settings.Port, Token = settings.Token, Reviewer = Environment.UserName };
        var started = Stopwatch.StartNew();
        var server = await ReviewServer.StartAsync(target, options, cancellationToken);
        await using (server.ConfigureAwait(false))
        {
            Console.WriteLine($"review at {server.OpenUrl}");
            Console.Out.Flush();
            Console.Error.WriteLine($"review: ready in {started.Elapsed.TotalSeconds:F1} s; {target.Runs.Count} run(s) of {target.Root}; verdicts in {System.IO.Path.Combine(target.IndexDirectory, "review.sqlite")}{(target.VerdictsFile is { } f ? $" and {f}" : "")}; Ctrl-C stops");
            if (settings.Open)
            {
                OpenBrowser(server.OpenUrl);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Interrupted: stop serving; the exit code says how we were stopped.
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await server.StopAsync(grace.Token);
        }

        return ExitCodes.Finished;
    }

    private static void OpenBrowser(string url)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open", url) { UseShellExecute = false });
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"review: could not open a browser ({e.Message}); open {url}");
        }
    }
}
