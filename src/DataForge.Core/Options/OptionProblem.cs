namespace DataForge.Core.Options;

/// <summary>A rule across keys that does not hold: the key to point at and the message.</summary>
/// <param name="Key">The key the diagnostic points at.</param>
/// <param name="Message">What is wrong, in one line.</param>
public sealed record OptionProblem(string Key, string Message);
