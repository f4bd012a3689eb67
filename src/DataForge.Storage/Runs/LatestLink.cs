namespace DataForge.Storage.Runs;

/// <summary>
/// <c>output/NAME/latest</c>: a relative symbolic link to the newest run that finished cleanly,
/// switched atomically (a new link is made beside it and renamed over it). Older versions wrote a
/// file holding the run id; <see cref="Resolve"/> still reads those.
/// </summary>
public static class LatestLink
{
    /// <summary>The name of the link in a pipeline's output folder.</summary>
    public const string Name = "latest";

    /// <summary>Points <c>latest</c> in <paramref name="pipelineDirectory"/> at the run folder <paramref name="runId"/>.</summary>
    public static void Write(string pipelineDirectory, string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var temp = Path.Combine(pipelineDirectory, $".latest-{Environment.ProcessId}");
        if (new FileInfo(temp).LinkTarget is not null || File.Exists(temp))
        {
            File.Delete(temp);
        }

        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(temp, runId + "\n");
        }
        else
        {
            File.CreateSymbolicLink(temp, runId);
        }

        NativeRename.Replace(temp, Path.Combine(pipelineDirectory, Name));
    }

    /// <summary>
    /// The run folder <paramref name="path"/> names: a pipeline's output folder is taken as its
    /// <c>latest</c> run (a link, or a legacy file holding the id); anything else is returned as is.
    /// </summary>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (IsLegacyFile(path))
        {
            // output/NAME/latest given itself, written by an older version.
            return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, File.ReadAllText(path).Trim());
        }

        var latest = Path.Combine(path, Name);
        if (Directory.Exists(latest))
        {
            return latest;
        }

        return IsLegacyFile(latest)
            ? Path.Combine(path, File.ReadAllText(latest).Trim())
            : path;
    }

    private static bool IsLegacyFile(string path)
        => Path.GetFileName(Path.TrimEndingDirectorySeparator(path)) == Name && File.Exists(path) && new FileInfo(path).LinkTarget is null;
}
