using DataForge.Core.Records;

namespace DataForge.Core.Steps;

/// <summary>A file a sink wrote.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Rows">Records in it.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its bytes.</param>
public sealed record SinkFile(string Path, long Rows, string Sha256);

/// <summary>What a sink wrote, as it reports it when it completes.</summary>
/// <param name="Files">The files it wrote, in order (empty for sinks whose files the run's manifest does not list).</param>
/// <param name="Scores">Distribution of each score over the records it wrote, by score name.</param>
public sealed record SinkResult(IReadOnlyList<SinkFile> Files, IReadOnlyDictionary<string, ScoreSummary> Scores)
{
    /// <summary>Nothing to report.</summary>
    public static SinkResult Empty { get; } = new([], new SortedDictionary<string, ScoreSummary>(StringComparer.Ordinal));

    /// <summary>Records written, over every file.</summary>
    public long Rows => Files.Sum(f => f.Rows);
}
