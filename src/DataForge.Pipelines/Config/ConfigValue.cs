namespace DataForge.Pipelines.Config;

/// <summary>A value of a pipeline file with its 1-based position, so every diagnostic can point at it.</summary>
public abstract record ConfigValue(int Line, int Column)
{
    /// <summary>The TOML type name used in diagnostics ("a string", "an integer", ...).</summary>
    public abstract string TypeName { get; }
}

/// <summary>A string.</summary>
/// <param name="Value">The text.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record ConfigString(string Value, int Line, int Column) : ConfigValue(Line, Column)
{
    /// <inheritdoc/>
    public override string TypeName => "a string";
}

/// <summary>An integer.</summary>
/// <param name="Value">The number.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record ConfigInteger(long Value, int Line, int Column) : ConfigValue(Line, Column)
{
    /// <inheritdoc/>
    public override string TypeName => "an integer";
}

/// <summary>A float.</summary>
/// <param name="Value">The number.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record ConfigFloat(double Value, int Line, int Column) : ConfigValue(Line, Column)
{
    /// <inheritdoc/>
    public override string TypeName => "a float";
}

/// <summary>A boolean.</summary>
/// <param name="Value">The value.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record ConfigBool(bool Value, int Line, int Column) : ConfigValue(Line, Column)
{
    /// <inheritdoc/>
    public override string TypeName => "a boolean";
}

/// <summary>A value of a TOML type DataForge does not use (dates and times).</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record ConfigOther(string Kind, int Line, int Column) : ConfigValue(Line, Column)
{
    /// <inheritdoc/>
    public override string TypeName => Kind;
}

/// <summary>An array (also an array of tables).</summary>
/// <param name="Items">The elements.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record ConfigArray(IReadOnlyList<ConfigValue> Items, int Line, int Column) : ConfigValue(Line, Column)
{
    /// <inheritdoc/>
    public override string TypeName => "an array";
}

/// <summary>A value given on the command line (<c>--set KEY=VALUE</c>): typed only once its key's kind is known.</summary>
/// <param name="Text">The text after '='.</param>
/// <param name="Origin">The whole override as typed, for diagnostics.</param>
public sealed record ConfigOverride(string Text, string Origin) : ConfigValue(0, 0)
{
    /// <inheritdoc/>
    public override string TypeName => "a command-line value";
}
