namespace DataForge.Core.Records;

/// <summary>One turn of a conversation: a role (<c>system</c>, <c>user</c>, <c>assistant</c>) and its text.</summary>
/// <param name="Role">The speaker.</param>
/// <param name="Content">What was said.</param>
public sealed record ChatMessage(string Role, string Content);
