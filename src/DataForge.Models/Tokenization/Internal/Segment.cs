namespace DataForge.Models.Tokenization.Internal;

/// <summary>A run of the text: an added token (<see cref="TokenId"/> at least 0) or ordinary text (-1).</summary>
internal readonly record struct Segment(int Start, int Length, int TokenId);
