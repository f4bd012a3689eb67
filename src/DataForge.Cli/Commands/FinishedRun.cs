using DataForge.Storage.Runs;

namespace DataForge.Cli.Commands;

/// <summary>The run folder a command was given (a pipeline's output folder: its <c>latest</c>), when it is a finished run.</summary>
internal static class FinishedRun
{
    /// <summary>The run folder and its manifest; null, with the error printed on stderr, when the folder has no <c>manifest.json</c>.</summary>
    public static (string Directory, RunManifest Manifest)? Open(string path)
    {
        var runDirectory = LatestLink.Resolve(path);
        var manifestPath = Path.Combine(runDirectory, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            Console.Error.WriteLine($"error: {runDirectory} is not a finished run folder (no manifest.json)");
            return null;
        }

        return (runDirectory, ManifestJson.Read(manifestPath));
    }
}
