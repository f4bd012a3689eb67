namespace DataForge.Core.Options;

/// <summary>
/// An options record with rules across keys (a minimum not above a maximum). The validator calls
/// <see cref="Check"/> once every key is valid on its own; steps call it through
/// <see cref="OptionSchema.Validate"/> when built directly.
/// </summary>
public interface IOptionsCheck
{
    /// <summary>The first rule that does not hold, or null.</summary>
    OptionProblem? Check();
}
