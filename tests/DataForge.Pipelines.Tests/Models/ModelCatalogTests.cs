using DataForge.Core.Seams;
using DataForge.Pipelines.Models;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Models;

/// <summary>The run's models: identities resolved before the run reach the backends, and <c>--refresh</c> bypasses a model's own cache.</summary>
public sealed class ModelCatalogTests
{
    private static readonly Dictionary<string, ModelSpec> Specs = new(StringComparer.Ordinal)
    {
        ["a"] = new ModelSpec("a", "fake", new ResolvedOptions(new Dictionary<string, object?>())),
        ["b"] = new ModelSpec("b", "fake", new ResolvedOptions(new Dictionary<string, object?>())),
    };

    [Fact]
    public async Task Get_RefreshedModel_CacheNeverHitsButStillStores()
    {
        // Arrange
        var cache = new InMemoryResultCache();
        await cache.PutAsync("k", [1], CancellationToken.None);
        var caches = new Dictionary<string, IResultCache?>();
        var registry = new ModelBackendRegistry().Register("fake", (spec, context) => { caches[spec.Name] = context.Cache; return new FakeLanguageModel(); });
        using var catalog = new ModelCatalog(Specs, registry, new ModelBuildContext(".", cache, 1), new HashSet<string> { "a" });

        // Act
        _ = catalog.Get("a");
        _ = catalog.Get("b");
        var refreshed = await caches["a"]!.TryGetAsync("k", CancellationToken.None);
        await caches["a"]!.PutAsync("fresh", [2], CancellationToken.None);
        var plain = await caches["b"]!.TryGetAsync("k", CancellationToken.None);

        // Assert
        Assert.Null(refreshed);
        Assert.Equal([2], await cache.TryGetAsync("fresh", CancellationToken.None));
        Assert.Equal([1], plain);
    }

    [Fact]
    public async Task ResolveIdentitiesAsync_BackendsWithARule_ResolvedOthersLeftOut()
    {
        // Arrange
        var registry = new ModelBackendRegistry()
            .Register("fake", (_, _) => new FakeLanguageModel(), (spec, _, _) => Task.FromResult(new ResolvedModelIdentity($"{spec.Name}@1", ResolvedModelIdentity.Weights)))
            .Register("other", (_, _) => new FakeLanguageModel());
        var specs = new Dictionary<string, ModelSpec>(Specs) { ["c"] = new ModelSpec("c", "other", new ResolvedOptions(new Dictionary<string, object?>())) };

        // Act
        var identities = await registry.ResolveIdentitiesAsync(specs, new ModelBuildContext(".", null, 1), CancellationToken.None);

        // Assert
        Assert.Equal(["a", "b"], identities.Keys);
        Assert.Equal("a@1", identities["a"].Identity);
    }

    [Fact]
    public void Create_OpenAiWithRevision_IdentityNamesIt()
    {
        // Arrange
        var spec = new ModelSpec("m", "openai", new ResolvedOptions(new Dictionary<string, object?>
        {
            ["urls"] = (IReadOnlyList<string>)["http://127.0.0.1:9/v1"],
            ["model"] = "qwen",
            ["revision"] = "abc123",
        }));

        // Act
        using var model = (IDisposable)ModelBackendRegistry.CreateDefault().Create(spec, new ModelBuildContext(".", null, 1));

        // Assert
        Assert.Equal("openai:qwen@abc123", ((ILanguageModel)model).Identity);
    }
}
