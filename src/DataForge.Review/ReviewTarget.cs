using System.Text.RegularExpressions;
using DataForge.Storage.Review;
using DataForge.Storage.Runs;

namespace DataForge.Review;

/// <summary>
/// What <c>dataforge review PATH</c> shows: one run folder, a pipeline's output folder (its
/// <c>latest</c> run first) or a builds folder (every build, newest first); where the sidecar index
/// and the verdicts store live; and, for a builds folder, the <c>verdicts.jsonl</c> builds read.
/// </summary>
public sealed partial class ReviewTarget
{
    /// <summary>The name of the default index folder, beside the run folders (never inside one).</summary>
    public const string IndexFolderName = ".review";

    private ReviewTarget(ReviewTargetKind kind, string root, IReadOnlyList<ReviewRun> runs, string indexDirectory, string? verdictsFile)
    {
        Kind = kind;
        Root = root;
        Runs = runs;
        IndexDirectory = indexDirectory;
        VerdictsFile = verdictsFile;
    }

    /// <summary>Run, output or builds folder.</summary>
    public ReviewTargetKind Kind { get; }

    /// <summary>The folder given, as a full path.</summary>
    public string Root { get; }

    /// <summary>The runs, the default (latest or newest) first; never empty.</summary>
    public IReadOnlyList<ReviewRun> Runs { get; }

    /// <summary>Where the indexes and the verdicts store are kept.</summary>
    public string IndexDirectory { get; }

    /// <summary>For a builds folder, its <c>verdicts.jsonl</c> (rewritten after each verdict); otherwise null.</summary>
    public string? VerdictsFile { get; }

    /// <summary>The run named <paramref name="name"/> (a folder name listed in <see cref="Runs"/>), or null.</summary>
    public ReviewRun? Find(string? name)
        => string.IsNullOrEmpty(name) ? Runs[0] : Runs.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));

    /// <summary>Resolves <paramref name="path"/>.</summary>
    /// <param name="path">A run folder, a pipeline output folder or a builds folder.</param>
    /// <param name="indexDirectory">Where to keep the index (default: <c>.review/</c> beside the run folders).</param>
    /// <exception cref="ReviewPathException">The path is none of those, or holds no finished run.</exception>
    public static ReviewTarget Resolve(string path, string? indexDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (!Directory.Exists(full))
        {
            throw new ReviewPathException($"{path}: no such folder (expected a run folder, a pipeline's output folder or a builds folder)");
        }

        if (IsRunFolder(full))
        {
            var real = RealPath(full);
            var run = new ReviewRun(Path.GetFileName(real), real);
            return new ReviewTarget(ReviewTargetKind.Run, full, [run], indexDirectory ?? Path.Combine(Path.GetDirectoryName(real)!, IndexFolderName), null);
        }

        var builds = Builds(full);
        if (builds.Count > 0)
        {
            return new ReviewTarget(ReviewTargetKind.Builds, full, builds, indexDirectory ?? Path.Combine(full, IndexFolderName), Path.Combine(full, VerdictFile.DefaultName));
        }

        var output = OutputRuns(full);
        if (output.Count > 0)
        {
            return new ReviewTarget(ReviewTargetKind.Output, full, output, indexDirectory ?? Path.Combine(full, IndexFolderName), null);
        }

        throw new ReviewPathException($"{path}: neither a run folder (no manifest.json) nor a folder of finished runs or builds");
    }

    // The published builds of a builds folder (docs/builds.md: TIMESTAMP-HASH folders with a manifest), newest first.
    private static List<ReviewRun> Builds(string folder)
        => [.. Directory.GetDirectories(folder)
            .Where(d => BuildName().IsMatch(Path.GetFileName(d)) && new FileInfo(d).LinkTarget is null && IsRunFolder(d))
            .OrderDescending(StringComparer.Ordinal)
            .Select(d => new ReviewRun(Path.GetFileName(d), d))];

    private static List<ReviewRun> OutputRuns(string folder)
    {
        var latest = LatestLink.Resolve(folder);
        var runs = Directory.GetDirectories(folder)
            .Where(d => !Path.GetFileName(d).StartsWith('.') && new FileInfo(d).LinkTarget is null && IsRunFolder(d))
            .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d, "manifest.json")))
            .ThenBy(d => d, StringComparer.Ordinal)
            .Select(d => new ReviewRun(Path.GetFileName(d), d))
            .ToList();
        if (latest != folder && IsRunFolder(latest))
        {
            var real = RealPath(latest);
            runs.RemoveAll(r => r.Folder == real);
            runs.Insert(0, new ReviewRun(Path.GetFileName(real), real));
        }

        return runs;
    }

    private static bool IsRunFolder(string folder) => File.Exists(Path.Combine(folder, "manifest.json"));

    private static string RealPath(string folder)
        => Path.TrimEndingDirectorySeparator(new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder);

    [GeneratedRegex("^[0-9]{8}T[0-9]{6}Z-[0-9a-f]+$", RegexOptions.CultureInvariant)]
    private static partial Regex BuildName();
}
