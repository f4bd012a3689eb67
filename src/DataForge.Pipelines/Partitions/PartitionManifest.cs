using System.Text.Json;
using System.Text.Json.Serialization;
using DataForge.Core.Work;

namespace DataForge.Pipelines.Partitions;

/// <summary>
/// <c>partition.json</c>: what one partition's run of the record phase produced. Written last, so a
/// partition folder with this file is complete.
/// </summary>
/// <param name="Format">The layout's version.</param>
/// <param name="Pipeline">The pipeline's <c>run.name</c>.</param>
/// <param name="RunId">The id of the whole run (the resolved configuration and inputs); every partition of one run has it.</param>
/// <param name="Index">This partition, from 0.</param>
/// <param name="Count">How many partitions.</param>
/// <param name="CodeVersion">The DataForge version that ran it.</param>
/// <param name="Steps">The record-phase steps, in plan order.</param>
/// <param name="Work">Model requests and linter checks the partition made.</param>
/// <param name="Seconds">Wall time of the partition's run.</param>
public sealed record PartitionManifest(int Format, string Pipeline, string RunId, int Index, int Count, string CodeVersion, IReadOnlyList<PartitionStep> Steps, WorkTotals Work, double Seconds)
{
    /// <summary>The file's name in a partition folder.</summary>
    public const string FileName = "partition.json";

    /// <summary>The current layout.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads <paramref name="folder"/>'s manifest, or null when the folder has none.</summary>
    public static PartitionManifest? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<PartitionManifest>(File.ReadAllText(path), Options) : null;
    }

    /// <summary>Writes the manifest into <paramref name="folder"/>.</summary>
    public void Write(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Options) + "\n");
}

/// <summary>One record-phase step's share of the work in a partition.</summary>
/// <param name="Name">The step.</param>
/// <param name="In">Records received.</param>
/// <param name="Out">Records kept.</param>
/// <param name="Dropped">Rejects per reason.</param>
/// <param name="Seconds">Time the step was busy.</param>
/// <param name="Kept">The file of its kept records (relative), when a global step reads them; null otherwise.</param>
/// <param name="Rejects">The file of its rejects (relative), when it rejected anything; null otherwise.</param>
public sealed record PartitionStep(string Name, long In, long Out, IReadOnlyDictionary<string, long> Dropped, double Seconds, string? Kept, string? Rejects);
