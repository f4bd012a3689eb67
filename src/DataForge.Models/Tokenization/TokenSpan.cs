namespace DataForge.Models.Tokenization;

/// <summary>One token of an encoded text and the chars of the input it covers.</summary>
/// <param name="Id">The token id.</param>
/// <param name="Offset">Index in the input of the first char the token covers.</param>
/// <param name="Length">
/// Chars covered. The spans of a text are contiguous and cover it exactly; a token that ends inside
/// a character (one byte of an emoji, say) has length 0, and the token holding the character's
/// last byte covers the whole character.
/// </param>
public readonly record struct TokenSpan(int Id, int Offset, int Length);
