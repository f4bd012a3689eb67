namespace DataForge.Storage.Readers;

/// <summary>One file to read.</summary>
/// <param name="FullPath">Absolute path, for opening (for a compressed file, while it is read: its decompressed copy).</param>
/// <param name="RelativePath">Path relative to the base folder with '/' separators, for <c>source</c>.</param>
/// <param name="Kind">How it is read.</param>
/// <param name="Language">For code files: the language of the extension.</param>
internal sealed record InputFile(string FullPath, string RelativePath, InputFileKind Kind, string? Language)
{
    /// <summary>How the file is compressed.</summary>
    public InputCompression Compression { get; init; }

    /// <summary>The <c>source</c> value of a line or row of this file.</summary>
    public string SourceAt(long line) => string.Concat(RelativePath, ":", line.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
