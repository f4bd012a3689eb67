using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Core.Work;
using DataForge.Pipelines.Models;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Models;

/// <summary>The catalog counts the run's model work: every answered request, and the hits of the models' request cache.</summary>
public sealed class ModelCatalogWorkTests
{
    private static readonly Dictionary<string, ModelSpec> Specs = new(StringComparer.Ordinal)
    {
        ["m"] = new ModelSpec("m", "fake", new ResolvedOptions(new Dictionary<string, object?>())),
    };

    [Fact]
    public async Task Get_WithWorkCounters_CountsRequestsAndTokens()
    {
        // Arrange
        var work = new WorkCounters();
        var registry = new ModelBackendRegistry().Register("fake", (_, _) => new FakeLanguageModel(_ => "one two three"));
        using var catalog = new ModelCatalog(Specs, registry, new ModelBuildContext(".", null, 1), work: work);
        var model = catalog.Get("m");
        var request = new GenerationRequest([new ChatMessage("user", "say it")], null, 16, 0, 1, 0, [], 1);

        // Act
        await model.GenerateAsync([request, request], CancellationToken.None);
        await model.ScoreAsync([new ScoreRequest("a", "b c")], CancellationToken.None);
        var totals = work.Snapshot();

        // Assert
        Assert.Equal(3, totals.ModelRequests);
        Assert.Equal(2, totals.GenerationRequests);
        Assert.Equal(1, totals.ScoreRequests);
        Assert.Equal(6, totals.GeneratedTokens);
        Assert.Equal(2, totals.ScoredTokens);
        Assert.Equal("fake-lm@0", model.Identity);
    }

    [Fact]
    public async Task Get_WithWorkCounters_CountsHitsOfTheModelsRequestCache()
    {
        // Arrange
        var work = new WorkCounters();
        var store = new InMemoryResultCache();
        await store.PutAsync("known", [1], CancellationToken.None);
        IResultCache? given = null;
        var registry = new ModelBackendRegistry().Register("fake", (_, context) => { given = context.Cache; return new FakeLanguageModel(); });
        using var catalog = new ModelCatalog(Specs, registry, new ModelBuildContext(".", store, 1), work: work);
        _ = catalog.Get("m");

        // Act
        var hit = await given!.TryGetAsync("known", CancellationToken.None);
        var miss = await given.TryGetAsync("unknown", CancellationToken.None);

        // Assert
        Assert.Equal([1], hit);
        Assert.Null(miss);
        Assert.Equal(1, work.Snapshot().ModelCacheHits);
    }

    [Fact]
    public void Get_TrainableModelWithWorkCounters_StaysATrainableSource()
    {
        // Arrange
        var registry = new ModelBackendRegistry().Register("fake", (_, _) => new TrainableFake());
        using var catalog = new ModelCatalog(Specs, registry, new ModelBuildContext(".", null, 1), work: new WorkCounters());

        // Act
        var model = catalog.Get("m");

        // Assert
        var source = Assert.IsAssignableFrom<ITrainableModelSource>(model);
        Assert.Equal("trainable@1", source.Identity);
        Assert.Equal("r", source.Example("p", "r").Response);
    }

    [Fact]
    public void Get_WithoutWorkCounters_HandsOutTheBuiltModel()
    {
        // Arrange
        var built = new FakeLanguageModel();
        var registry = new ModelBackendRegistry().Register("fake", (_, _) => built);
        using var catalog = new ModelCatalog(Specs, registry, new ModelBuildContext(".", null, 1));

        // Act
        var model = catalog.Get("m");

        // Assert
        Assert.Same(built, model);
    }

    private sealed class TrainableFake : ILanguageModel, ITrainableModelSource
    {
        public string Identity => "trainable@1";

        public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ITrainableModel CreateTrainable(TrainingPlan plan) => throw new NotSupportedException();

        public TrainingExample Example(string prompt, string response) => new(prompt, response);
    }
}
