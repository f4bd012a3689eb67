namespace DataForge.Core.Diagnostics;

/// <summary>A configuration error found before any work started; carries every diagnostic.</summary>
public sealed class DataForgeConfigException : Exception
{
    /// <summary>Creates the exception from collected diagnostics.</summary>
    public DataForgeConfigException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception from one message (no location).</summary>
    public DataForgeConfigException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception.</summary>
    public DataForgeConfigException()
        : this("Configuration error.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public DataForgeConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    /// <summary>The diagnostics.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
