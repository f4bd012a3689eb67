namespace DataForge.Storage.Runs;

/// <summary>
/// Where a run is built and how it is published: everything is written to a staging folder beside
/// the final one, then moved into place with one rename, so no reader ever sees a half-written run.
/// </summary>
public sealed class RunFolder
{
    /// <summary>Plans the folders for a run published at <paramref name="finalDirectory"/>.</summary>
    public RunFolder(string finalDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(finalDirectory);
        Final = Path.GetFullPath(finalDirectory);
        var parent = Path.GetDirectoryName(Final)!;
        Staging = Path.Combine(parent, $".staging-{Path.GetFileName(Final)}");
    }

    /// <summary>The published folder.</summary>
    public string Final { get; }

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

    /// <summary>Starts from an empty staging folder (a crashed attempt's leftovers are discarded: finished work lives in the run store).</summary>
    public void PrepareStaging()
    {
        if (Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }

        Directory.CreateDirectory(Staging);
        Directory.CreateDirectory(Scratch);
    }

    /// <summary>Removes scratch space and moves staging into place, replacing an existing run atomically.</summary>
    public void Publish()
    {
        if (Directory.Exists(Scratch))
        {
            Directory.Delete(Scratch, recursive: true);
        }

        if (!Directory.Exists(Final))
        {
            Directory.Move(Staging, Final);
            return;
        }

        // Replace: move the old run aside first, so the final path never holds a mix of both.
        var old = $"{Final}.replaced-{Environment.ProcessId}";
        Directory.Move(Final, old);
        Directory.Move(Staging, Final);
        Directory.Delete(old, recursive: true);
    }

    /// <summary>Writes <paramref name="runId"/> into the pipeline folder's <c>latest</c> file (atomically).</summary>
    public static void WriteLatest(string pipelineDirectory, string runId)
    {
        var temp = Path.Combine(pipelineDirectory, $".latest-{Environment.ProcessId}");
        File.WriteAllText(temp, runId + "\n");
        File.Move(temp, Path.Combine(pipelineDirectory, "latest"), overwrite: true);
    }
}
