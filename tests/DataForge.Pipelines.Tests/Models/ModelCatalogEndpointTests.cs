using DataForge.Pipelines.Models;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Models;

/// <summary>The catalog reports what each server of its <c>openai</c> models did; other models report nothing.</summary>
public sealed class ModelCatalogEndpointTests
{
    [Fact]
    public void EndpointStats_OpenAiFleetBuilt_OneEntryPerUrlWithoutCredentials()
    {
        // Arrange
        var specs = new Dictionary<string, ModelSpec>(StringComparer.Ordinal)
        {
            ["fleet"] = new("fleet", "openai", new ResolvedOptions(new Dictionary<string, object?>
            {
                ["urls"] = (IReadOnlyList<string>)["http://127.0.0.1:9/v1", "http://user:secret@127.0.0.2:9/v1"],
                ["model"] = "x",
            })),
            ["local"] = new("local", "fake", new ResolvedOptions(new Dictionary<string, object?>())),
        };
        var registry = ModelBackendRegistry.CreateDefault().Register("fake", (_, _) => new FakeLanguageModel());
        using var catalog = new ModelCatalog(specs, registry, new ModelBuildContext(".", null, 1));

        // Act
        var before = catalog.EndpointStats;
        _ = catalog.Get("fleet");
        _ = catalog.Get("local");
        var after = catalog.EndpointStats;

        // Assert
        Assert.Empty(before);
        Assert.Equal(["fleet"], after.Keys);
        Assert.Equal(["http://127.0.0.1:9/v1", "http://127.0.0.2:9/v1"], after["fleet"].Select(e => e.Url));
        Assert.All(after["fleet"], e => Assert.Equal(0, e.Requests));
    }
}
