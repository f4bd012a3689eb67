namespace DataForge.Models.Tokenization.Internal;

/// <summary>One entry of <c>added_tokens</c>: text matched whole, before pre-tokenization.</summary>
/// <param name="Id">The token id.</param>
/// <param name="Content">The exact text.</param>
/// <param name="Special">Special tokens are matched only when the caller allows them; the others always.</param>
internal sealed record AddedToken(int Id, string Content, bool Special);
