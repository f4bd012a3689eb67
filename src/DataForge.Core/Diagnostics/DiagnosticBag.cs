namespace DataForge.Core.Diagnostics;

/// <summary>Collects diagnostics so that every mistake is reported in one pass.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>All diagnostics, sorted by position.</summary>
    public IReadOnlyList<Diagnostic> Items =>
        [.. _items.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Code, StringComparer.Ordinal)];

    /// <summary>True when at least one error (not a warning) was added.</summary>
    public bool HasErrors => _items.Exists(d => !d.IsWarning);

    /// <summary>Adds a diagnostic.</summary>
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>Adds every diagnostic of another bag.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);
}
