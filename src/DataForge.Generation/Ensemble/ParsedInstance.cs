namespace DataForge.Generation.Ensemble;

/// <summary>One instance parsed from a generated continuation, with the reason it is invalid (null when valid).</summary>
/// <param name="Input">The input, multi-line text kept whole; "" for output-only tasks.</param>
/// <param name="Output">The output, multi-line text and code blocks kept whole.</param>
/// <param name="Reason">A snake_case drop reason, or null.</param>
public sealed record ParsedInstance(string Input, string Output, string? Reason)
{
    /// <summary>True when the instance passed the validity rules.</summary>
    public bool IsValid => Reason is null;

    /// <summary>An invalid instance.</summary>
    public static ParsedInstance Invalid(string reason) => new("", "", reason);
}
