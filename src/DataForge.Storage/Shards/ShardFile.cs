namespace DataForge.Storage.Shards;

/// <summary>A finished shard.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Rows">Rows in it.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of its bytes.</param>
public sealed record ShardFile(string Path, long Rows, string Sha256);
