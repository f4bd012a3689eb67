using DataForge.Cli.Export;
using DataForge.Storage.Runs;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary><c>dataforge export RUN_DIR --format F</c>: the kept records of a run as JSON Lines in the format a trainer expects.</summary>
internal sealed class ExportCommand : AsyncCommand<ExportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        if (FinishedRun.Open(settings.RunDirectory) is not { } run)
        {
            return ExitCodes.Usage;
        }

        var (runDirectory, manifest) = run;
        var format = ExportFormats.Parse(settings.Format)!.Value;
        var (written, skipped) = settings.Out is { } path
            ? await ToFileAsync(runDirectory, manifest, format, settings, path, cancellationToken)
            : await ToStandardOutputAsync(runDirectory, manifest, format, settings, cancellationToken);

        if (skipped > 0)
        {
            Console.Error.WriteLine($"export: skipped {skipped} records that are not one user turn and one assistant turn (alpaca holds a single turn; use --format messages or sharegpt for conversations)");
        }

        if (settings.Out is { } file)
        {
            Console.Error.WriteLine($"export: {written} records ({settings.Format.ToLowerInvariant()}) -> {file}");
        }

        return ExitCodes.Finished;
    }

    // Written beside the destination and renamed over it, so a reader never sees half a file.
    private static async Task<(long Written, long Skipped)> ToFileAsync(string runDirectory, RunManifest manifest, ExportFormat format, ExportSettings settings, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            (long, long) counts;
            var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            await using (stream.ConfigureAwait(false))
            {
                counts = await ToStreamAsync(runDirectory, manifest, format, settings, stream, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            return counts;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task<(long Written, long Skipped)> ToStandardOutputAsync(string runDirectory, RunManifest manifest, ExportFormat format, ExportSettings settings, CancellationToken cancellationToken)
    {
        var buffered = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        await using (buffered.ConfigureAwait(false))
        {
            return await ToStreamAsync(runDirectory, manifest, format, settings, buffered, cancellationToken);
        }
    }

    // One line per record, shard by shard and row by row; the stream is flushed, not closed.
    private static async Task<(long Written, long Skipped)> ToStreamAsync(string runDirectory, RunManifest manifest, ExportFormat format, ExportSettings settings, Stream destination, CancellationToken cancellationToken)
    {
        using var writer = new ExportWriter(destination, format, settings.ChatTemplate);
        await foreach (var row in KeptRows.ReadAsync(runDirectory, manifest, cancellationToken))
        {
            writer.Write(row);
        }

        await destination.FlushAsync(cancellationToken);
        return (writer.Written, writer.Skipped);
    }
}
