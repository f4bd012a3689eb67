using DataForge.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataForge.Storage.Readers;

/// <summary>One split of a dataset configuration: its name and the glob patterns of its files, relative to the dataset folder.</summary>
internal sealed record DatasetSplit(string Name, IReadOnlyList<string> Patterns);

/// <summary>One configuration of a Hugging Face dataset card: its name, whether the card marks it the default, its splits in card order.</summary>
internal sealed record DatasetConfig(string Name, bool MarkedDefault, IReadOnlyList<DatasetSplit> Splits);

/// <summary>
/// The <c>configs</c> of a Hugging Face dataset folder's <c>README.md</c> (YAML front matter between
/// <c>---</c> lines). Each config has a <c>config_name</c> and <c>data_files</c>: a glob, a list of
/// globs (split <c>train</c>), a list of <c>{split, path}</c> entries whose path is a glob or a list
/// of globs, or a map from split to glob(s); <c>data_dir</c> prefixes them (alone, it stands for
/// every file under it, split <c>train</c>); <c>default: true</c> marks the default config.
/// </summary>
internal static class DatasetCard
{
    /// <summary>The card's file name.</summary>
    public const string FileName = "README.md";

    /// <summary>The configs of the card in <paramref name="folder"/>; null when there is no card, no front matter or no <c>configs</c>.</summary>
    /// <exception cref="DataForgeConfigException">The front matter is not YAML, or <c>configs</c> is not as described.</exception>
    public static IReadOnlyList<DatasetConfig>? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path) || FrontMatter(File.ReadAllLines(path)) is not { } yaml)
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // The front matter starts on the card's line 2.
            throw Invalid(path, e.Start.Line + 1, e.Message);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("configs"), out var configs))
        {
            return null;
        }

        if (configs is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw Invalid(path, Line(configs), "'configs' must be a list of configs");
        }

        return [.. list.Children.Select(c => Config(path, c))];
    }

    private static string? FrontMatter(string[] lines)
    {
        if (lines.Length == 0 || lines[0].TrimStart('\uFEFF').TrimEnd() != "---")
        {
            return null;
        }

        var end = Array.FindIndex(lines, 1, l => l.TrimEnd() is "---" or "...");
        return end < 0 ? null : string.Join('\n', lines[1..end]);
    }

    private static DatasetConfig Config(string path, YamlNode node)
    {
        if (node is not YamlMappingNode config)
        {
            throw Invalid(path, Line(node), "each entry of 'configs' must be a map with config_name and data_files");
        }

        var name = Scalar(config, "config_name") ?? throw Invalid(path, Line(node), "a config has no 'config_name'");
        var marked = string.Equals(Scalar(config, "default"), "true", StringComparison.OrdinalIgnoreCase);
        var directory = Scalar(config, "data_dir")?.Trim('/');
        var prefix = string.IsNullOrEmpty(directory) ? string.Empty : directory + "/";
        if (!config.Children.TryGetValue(new YamlScalarNode("data_files"), out var files))
        {
            return directory is null
                ? throw Invalid(path, Line(node), $"config '{name}' has neither 'data_files' nor 'data_dir'")
                : new DatasetConfig(name, marked, [new DatasetSplit("train", [prefix + "**"])]);
        }

        var splits = files switch
        {
            YamlScalarNode glob => [new DatasetSplit("train", [glob.Value ?? string.Empty])],
            YamlSequenceNode entries when entries.Children.All(e => e is YamlScalarNode) => [new DatasetSplit("train", Globs(path, entries))],
            YamlSequenceNode entries => [.. entries.Children.Select(e => Split(path, name, e))],
            YamlMappingNode map => [.. map.Children.Select(e => new DatasetSplit((e.Key as YamlScalarNode)?.Value ?? string.Empty, Globs(path, e.Value)))],
            _ => new List<DatasetSplit>(),
        };
        return new DatasetConfig(name, marked, [.. splits.Select(s => s with { Patterns = [.. s.Patterns.Select(p => prefix + Relative(p))] })]);
    }

    private static DatasetSplit Split(string path, string config, YamlNode node)
    {
        if (node is not YamlMappingNode entry || Scalar(entry, "split") is not { } split || !entry.Children.TryGetValue(new YamlScalarNode("path"), out var globs))
        {
            throw Invalid(path, Line(node), $"config '{config}': each data_files entry must have 'split' and 'path'");
        }

        return new DatasetSplit(split, Globs(path, globs));
    }

    private static List<string> Globs(string path, YamlNode node) => node switch
    {
        YamlScalarNode glob => [glob.Value ?? string.Empty],
        YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode) => [.. list.Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty)],
        _ => throw Invalid(path, Line(node), "a data_files path must be a glob or a list of globs"),
    };

    private static string Relative(string pattern) => pattern.StartsWith("./", StringComparison.Ordinal) ? pattern[2..] : pattern;

    private static string? Scalar(YamlMappingNode map, string key)
        => map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static long Line(YamlNode node) => node.Start.Line + 1;

    private static DataForgeConfigException Invalid(string path, long line, string problem)
        => new($"{path}:{line}: the dataset card's front matter cannot be read: {problem}");
}
