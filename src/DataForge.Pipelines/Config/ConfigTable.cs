namespace DataForge.Pipelines.Config;

/// <summary>A table: keys in file order, each with the position of the key itself.</summary>
/// <param name="Line">1-based line of the table header (or the first key).</param>
/// <param name="Column">1-based column.</param>
public sealed record ConfigTable(int Line, int Column) : ConfigValue(Line, Column)
{
    private readonly List<ConfigEntry> _entries = [];

    /// <inheritdoc/>
    public override string TypeName => "a table";

    /// <summary>The entries in file order.</summary>
    public IReadOnlyList<ConfigEntry> Entries => _entries;

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public ConfigValue? this[string key] => _entries.Find(e => e.Key == key)?.Value;

    /// <summary>The entry of <paramref name="key"/>, or null.</summary>
    public ConfigEntry? Find(string key) => _entries.Find(e => e.Key == key);

    /// <summary>Adds or replaces an entry.</summary>
    public void Set(ConfigEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var index = _entries.FindIndex(e => e.Key == entry.Key);
        if (index >= 0)
        {
            _entries[index] = entry;
        }
        else
        {
            _entries.Add(entry);
        }
    }
}

/// <summary>One key of a table.</summary>
/// <param name="Key">The key.</param>
/// <param name="Line">1-based line of the key.</param>
/// <param name="Column">1-based column of the key.</param>
/// <param name="Value">Its value.</param>
public sealed record ConfigEntry(string Key, int Line, int Column, ConfigValue Value);
