namespace DataForge.Pipelines.Runs;

/// <summary>The files under a read step's path, in the order the reader visits them (ordinal by relative path; hidden entries skipped).</summary>
internal static class InputFiles
{
    public static IEnumerable<string> Enumerate(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            return [];
        }

        return Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(path, f).Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith('.')))
            .OrderBy(f => Path.GetRelativePath(path, f).Replace('\\', '/'), StringComparer.Ordinal);
    }
}
