namespace DataForge.Generation.Ensemble;

/// <summary>One instruction cut from a generated numbered list, with the reason it is invalid (null when valid).</summary>
/// <param name="Text">The instruction, whitespace collapsed.</param>
/// <param name="Reason">A snake_case drop reason, or null.</param>
public sealed record ParsedInstruction(string Text, string? Reason)
{
    /// <summary>True when the instruction passed every filter.</summary>
    public bool IsValid => Reason is null;
}
