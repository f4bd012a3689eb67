using DataForge.Core.Diagnostics;

namespace DataForge.Storage.Readers;

/// <summary>
/// Reads a Hugging Face dataset folder: the files of one config of its <c>README.md</c> card (option
/// <c>config</c>; default: the config the card marks <c>default: true</c>, else the one named
/// <c>default</c>, else the only one), all its splits in card order or the one named by <c>split</c>;
/// within a split, files in ordinal order of relative path. Patterns match from the folder's root
/// (<c>*</c> and <c>?</c> within one folder, <c>**</c> across folders). <c>include</c> / <c>exclude</c>
/// and the default exclusions still apply. A DataForge run folder is such a folder: its default
/// config is <c>data/</c>, the kept records.
/// </summary>
internal static class DatasetFolder
{
    /// <summary>The files to read and the files of the folder left out, with why.</summary>
    /// <exception cref="DataForgeConfigException">The config or split asked for is not in the card, or no config is the default.</exception>
    public static (IReadOnlyList<InputFile> Files, IReadOnlyList<string> Skipped) Walk(string folder, IReadOnlyList<DatasetConfig> configs, string baseDirectory, RecordReaderOptions options)
    {
        var card = Path.Combine(folder, DatasetCard.FileName);
        var config = Choose(card, configs, options);
        var splits = options.Split is { } name
            ? [config.Splits.FirstOrDefault(s => s.Name == name) ?? throw new DataForgeConfigException($"{Named(options)}config '{config.Name}' of {card} has no split '{name}'; its splits: {string.Join(", ", config.Splits.Select(s => s.Name))}")]
            : config.Splits;
        var filter = new InputFilter(options.Include, options.Exclude);
        var candidates = InputWalker.Files(folder).OrderBy(f => f.Relative, StringComparer.Ordinal).ToList();
        var files = new List<InputFile>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var skipped = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var split in splits)
        {
            var globs = split.Patterns.Select(p => InputFilter.ToRegex(p, anyDepth: false)).ToList();
            var matched = candidates.Where(c => globs.Exists(g => g.IsMatch(c.Relative))).ToList();
            if (matched.Count == 0)
            {
                options.Notice?.Invoke($"{Named(options)}split '{split.Name}' of config '{config.Name}' in {card}: no file matches {string.Join(", ", split.Patterns.Select(p => $"'{p}'"))}");
            }

            foreach (var (relative, full) in matched.Where(m => taken.Add(m.Relative)))
            {
                if (InputWalker.HiddenPart(relative) is { } hidden)
                {
                    skipped.TryAdd(hidden, "hidden");
                }
                else if (filter.Refusal(relative, full) is { } refusal)
                {
                    skipped[relative] = refusal;
                }
                else if (InputWalker.Classify(full, baseDirectory, options) is { } input)
                {
                    files.Add(input);
                }
                else
                {
                    skipped[relative] = "not a readable type";
                }
            }
        }

        var chosen = options.Split is null ? $"config '{config.Name}'" : $"split '{options.Split}' of config '{config.Name}'";
        foreach (var (relative, _) in candidates.Where(c => !taken.Contains(c.Relative)))
        {
            if (InputWalker.HiddenPart(relative) is { } hidden)
            {
                skipped.TryAdd(hidden, "hidden");
            }
            else
            {
                skipped[relative] = relative == DatasetCard.FileName ? "the dataset card" : $"not in {chosen}";
            }
        }

        return (files, [.. skipped.Select(s => $"{s.Key} ({s.Value})")]);
    }

    /// <summary>The error of a <c>config</c> or <c>split</c> given for a path that is no dataset folder.</summary>
    public static DataForgeConfigException NoCard(string path, RecordReaderOptions options)
        => new($"{Named(options)}'{(options.Config is null ? "split" : "config")}' is set, but {path} is not a folder with a {DatasetCard.FileName} whose front matter has 'configs'");

    private static DatasetConfig Choose(string card, IReadOnlyList<DatasetConfig> configs, RecordReaderOptions options)
    {
        var names = string.Join(", ", configs.Select(c => c.Name));
        if (options.Config is { } name)
        {
            return configs.FirstOrDefault(c => c.Name == name)
                ?? throw new DataForgeConfigException($"{Named(options)}no config '{name}' in {card}; its configs: {names}");
        }

        return configs.FirstOrDefault(c => c.MarkedDefault) ?? configs.FirstOrDefault(c => c.Name == "default")
            ?? (configs.Count == 1 ? configs[0] : throw new DataForgeConfigException($"{Named(options)}{card} has configs {names} and none is the default: choose one with config = \"NAME\""));
    }

    private static string Named(RecordReaderOptions options) => options.Origin is null ? string.Empty : $"read step '{options.Origin}': ";
}
