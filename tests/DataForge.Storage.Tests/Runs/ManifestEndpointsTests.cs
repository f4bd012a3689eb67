using System.Text.Json.Nodes;
using DataForge.Core.Records;
using DataForge.Core.Work;
using DataForge.Storage.Runs;
using Xunit;

namespace DataForge.Storage.Tests.Runs;

/// <summary>The manifest's <c>endpoints</c> object: per model, what each server did; left out when no model used servers.</summary>
public sealed class ManifestEndpointsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dataforge-manifest-endpoints-").FullName;

    [Fact]
    public async Task WriteAsync_WithEndpoints_SnakeCaseFieldsReadBack()
    {
        // Arrange
        var path = Path.Combine(_root, "manifest.json");
        IReadOnlyList<EndpointStats> fleet = [new("http://a:8000/v1", 30, 0.75, 2, 1, 12.5, 40.1), new("http://b:8000/v1", 10, 0.25, 0, 0, null, null)];
        var endpoints = new Dictionary<string, IReadOnlyList<EndpointStats>> { ["m"] = fleet };

        // Act
        await ManifestJson.WriteAsync(Manifest() with { Endpoints = endpoints }, path, CancellationToken.None);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path))!["endpoints"]!["m"]![0]!;
        var read = ManifestJson.Read(path);

        // Assert
        Assert.Equal("http://a:8000/v1", json["url"]!.GetValue<string>());
        Assert.Equal(0.75, json["share"]!.GetValue<double>());
        Assert.Equal(1, json["ejections"]!.GetValue<long>());
        Assert.Equal(12.5, json["latency_mean_ms"]!.GetValue<double>());
        Assert.Equal(40.1, json["latency_p95_ms"]!.GetValue<double>());
        Assert.Equal(fleet, read.Endpoints!["m"]);
    }

    [Fact]
    public async Task WriteAsync_WithoutEndpoints_NoEndpointsMember()
    {
        // Arrange
        var path = Path.Combine(_root, "manifest.json");

        // Act
        await ManifestJson.WriteAsync(Manifest(), path, CancellationToken.None);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();

        // Assert
        Assert.False(json.ContainsKey("endpoints"));
        Assert.Null(ManifestJson.Read(path).Endpoints);
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
