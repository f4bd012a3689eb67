using System.Globalization;
using System.Text.RegularExpressions;
using DataForge.Storage.Runs;

namespace DataForge.Pipelines.Builds;

/// <summary>
/// A pipeline's builds folder (<c>builds/NAME/</c>): published builds named <c>TIMESTAMP-HASH</c>
/// (UTC start, short run id), the <c>latest</c> link, the run store, the verdicts file and the
/// lock. Knows which entries are leftovers of builds that died, and prunes old builds.
/// </summary>
public sealed partial class BuildsFolder
{
    /// <summary>The long-lived run store of a pipeline's builds.</summary>
    public const string StoreName = "runstore.sqlite";

    /// <summary>The review verdicts every build reads.</summary>
    public const string VerdictsName = "verdicts.jsonl";

    private const string StampFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Opens (does not create) the builds folder of one pipeline.</summary>
    public BuildsFolder(string directory) => Directory = System.IO.Path.GetFullPath(directory);

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The run store's path.</summary>
    public string StorePath => System.IO.Path.Combine(Directory, StoreName);

    /// <summary>The verdicts file's path.</summary>
    public string VerdictsPath => System.IO.Path.Combine(Directory, VerdictsName);

    /// <summary>The folder name of a build started at <paramref name="started"/> with run id <paramref name="runId"/>.</summary>
    public static string NameFor(DateTimeOffset started, string runId)
        => $"{started.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture)}-{runId[..Math.Min(12, runId.Length)]}";

    /// <summary>When the build named <paramref name="name"/> started.</summary>
    public static DateTimeOffset StartOf(string name)
        => DateTimeOffset.ParseExact(name[..16], StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>True when <paramref name="name"/> is a build folder's name.</summary>
    public static bool IsBuildName(string name) => BuildName().IsMatch(name);

    /// <summary>The published builds, oldest first.</summary>
    public IReadOnlyList<PublishedBuild> Published()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var builds = new List<PublishedBuild>();
        foreach (var path in System.IO.Directory.GetDirectories(Directory).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(path);
            if (IsBuildName(name) && new FileInfo(path).LinkTarget is null && RunFolderContents(path) is { } manifest)
            {
                builds.Add(new PublishedBuild(name, path, manifest));
            }
        }

        return builds;
    }

    /// <summary>The folder name <c>latest</c> points to, or null.</summary>
    public string? LatestName
        => new FileInfo(System.IO.Path.Combine(Directory, LatestLink.Name)).LinkTarget is { } target ? System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(target)) : null;

    /// <summary>Points <c>latest</c> at the build <paramref name="name"/> (atomically).</summary>
    public void SwitchLatest(string name) => LatestLink.Write(Directory, name);

    /// <summary>
    /// Removes what builds that died left here: their staging folders (DataForge's marker, nobody
    /// building them), run locks no process holds, temporary links and lock files, and builds half
    /// removed by an interrupted prune. Returns one line per thing removed.
    /// </summary>
    public IReadOnlyList<string> RemoveLeftovers()
    {
        var removed = new List<string>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return removed;
        }

        foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(Directory).Order(StringComparer.Ordinal).ToList())
        {
            var name = System.IO.Path.GetFileName(entry);
            if (Leftover(entry, name) is { } what)
            {
                removed.Add($"removed {name} ({what})");
            }
        }

        return removed;
    }

    /// <summary>
    /// Keeps the newest <paramref name="keep"/> builds and the one <c>latest</c> points to; each other
    /// build is first renamed aside (so a reader sees it whole or not at all), then its own files are
    /// removed. Returns the names removed, and notices for folders that kept foreign files.
    /// </summary>
    public (IReadOnlyList<string> Removed, IReadOnlyList<string> Notices) Prune(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var builds = Published();
        var latest = LatestName;
        var removed = new List<string>();
        var notices = new List<string>();
        foreach (var build in builds.Take(Math.Max(0, builds.Count - keep)).Where(b => b.Name != latest))
        {
            var aside = System.IO.Path.Combine(Directory, $".removing-{build.Name}");
            System.IO.Directory.Move(build.Path, aside);
            removed.Add(build.Name);
            if (RunFolder.RemovePublished(aside) is { Count: > 0 } foreign)
            {
                notices.Add($"kept {aside}: it holds files DataForge did not write ({string.Join(", ", foreign.Take(5))})");
            }
        }

        return (removed, notices);
    }

    private static RunManifest? RunFolderContents(string path)
    {
        var manifest = System.IO.Path.Combine(path, "manifest.json");
        return File.Exists(manifest) ? ManifestJson.Read(manifest) : null;
    }

    private static string? Leftover(string entry, string name)
    {
        if (name.StartsWith(".staging-", StringComparison.Ordinal) && File.Exists(System.IO.Path.Combine(entry, RunFolder.StagingMarker)))
        {
            using var runLock = Runs.RunLock.TryAcquire(RunFolder.RunFolderOfStaging(entry));
            if (runLock is null)
            {
                return null;
            }

            RunFolder.RemoveStaleStaging(entry);
            return "the staging folder of a build that stopped";
        }

        if (name.StartsWith(".lock-", StringComparison.Ordinal) && File.Exists(entry))
        {
            // Taking a free run lock and closing it deletes the file (it is opened delete-on-close).
            using var runLock = Runs.RunLock.TryAcquire(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(entry)!, name[".lock-".Length..]));
            return runLock is null ? null : "a run lock left by a killed process";
        }

        if (name.StartsWith(".latest-", StringComparison.Ordinal) || (name.StartsWith($".{BuildLock.FileName}.", StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal)))
        {
            File.Delete(entry);
            return "a temporary file of a build that stopped";
        }

        if (name.StartsWith(".removing-", StringComparison.Ordinal) && System.IO.Directory.Exists(entry))
        {
            return RunFolder.RemovePublished(entry).Count == 0 ? "an old build whose removal was interrupted" : null;
        }

        return null;
    }

    [GeneratedRegex("^[0-9]{8}T[0-9]{6}Z-[0-9a-f]+$", RegexOptions.CultureInvariant)]
    private static partial Regex BuildName();
}
