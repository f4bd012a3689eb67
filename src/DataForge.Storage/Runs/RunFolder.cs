namespace DataForge.Storage.Runs;

/// <summary>
/// Where a run is built and how it is published: everything is written to a staging folder beside
/// the final one (marked as DataForge's own), then switched into place in one step, so no reader
/// ever sees a half-written run and a kill at any point leaves either the old or the new run.
/// DataForge only ever deletes files it wrote: a run folder's own files (see
/// <see cref="RunFolderContents"/>) and staging folders carrying its marker.
/// </summary>
public sealed class RunFolder
{
    /// <summary>The file that marks a staging folder as made by DataForge (only such folders are deleted whole).</summary>
    public const string StagingMarker = ".dataforge-staging";

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _notices = new();

    /// <summary>Plans the folders for a run published at <paramref name="finalDirectory"/>.</summary>
    public RunFolder(string finalDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(finalDirectory);
        Final = Path.TrimEndingDirectorySeparator(Path.GetFullPath(finalDirectory));
        Parent = Path.GetDirectoryName(Final)!;
        Staging = Path.Combine(Parent, $".staging-{Path.GetFileName(Final)}");
    }

    /// <summary>The published folder.</summary>
    public string Final { get; }

    /// <summary>The folder that holds <see cref="Final"/>.</summary>
    public string Parent { get; }

    /// <summary>The folder the run is written to.</summary>
    public string Staging { get; }

    /// <summary>Spill files and step scratch space (removed before publishing).</summary>
    public string Scratch => Path.Combine(Staging, ".scratch");

    /// <summary>The <c>data/</c> folder inside staging.</summary>
    public string Data => Path.Combine(Staging, "data");

    /// <summary>The <c>rejects/</c> folder inside staging.</summary>
    public string Rejects => Path.Combine(Staging, "rejects");

    /// <summary>True when a finished run is already published here.</summary>
    public bool IsComplete => File.Exists(Path.Combine(Final, "manifest.json"));

    /// <summary>True when an interrupted replace left a <c>NAME.replaced-*</c> folder (see <see cref="Recover"/>).</summary>
    public bool HasReplacedLeftovers => ReplacedLeftovers().Length > 0;

    /// <summary>Things worth telling the user that did not stop the run (files left in place, leftovers cleaned); steps may add them from any thread.</summary>
    public IReadOnlyList<string> Notices => [.. _notices];

    /// <summary>Adds a notice for the user (something that did not stop the run).</summary>
    public void Note(string notice) => _notices.Enqueue(notice);

    /// <summary>
    /// Refuses (<see cref="OutFolderRefusedException"/>) a final folder that is a file, or exists, is not
    /// empty and is not a run folder, or — when <paramref name="replace"/> — is a run folder holding
    /// files DataForge did not write. Changes nothing.
    /// </summary>
    public void CheckFinal(bool replace)
    {
        if (File.Exists(Final) || (!Directory.Exists(Final) && new FileInfo(Final).LinkTarget is not null))
        {
            throw new OutFolderRefusedException($"{Final} is a file, not a folder; choose a new or empty folder for the run");
        }

        if (!Directory.Exists(Final) || RunFolderContents.Entries(Final).Count == 0)
        {
            return;
        }

        if (!RunFolderContents.IsRunFolder(Final))
        {
            var entries = RunFolderContents.Entries(Final).Select(e => Path.GetFileName(e)).ToList();
            throw new OutFolderRefusedException(
                $"{Final} exists, is not empty and is not a DataForge run folder (it holds {RunFolderContents.Summarize(entries)}); " +
                "nothing was changed: choose a new or empty folder for the run");
        }

        if (replace && RunFolderContents.Foreign(Final) is { Count: > 0 } foreign)
        {
            throw new OutFolderRefusedException(
                $"{Final} is a run folder but also holds files DataForge did not write ({RunFolderContents.Summarize(foreign)}); " +
                "--force replaces only DataForge's files: move those away first");
        }
    }

    /// <summary>
    /// Repairs what an interrupted run left (call it holding the run's lock): a run moved aside by an
    /// interrupted replace (<c>NAME.replaced-*</c>) is put back when the final folder is missing and its
    /// DataForge files are removed otherwise; a stale staging folder is removed.
    /// </summary>
    public void Recover()
    {
        foreach (var replaced in ReplacedLeftovers().Order(StringComparer.Ordinal))
        {
            if (!Directory.Exists(Final) && RunFolderContents.IsRunFolder(replaced))
            {
                Directory.Move(replaced, Final);
                _notices.Enqueue($"restored {Final} from {Path.GetFileName(replaced)} (a replace was interrupted)");
                continue;
            }

            RemoveOld(replaced);
        }

        RemoveStaging();
    }

    /// <summary>
    /// Staging folders of other runs in the same parent folder that DataForge made (they carry its
    /// marker), e.g. of a killed run with another configuration; the caller removes each with
    /// <see cref="RemoveStaleStaging"/> once it holds that run's lock.
    /// </summary>
    public IReadOnlyList<string> OtherStagingFolders()
        => Directory.Exists(Parent)
            ? [.. Directory.GetDirectories(Parent, ".staging-*").Where(d => d != Staging && File.Exists(Path.Combine(d, StagingMarker))).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The run folder a staging folder was building (<c>.staging-NAME</c> builds <c>NAME</c>).</summary>
    public static string RunFolderOfStaging(string staging)
        => Path.Combine(Path.GetDirectoryName(staging)!, Path.GetFileName(staging)[".staging-".Length..]);

    /// <summary>Removes a staging folder DataForge made (it carries the marker); anything else is left alone.</summary>
    public static void RemoveStaleStaging(string staging)
    {
        if (File.Exists(Path.Combine(staging, StagingMarker)))
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Starts from an empty staging folder, marked as DataForge's (a previous attempt's leftovers are discarded: finished work lives in the run store).</summary>
    public void PrepareStaging()
    {
        RemoveStaging();
        Directory.CreateDirectory(Staging);
        File.WriteAllText(Path.Combine(Staging, StagingMarker), "made by DataForge: removed by the next run of this folder\n");
        Directory.CreateDirectory(Scratch);
    }

    /// <summary>Removes the staging folder of a run that stopped without publishing (only if DataForge made it).</summary>
    public void Discard()
    {
        if (File.Exists(Path.Combine(Staging, StagingMarker)))
        {
            Directory.Delete(Staging, recursive: true);
        }
    }

    /// <summary>
    /// Removes scratch space and switches staging into place. An existing run is replaced by one
    /// atomic exchange where the file system supports it (Linux <c>renameat2</c>), otherwise by two
    /// renames that <see cref="Recover"/> repairs if interrupted; then only the old run's own files are removed.
    /// </summary>
    public void Publish()
    {
        if (Directory.Exists(Scratch))
        {
            Directory.Delete(Scratch, recursive: true);
        }

        File.Delete(Path.Combine(Staging, StagingMarker));
        if (Directory.Exists(Final) && RunFolderContents.Entries(Final).Count == 0)
        {
            Directory.Delete(Final);
        }

        if (!Directory.Exists(Final))
        {
            Directory.Move(Staging, Final);
            return;
        }

        if (NativeRename.TryExchange(Staging, Final))
        {
            RemoveOld(Staging);
            return;
        }

        // No exchange here: move the old run aside first, so the final path never holds a mix of both.
        var old = $"{Final}.replaced-{Environment.ProcessId}";
        Directory.Move(Final, old);
        Directory.Move(Staging, Final);
        RemoveOld(old);
    }

    /// <summary>Removes a published run folder's own files (see <see cref="RunFolderContents"/>) and the folder once empty; returns the entries it left (not DataForge's).</summary>
    public static IReadOnlyList<string> RemovePublished(string directory) => RunFolderContents.RemoveOwn(directory);

    /// <summary>Points the pipeline folder's <c>latest</c> link at <paramref name="runId"/> (atomically).</summary>
    public static void WriteLatest(string pipelineDirectory, string runId) => LatestLink.Write(pipelineDirectory, runId);

    private string[] ReplacedLeftovers()
        => Directory.Exists(Parent) ? Directory.GetDirectories(Parent, $"{Path.GetFileName(Final)}.replaced-*") : [];

    // An old run (replaced, or moved aside): its own files go; anything else stays, and is reported.
    private void RemoveOld(string directory)
    {
        if (RunFolderContents.RemoveOwn(directory) is { Count: > 0 } kept)
        {
            _notices.Enqueue($"kept {directory}: it holds files DataForge did not write ({RunFolderContents.Summarize(kept)})");
        }
    }

    private void RemoveStaging()
    {
        if (!Directory.Exists(Staging))
        {
            return;
        }

        if (File.Exists(Path.Combine(Staging, StagingMarker)))
        {
            Directory.Delete(Staging, recursive: true);
            return;
        }

        // No marker: a run an interrupted switch left here (it has a manifest), or not ours.
        if (RunFolderContents.IsRunFolder(Staging))
        {
            RunFolderContents.RemoveOwn(Staging);
        }
        else if (RunFolderContents.Entries(Staging).Count == 0)
        {
            Directory.Delete(Staging);
        }

        if (Directory.Exists(Staging))
        {
            var kept = RunFolderContents.Entries(Staging).Select(e => Path.GetFileName(e)).ToList();
            throw new OutFolderRefusedException(
                $"{Staging} holds files DataForge did not write ({RunFolderContents.Summarize(kept)}); DataForge removed none of them: move them away and rerun");
        }
    }
}
