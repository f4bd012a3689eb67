namespace DataForge.Models.Tokenization.Internal;

/// <summary>
/// A pre-tokenized word: <see cref="Length"/> chars of the normalized text from <see cref="Start"/>,
/// preceded by one space that is not in the text when <see cref="PrefixSpace"/> is set
/// (the ByteLevel pre-tokenizer's <c>add_prefix_space</c>).
/// </summary>
internal readonly record struct Piece(int Start, int Length, bool PrefixSpace);
