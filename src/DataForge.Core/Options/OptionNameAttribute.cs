namespace DataForge.Core.Options;

/// <summary>The value an enumeration member has in a pipeline file, when it is not the member's snake_case name.</summary>
/// <param name="name">The value as written in the pipeline.</param>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
public sealed class OptionNameAttribute(string name) : Attribute
{
    /// <summary>The value as written in the pipeline.</summary>
    public string Name { get; } = name;
}
