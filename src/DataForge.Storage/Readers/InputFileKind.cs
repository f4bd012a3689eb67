namespace DataForge.Storage.Readers;

/// <summary>How a file is read, decided by its extension (the one before <c>.gz</c> / <c>.zst</c>).</summary>
internal enum InputFileKind
{
    Jsonl,
    JsonArray,
    Parquet,
    Code,
    Csv,
    Tsv,
}

/// <summary>How a file's bytes are compressed, decided by its last extension.</summary>
internal enum InputCompression
{
    None,
    Gzip,
    Zstd,
}
