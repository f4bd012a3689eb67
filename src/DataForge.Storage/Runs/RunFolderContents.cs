namespace DataForge.Storage.Runs;

/// <summary>
/// Tells the files DataForge wrote in a run folder from anything else, and removes only its own:
/// <c>manifest.json</c>, <c>README.md</c>, the shards the manifest lists (under <c>data/</c> and
/// <c>rejects/</c>), LintSeq's <c>reference/*_vec.jsonl</c>, and those folders once empty.
/// </summary>
internal static class RunFolderContents
{
    private const string Manifest = "manifest.json";
    private static readonly string[] OwnFiles = [Manifest, "README.md"];
    private static readonly string[] ShardFolders = ["data", "rejects"];
    private const string ReferenceFolder = "reference";

    /// <summary>True when <paramref name="directory"/> holds a <c>manifest.json</c> (a finished run folder).</summary>
    public static bool IsRunFolder(string directory) => File.Exists(Path.Combine(directory, Manifest));

    /// <summary>Entries (relative, '/' separated, folders ending in '/') that DataForge did not write.</summary>
    public static IReadOnlyList<string> Foreign(string directory)
    {
        var shards = ListedShards(directory);
        var foreign = new List<string>();
        foreach (var entry in Entries(directory))
        {
            var name = Path.GetFileName(entry);
            if (IsPlainFile(entry) && OwnFiles.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            if (IsPlainDirectory(entry) && ShardFolders.Contains(name, StringComparer.Ordinal))
            {
                foreign.AddRange(Entries(entry).Where(e => !IsPlainFile(e) || !shards.Contains($"{name}/{Path.GetFileName(e)}")).Select(e => Describe(directory, e)));
                continue;
            }

            if (IsPlainDirectory(entry) && name == ReferenceFolder)
            {
                foreign.AddRange(Entries(entry).Where(e => !IsPlainFile(e) || !e.EndsWith("_vec.jsonl", StringComparison.Ordinal)).Select(e => Describe(directory, e)));
                continue;
            }

            foreign.Add(Describe(directory, entry));
        }

        return foreign;
    }

    /// <summary>
    /// Removes DataForge's files from a run folder (see the type), then the folder itself if that
    /// left it empty. Returns what was left (foreign entries); nothing else is touched.
    /// </summary>
    public static IReadOnlyList<string> RemoveOwn(string directory)
    {
        var foreign = Foreign(directory);
        var shards = ListedShards(directory);
        foreach (var folder in ShardFolders)
        {
            foreach (var shard in shards.Where(s => s.StartsWith(folder + "/", StringComparison.Ordinal)))
            {
                DeleteFile(Path.Combine(directory, shard));
            }
        }

        var reference = Path.Combine(directory, ReferenceFolder);
        if (IsPlainDirectory(reference))
        {
            foreach (var file in Entries(reference).Where(e => IsPlainFile(e) && e.EndsWith("_vec.jsonl", StringComparison.Ordinal)))
            {
                DeleteFile(file);
            }
        }

        foreach (var folder in ShardFolders.Append(ReferenceFolder))
        {
            DeleteIfEmpty(Path.Combine(directory, folder));
        }

        // The manifest goes last: until then the folder is still recognisably a run folder.
        DeleteFile(Path.Combine(directory, "README.md"));
        DeleteFile(Path.Combine(directory, Manifest));
        DeleteIfEmpty(directory);
        return foreign;
    }

    /// <summary>The first few entries of <paramref name="entries"/>, then how many more.</summary>
    public static string Summarize(IReadOnlyList<string> entries, int shown = 5)
        => entries.Count <= shown
            ? string.Join(", ", entries)
            : $"{string.Join(", ", entries.Take(shown))} and {entries.Count - shown} more";

    /// <summary>Top-level entries of a folder (files, folders, links), sorted.</summary>
    public static List<string> Entries(string directory)
        => [.. Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal)];

    private static HashSet<string> ListedShards(string directory)
    {
        if (!File.Exists(Path.Combine(directory, Manifest)))
        {
            return [];
        }

        try
        {
            return new HashSet<string>(ManifestJson.Read(Path.Combine(directory, Manifest)).Shards.Select(s => s.Path), StringComparer.Ordinal);
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static string Describe(string root, string entry)
        => Path.GetRelativePath(root, entry).Replace('\\', '/') + (IsPlainDirectory(entry) ? "/" : "");

    private static bool IsPlainFile(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.LinkTarget is null;
    }

    private static bool IsPlainDirectory(string path)
    {
        var info = new DirectoryInfo(path);
        return info.Exists && info.LinkTarget is null;
    }

    private static void DeleteFile(string path)
    {
        if (IsPlainFile(path))
        {
            File.Delete(path);
        }
    }

    private static void DeleteIfEmpty(string directory)
    {
        if (IsPlainDirectory(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
    }
}
