using System.Text.RegularExpressions;
using DataForge.Testing;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace DataForge.EndToEnd.Tests;

/// <summary>The run folder's dataset card: YAML front matter the hub reads, with every key it needs, and load snippets that work as written.</summary>
public sealed partial class DatasetCardTests
{
    [Fact]
    public async Task Card_FrontMatter_ParsesAndHoldsEveryKey_AndItsDuckDbSnippetRunsAsWritten()
    {
        // Arrange
        using var temp = new TempFolder();
        var run = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipelines/sample-seeds.toml", "--limit", "10", "--set", "run.license=apache-2.0", "--set", "run.language=[\"en\", \"de\"]", "--out", temp.Combine("run"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var card = File.ReadAllText(temp.Combine("run", "README.md"));

        // Act
        var yaml = new YamlStream();
        yaml.Load(new StringReader(card.Split("---\n")[1]));
        var front = (YamlMappingNode)yaml.Documents[0].RootNode;
        var sql = SqlSnippet().Match(card).Groups[1].Value;

        // Assert: the keys, the license and languages given, a feature per shard column.
        foreach (var key in new[] { "configs", "license", "language", "task_categories", "size_categories", "dataset_info", "tags" })
        {
            Assert.True(front.Children.ContainsKey(new YamlScalarNode(key)), $"the card has no {key}");
        }

        Assert.Equal("apache-2.0", ((YamlScalarNode)front.Children["license"]).Value);
        Assert.Equal(["en", "de"], ((YamlSequenceNode)front.Children["language"]).Select(n => ((YamlScalarNode)n).Value));
        var features = ((YamlSequenceNode)((YamlMappingNode)front.Children["dataset_info"]).Children["features"]).Cast<YamlMappingNode>().Select(f => ((YamlScalarNode)f.Children["name"]).Value).ToList();
        var data = Path.Combine(temp.Combine("run"), "data", "*.parquet");
        var columns = RunFolderAssert.Scalar<string>($"SELECT string_agg(column_name, ',' ORDER BY column_name) FROM (DESCRIBE SELECT * FROM read_parquet('{data}'))").Split(',');
        Assert.Equal(columns.Order(StringComparer.Ordinal), features.Order(StringComparer.Ordinal));
        Assert.Contains(Path.Combine(temp.Combine("run"), "data"), sql, StringComparison.Ordinal);
        Assert.Equal(RunFolderAssert.Scalar<long>($"SELECT count(*) FROM read_parquet('{data}')"), RunFolderAssert.Scalar<long>($"SELECT CAST(sum(n) AS BIGINT) FROM ({sql.TrimEnd(';').Replace("count(*)", "count(*) AS n", StringComparison.Ordinal)})"));
        var configs = ((YamlSequenceNode)front.Children["configs"]).Cast<YamlMappingNode>().ToList();
        Assert.Equal(["instructions", "rejects"], configs.Select(c => ((YamlScalarNode)c.Children["config_name"]).Value));
        Assert.Equal("true", ((YamlScalarNode)configs[0].Children["default"]).Value);
        Assert.Contains("| out | write | ", card, StringComparison.Ordinal);
        Assert.Contains("| wrote ", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_WithoutALicense_SaysUnknownAndTheRunSaysSo()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var run = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipelines/sample-seeds.toml", "--limit", "5", "--out", temp.Combine("run"));

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\nlicense: unknown\n", File.ReadAllText(temp.Combine("run", "README.md")), StringComparison.Ordinal);
        Assert.Contains("license: unknown; set license in the pipeline's [run]", run.Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"```sql\n-- DuckDB\n(.+)\n```")]
    private static partial Regex SqlSnippet();
}
