using System.Text.RegularExpressions;

namespace DataForge.Storage.Runs;

/// <summary>
/// The dataset card's configs, found from the manifest's shard paths: one config per record kind
/// (<c>instructions</c>, <c>edit_sequences</c>) with its splits, and <c>rejects</c>. The first config is the default.
/// </summary>
internal static partial class CardConfigs
{
    private static readonly string[] KindOrder = ["instructions", "edit_sequences"];

    /// <summary>A config: its name and, per split, the file pattern relative to the run folder.</summary>
    /// <param name="Name">The config name.</param>
    /// <param name="Splits">Split name and path pattern, train first.</param>
    internal sealed record Config(string Name, IReadOnlyList<(string Split, string Path)> Splits);

    /// <summary>The data configs in card order, then <c>rejects</c>.</summary>
    public static IReadOnlyList<Config> Of(RunManifest manifest)
    {
        var data = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var shard in manifest.Shards)
        {
            if (DataShard().Match(shard.Path) is { Success: true } match)
            {
                var name = match.Groups["config"].Value;
                if (!data.TryGetValue(name, out var splits))
                {
                    data[name] = splits = new SortedSet<string>(StringComparer.Ordinal);
                }

                splits.Add(match.Groups["split"].Value);
            }
        }

        var configs = data
            .OrderBy(kv => Array.IndexOf(KindOrder, kv.Key) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new Config(kv.Key, [.. kv.Value.OrderBy(s => s == "train" ? 0 : 1).Select(s => (s, $"data/{kv.Key}-{s}-*"))]))
            .ToList();
        if (configs.Count == 0)
        {
            // A run folder written before kept records were sharded per kind: data/train-*.
            configs.Add(new Config("default", [("train", "data/train-*")]));
        }

        configs.Add(new Config("rejects", [("train", "rejects/rejects-*")]));
        return configs;
    }

    /// <summary>The YAML <c>configs</c> block.</summary>
    public static string Yaml(IReadOnlyList<Config> configs)
    {
        var text = new System.Text.StringBuilder("configs:\n");
        for (var i = 0; i < configs.Count; i++)
        {
            text.Append($"- config_name: {configs[i].Name}\n");
            if (i == 0)
            {
                text.Append("  default: true\n");
            }

            text.Append("  data_files:\n");
            foreach (var (split, path) in configs[i].Splits)
            {
                text.Append($"  - split: {split}\n    path: {path}\n");
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^data/(?<config>[a-z_]+)-(?<split>train|validation)-\d{5}-of-\d{5}\.parquet$")]
    private static partial Regex DataShard();
}
