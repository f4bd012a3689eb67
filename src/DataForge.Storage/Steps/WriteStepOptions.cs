using DataForge.Core.Options;
using DataForge.Storage.Shards;

namespace DataForge.Storage.Steps;

/// <summary>Options of the <c>write</c> step.</summary>
/// <remarks>
/// The keys are <see cref="ShardRows"/> (<c>shard_rows</c>) and <see cref="RowGroupRows"/>
/// (<c>row_group_rows</c>) and <see cref="ValidationFraction"/> (<c>validation_fraction</c>);
/// <see cref="DataDirectory"/>, <see cref="Seed"/> and <see cref="RunId"/> are set by the
/// step's factory from the run.
/// </remarks>
public sealed record WriteStepOptions
{
    /// <summary>Rows per shard file.</summary>
    [Option("shard_rows", "rows per shard file", Min = 1, Max = int.MaxValue)] public int ShardRows { get; init; } = ShardWriterOptions.Default.ShardRows;

    /// <summary>Rows per Parquet row group.</summary>
    [Option("row_group_rows", "rows per Parquet row group", Min = 1, Max = int.MaxValue)] public int RowGroupRows { get; init; } = ShardWriterOptions.Default.RowGroupRows;

    /// <summary>Share of seeds whose records (with everything derived from them) go to the validation split; 0: train only.</summary>
    [Option("validation_fraction", "share of seeds (with all records derived from them) written to the validation split; 0 writes train only", Min = 0, Max = 0.5)]
    public double ValidationFraction { get; init; }

    /// <summary>The run's <c>data/</c> folder (in the staging folder).</summary>
    public string DataDirectory { get; init; } = string.Empty;

    /// <summary>The run seed (the validation split's draw).</summary>
    public long Seed { get; init; }

    /// <summary>Written into every row's <c>run_id</c>.</summary>
    public string RunId { get; init; } = string.Empty;

    /// <summary>Shard and row-group sizes.</summary>
    public ShardWriterOptions Shards => new() { ShardRows = ShardRows, RowGroupRows = RowGroupRows };
}
