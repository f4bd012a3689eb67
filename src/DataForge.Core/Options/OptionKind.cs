namespace DataForge.Core.Options;

/// <summary>The type of a pipeline key's value.</summary>
public enum OptionKind
{
    /// <summary>A string.</summary>
    String,

    /// <summary>An integer.</summary>
    Integer,

    /// <summary>A float (an integer is accepted too).</summary>
    Float,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>An array of strings.</summary>
    StringList,

    /// <summary>A path relative to the pipeline file's folder, which must exist.</summary>
    Path,

    /// <summary>The name of a <c>[models.NAME]</c> table.</summary>
    ModelRef,
}
