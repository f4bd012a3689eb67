namespace DataForge.Storage.Readers;

/// <summary>How a file is read, decided by its extension.</summary>
internal enum InputFileKind
{
    Jsonl,
    JsonArray,
    Parquet,
    Code,
}
