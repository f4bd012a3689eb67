using DataForge.Core.Options;
using DataForge.Core.BuiltIns;
using DataForge.Core.Steps;
using DataForge.Storage.Readers;
using DataForge.Storage.Shards;
using DataForge.Storage.Steps;

namespace DataForge.Pipelines.Registry;

/// <summary>The built-in step types: read, dedup-exact, length-filter, sample, write.</summary>
internal static class BuiltInSteps
{
    public static void Register(StepRegistry registry)
    {
        registry.Register(new StepTypeDefinition("read", StepRole.Source, "Reads JSONL / JSON / Parquet records or code files from a file or folder.",
            [
                new("path", OptionKind.Path, null, "file or folder to read, relative to the pipeline file") { Required = true },
                new("max_field_bytes", OptionKind.Integer, 1_048_576L, "a string field longer than this (UTF-8 bytes) rejects the record as field_too_large") { Min = 1, Max = int.MaxValue },
            ],
            BuildRead));
        registry.Register(new StepTypeDefinition("dedup-exact", StepRole.Filter, "Drops records whose normalized text was seen before (streaming, 64-bit hash index).",
            [new("expected_records", OptionKind.Integer, 1_000_000L, "pre-sizes the hash index") { Min = 1, AffectsResult = false }],
            c => new DedupExactFilter(new DedupExactOptions { ExpectedRecords = c.Options.GetInteger("expected_records")!.Value })));
        registry.Register(new StepTypeDefinition("sample", StepRole.Filter, "Keeps a deterministic random share of the records.",
            [new("fraction", OptionKind.Float, 0.5, "share of records kept") { Min = 0, Max = 1 }],
            c => new SampleFilter(new SampleFilterOptions { Fraction = c.Options.GetFloat("fraction")!.Value })));
        registry.Register(new StepTypeDefinition("write", StepRole.Sink, "Writes kept records to the run folder's Parquet shards.",
            [
                new("shard_rows", OptionKind.Integer, 100_000L, "rows per shard file") { Min = 1, Max = int.MaxValue },
                new("row_group_rows", OptionKind.Integer, 10_000L, "rows per Parquet row group") { Min = 1, Max = int.MaxValue },
            ],
            c => new WriteStep(new WriteStepOptions(
                c.Resources.DataDirectory,
                c.Resources.RunId,
                new ShardWriterOptions { ShardRows = (int)c.Options.GetInteger("shard_rows")!.Value, RowGroupRows = (int)c.Options.GetInteger("row_group_rows")!.Value }))));
    }

    private static ReadStep BuildRead(StepBuildContext c) => new ReadStep(new ReadStepOptions
    {
        Path = c.ResolvePath(c.Options.GetString("path")!),
        BaseDirectory = c.Resources.PipelineDirectory,
        MaxFieldBytes = (int)c.Options.GetInteger("max_field_bytes")!.Value,
        Limit = c.Resources.Limit,
    });
}
