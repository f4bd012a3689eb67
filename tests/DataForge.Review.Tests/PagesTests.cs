using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace DataForge.Review.Tests;

/// <summary>What the overview, detail and diff pages show, against the manifest and DuckDB.</summary>
[Collection(SharedRuns.Name)]
public sealed partial class PagesTests(ReviewRuns runs)
{
    [Fact]
    public async Task Overview_FunnelHasEveryStepOfTheManifest_AndHistogramsOfTheScores()
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Default);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(runs.Default, "manifest.json")));
        var steps = manifest.RootElement.GetProperty("counts").GetProperty("steps").EnumerateObject().ToList();

        // Act
        var html = await served.PageAsync("/");

        // Assert
        var funnel = FunnelStep().Matches(html).Select(m => (m.Groups[1].Value, long.Parse(m.Groups[2].Value), long.Parse(m.Groups[3].Value))).ToList();
        Assert.Equal(steps.Select(s => (s.Name, s.Value.GetProperty("in").GetInt64(), s.Value.GetProperty("out").GetInt64())), funnel);
        Assert.Contains("<svg id=\"drops\"", html, StringComparison.Ordinal);
        Assert.Contains("data-column=\"ic_ifd\"", html, StringComparison.Ordinal);
        Assert.Contains("data-column=\"output_len\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"counts-kind\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"timings\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_OfAnEditSequence_HasOnePlayerStatePerEdit()
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Default);
        var row = Duck.Rows($"SELECT id, len(edits) FROM read_parquet('{runs.Default}/data/*.parquet') WHERE kind = 'edit_sequence' ORDER BY len(edits) DESC LIMIT 1")[0];

        // Act
        var html = await served.PageAsync($"/samples/{row[0]}");

        // Assert
        using var states = JsonDocument.Parse(EditStates().Match(html).Groups[1].Value);
        Assert.Equal(Convert.ToInt32(row[1], System.Globalization.CultureInfo.InvariantCulture), states.RootElement.GetArrayLength());
        Assert.NotEmpty(states.RootElement[0].GetProperty("inserted").EnumerateArray());
        Assert.Contains("id=\"edit-slider\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"score-row\" data-score=\"output_len\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_OfAnEvolvedRecord_ShowsItsSeedAndSiblingsInTheLineage()
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Default);
        var all = Duck.All(runs.Default);
        var row = Duck.Rows($"SELECT id, root_id FROM {all} WHERE operation IS NOT NULL AND root_id IS NOT NULL AND root_id <> id AND kind = 'instruction' LIMIT 1")[0];
        var family = Duck.Count($"SELECT count(*) FROM {all} WHERE root_id = '{row[1]}' OR id = '{row[1]}'");

        // Act
        var html = await served.PageAsync($"/samples/{row[0]}");

        // Assert
        var nodes = LineageNode().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(family, nodes.Count);
        Assert.Contains((string)row[0]!, nodes);
        Assert.Contains("lineage-node", html, StringComparison.Ordinal);
        Assert.Matches("class=\"lineage-node [a-z]+ current\"", html);
    }

    [Fact]
    public async Task Diff_OfTwoBuilds_ListsTheKeptRecordsAddedAndRemoved()
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Builds);
        var (newer, older) = (served.Target.Runs[0], served.Target.Runs[1]);
        string AntiJoin(string a, string b) => $"SELECT count(DISTINCT id) FROM read_parquet('{a}/data/*.parquet') WHERE id NOT IN (SELECT id FROM read_parquet('{b}/data/*.parquet'))";

        // Act
        _ = await served.PageAsync($"/diff?a={newer.Name}&b={older.Name}");
        var html = await served.PageAsync($"/diff?a={older.Name}&b={newer.Name}");

        // Assert
        Assert.Equal(Duck.Count(AntiJoin(newer.Folder, older.Folder)), long.Parse(DiffTotal().Match(html.Split("diff-removed")[0]).Groups[1].Value));
        Assert.Equal(Duck.Count(AntiJoin(older.Folder, newer.Folder)), long.Parse(DiffTotal().Match(html[html.IndexOf("id=\"diff-removed\"", StringComparison.Ordinal)..]).Groups[1].Value));
        Assert.True(Duck.Count(AntiJoin(newer.Folder, older.Folder)) > 0);
    }

    [Fact]
    public async Task UnknownRun_Is404()
    {
        // Arrange
        await using var served = await Served.StartAsync(runs.Builds);

        // Act
        using var response = await served.Client.GetAsync("/samples?run=..%2F..%2Fsample");

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex("<g class=\"funnel-step\" data-step=\"([^\"]+)\" data-in=\"([0-9]+)\" data-out=\"([0-9]+)\">")]
    private static partial Regex FunnelStep();

    [GeneratedRegex("<script type=\"application/json\" id=\"edit-states\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex EditStates();

    [GeneratedRegex("<li class=\"lineage-node[^\"]*\" data-id=\"([0-9a-f]{32})\">")]
    private static partial Regex LineageNode();

    [GeneratedRegex("data-total=\"([0-9]+)\"")]
    private static partial Regex DiffTotal();
}
