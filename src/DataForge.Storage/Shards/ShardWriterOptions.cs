namespace DataForge.Storage.Shards;

/// <summary>How rows are cut into shard files and row groups.</summary>
/// <remarks>
/// | option | default |
/// |---|---|
/// | <see cref="ShardRows"/> | 100 000 rows per shard file |
/// | <see cref="RowGroupRows"/> | 10 000 rows per row group |
/// Compression is zstd at the <c>Optimal</c> level (the library's default level is about 30 times slower).
/// </remarks>
public sealed record ShardWriterOptions
{
    private readonly int _shardRows = 100_000;
    private readonly int _rowGroupRows = 10_000;

    /// <summary>The defaults.</summary>
    public static ShardWriterOptions Default { get; } = new();

    /// <summary>Rows per shard file.</summary>
    public int ShardRows
    {
        get => _shardRows;
        init => _shardRows = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(ShardRows), value, "must be at least 1");
    }

    /// <summary>Rows per row group.</summary>
    public int RowGroupRows
    {
        get => _rowGroupRows;
        init => _rowGroupRows = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(RowGroupRows), value, "must be at least 1");
    }
}
