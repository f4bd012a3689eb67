namespace DataForge.Testing;

/// <summary>Where the repository is, for tests that read its own files (seeds, pipelines, README).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding <c>DataForge.sln</c>, found by walking up from the test binaries.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DataForge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"DataForge.sln not found above {AppContext.BaseDirectory}");
    }
}
