using DataForge.Storage.Shards;

namespace DataForge.Storage.Steps;

/// <summary>Options of the <c>write</c> step.</summary>
/// <param name="DataDirectory">The run's <c>data/</c> folder (in the staging folder).</param>
/// <param name="RunId">Written into every row's <c>run_id</c>.</param>
/// <param name="Shards">Shard and row-group sizes.</param>
public sealed record WriteStepOptions(string DataDirectory, string RunId, ShardWriterOptions Shards);
