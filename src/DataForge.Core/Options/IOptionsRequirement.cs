namespace DataForge.Core.Options;

/// <summary>An options record whose step needs something of the machine (a linter); checked at validation.</summary>
public interface IOptionsRequirement
{
    /// <summary>A warning when the machine lacks what these options need, or null.</summary>
    string? Requirement();
}
