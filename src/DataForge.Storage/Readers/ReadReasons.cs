namespace DataForge.Storage.Readers;

/// <summary>The stable snake_case reasons the readers reject input with.</summary>
internal static class ReadReasons
{
    public const string InvalidJson = "invalid_json";
    public const string InvalidUtf8 = "invalid_utf8";
    public const string MissingField = "missing_field";
    public const string WrongType = "wrong_type";
    public const string FieldTooLarge = "field_too_large";
    public const string LineTooLarge = "line_too_large";
    public const string TruncatedLine = "truncated_line";
    public const string NotAnObject = "not_an_object";
    public const string EmptyFile = "empty_file";
    public const string BinaryFile = "binary_file";
    public const string InvalidParquet = "invalid_parquet";
    public const string FileTooLarge = "file_too_large";
    public const string UnsupportedContent = "unsupported_content";
    public const string InvalidCsv = "invalid_csv";
    public const string InvalidCompression = "invalid_compression";

    /// <summary>Every reason, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        InvalidJson, InvalidUtf8, MissingField, WrongType, FieldTooLarge, LineTooLarge,
        TruncatedLine, NotAnObject, EmptyFile, BinaryFile, InvalidParquet, FileTooLarge,
        UnsupportedContent, InvalidCsv, InvalidCompression,
    ];
}
