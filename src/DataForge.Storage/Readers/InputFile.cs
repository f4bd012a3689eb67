namespace DataForge.Storage.Readers;

/// <summary>One file to read.</summary>
/// <param name="FullPath">Absolute path, for opening.</param>
/// <param name="RelativePath">Path relative to the base folder with '/' separators, for <c>source</c>.</param>
/// <param name="Kind">How it is read.</param>
/// <param name="Language">For code files: the language of the extension.</param>
internal sealed record InputFile(string FullPath, string RelativePath, InputFileKind Kind, string? Language)
{
    /// <summary>The <c>source</c> value of a line or row of this file.</summary>
    public string SourceAt(long line) => string.Concat(RelativePath, ":", line.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
