using System.Text.Json.Nodes;
using DataForge.Core.Records;
using DataForge.Core.Work;
using DataForge.Storage.Runs;
using Xunit;

namespace DataForge.Storage.Tests.Runs;

/// <summary>The manifest's <c>work</c> object: written in snake_case, read back, and absent from older manifests.</summary>
public sealed class ManifestWorkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dataforge-manifest-work-").FullName;

    [Fact]
    public async Task WriteAsync_WithWork_SnakeCaseFieldsReadBack()
    {
        // Arrange
        var path = Path.Combine(_root, "manifest.json");
        var work = new WorkTotals(5, 1, 3, 2, 40, 12, 7, 9);

        // Act
        await ManifestJson.WriteAsync(Manifest() with { Work = work }, path, CancellationToken.None);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path))!["work"]!;
        var read = ManifestJson.Read(path);

        // Assert
        Assert.Equal(5, json["model_requests"]!.GetValue<long>());
        Assert.Equal(1, json["model_cache_hits"]!.GetValue<long>());
        Assert.Equal(9, json["lint_checks"]!.GetValue<long>());
        Assert.Equal(work, read.Work);
    }

    [Fact]
    public async Task Read_ManifestWithoutWork_WorkIsNull()
    {
        // Arrange
        var path = Path.Combine(_root, "manifest.json");
        await ManifestJson.WriteAsync(Manifest(), path, CancellationToken.None);
        var old = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        old.Remove("work");
        await File.WriteAllTextAsync(path, old.ToJsonString());

        // Act
        var read = ManifestJson.Read(path);

        // Assert
        Assert.Null(read.Work);
        Assert.Equal("id", read.RunId);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static RunManifest Manifest() => new(
        "id",
        new ManifestPipeline("p", "p.toml"),
        [],
        "",
        "test",
        [],
        new ManifestCounts(0, 0, new Dictionary<string, ManifestStepCount>()),
        [],
        new Dictionary<string, double>(),
        new Dictionary<string, IReadOnlyDictionary<string, ScoreSummary>>());
}
