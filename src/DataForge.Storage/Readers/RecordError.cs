namespace DataForge.Storage.Readers;

/// <summary>Why one input record was rejected.</summary>
/// <param name="Reason">The stable snake_case reason.</param>
/// <param name="Detail">A human message naming what is wrong (without the line prefix).</param>
/// <param name="IsSyntax">True when the text is not JSON at all (a truncated last line then reads as <c>truncated_line</c>).</param>
internal readonly record struct RecordError(string Reason, string Detail, bool IsSyntax = false);
