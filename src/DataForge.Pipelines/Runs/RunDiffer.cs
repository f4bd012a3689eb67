using DataForge.Storage.Runs;
using DataForge.Storage.Runs.Diff;

namespace DataForge.Pipelines.Runs;

/// <summary>The diff of a new run against a previous run or build folder, for its manifest and dataset card.</summary>
internal static class RunDiffer
{
    // The diff against RunRequest.DiffAgainst, read from the staging folder before its manifest is written.
    public static async Task<RunDiff?> DiffAsync(string? against, RunFolder folder, RunManifest manifest, string runDirectory, CancellationToken cancellationToken)
    {
        var previous = against is { } path ? LatestLink.Resolve(path) : null;
        if (previous is null || !File.Exists(Path.Combine(previous, "manifest.json")))
        {
            return null;
        }

        try
        {
            // Folders relative to this run's folder: the manifest holds no path of the machine that made it.
            var diff = await RunDiff.ComputeAsync(previous, ManifestJson.Read(Path.Combine(previous, "manifest.json")), folder.Staging, manifest, cancellationToken).ConfigureAwait(false);
            return diff with { Before = diff.Before with { Folder = Path.GetRelativePath(runDirectory, previous).Replace('\\', '/') }, After = diff.After with { Folder = "." } };
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            // A damaged previous run costs the diff, never the new run.
            folder.Note($"no diff against {previous}: {e.Message}");
            return null;
        }
    }
}
