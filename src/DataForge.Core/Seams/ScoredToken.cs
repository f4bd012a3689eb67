namespace DataForge.Core.Seams;

/// <summary>One scored token of a continuation.</summary>
/// <param name="Text">The token's text (the decoded bytes; a token that splits a character shows the replacement character).</param>
/// <param name="Offset">Character offset of the token's start in the continuation.</param>
/// <param name="LogProb">Natural-log probability of the token given everything before it.</param>
public sealed record ScoredToken(string Text, int Offset, double LogProb);
