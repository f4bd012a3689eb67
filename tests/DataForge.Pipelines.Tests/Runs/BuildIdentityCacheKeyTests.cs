using DataForge.Core.Engine;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.Pipelines.Models;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Runs;
using DataForge.Pipelines.Validation;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Runs;

/// <summary>
/// A cacheable step that only asks its build context for a model or a file, and does nothing else
/// about identity, still gets cache keys that change with the model's weights and the file's content.
/// </summary>
public sealed class BuildIdentityCacheKeyTests : IDisposable
{
    private static readonly IReadOnlyList<Sample> Inputs =
        [.. Enumerable.Range(0, 6).Select(i => new Sample { Id = $"r{i}", Instruction = $"instruction {i}", Output = $"output {i}" })];

    private readonly TempFolder _folder = new();
    private readonly InMemoryResultCache _cache = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("tiny@weights-1", false)]
    [InlineData("tiny@weights-2", true)]
    public async Task Run_SecondRun_RecomputesExactlyWhenTheModelIdentityChanged(string secondIdentity, bool recomputes)
    {
        // Arrange
        await RunModelStepAsync("tiny@weights-1");

        // Act
        var second = await RunModelStepAsync(secondIdentity);

        // Assert
        AssertSecondRun(second, recomputes);
    }

    [Theory]
    [InlineData("alpha\nbeta\n", false)]
    [InlineData("alpha\ngamma\n", true)]
    public async Task Run_SecondRun_RecomputesExactlyWhenThePathContentChanged(string secondContent, bool recomputes)
    {
        // Arrange
        await RunPathStepAsync("alpha\nbeta\n");

        // Act
        var second = await RunPathStepAsync(secondContent);

        // Assert
        AssertSecondRun(second, recomputes);
    }

    // Every record computed and none from the cache, or the other way round.
    private static void AssertSecondRun(StepStats second, bool recomputes)
    {
        Assert.Equal(recomputes ? Inputs.Count : 0, second.Computed);
        Assert.Equal(recomputes ? 0 : Inputs.Count, second.CacheHits);
    }

    private Task<StepStats> RunModelStepAsync(string identity)
    {
        var definition = new StepTypeDefinition("test-model-map", StepRole.Map, "Test step that uses a model.", [new("model", OptionKind.ModelRef, null, "the model")], c => new ModelMap(c.Model("tiny")));
        var models = new Dictionary<string, ModelSpec>(StringComparer.Ordinal) { ["tiny"] = new("tiny", "fake", new ResolvedOptions(new Dictionary<string, object?>())) };
        var backends = new ModelBackendRegistry().Register("fake", (_, _) => new FakeLanguageModel(identity));
        return RunAsync(definition, new Dictionary<string, object?> { ["model"] = "tiny" }, new ModelCatalog(models, backends, new ModelBuildContext(_folder.Path, null, 1)));
    }

    private Task<StepStats> RunPathStepAsync(string content)
    {
        _folder.Write("words.txt", content);
        var definition = new StepTypeDefinition("test-path-map", StepRole.Map, "Test step that reads a file.", [new("words", OptionKind.Path, null, "the word list")], c => new PathMap(c.ResolvePath("words.txt")));
        return RunAsync(definition, new Dictionary<string, object?> { ["words"] = "words.txt" }, null);
    }

    // Builds the step's node as a run does (same options both times, so only what it obtained differs) and runs it over the inputs.
    private async Task<StepStats> RunAsync(StepTypeDefinition definition, Dictionary<string, object?> options, ModelCatalog? models)
    {
        using (models)
        {
            var resources = new RunResources(_folder.Path, "run", _folder.Combine("data"), null, () => new WordTokenCounter(), 1, _cache, models);
            var node = StepNodes.Build(new StepSpec("step", definition, ["source"], new ResolvedOptions(options), 1, 16), resources, null);
            GraphNode[] nodes =
            [
                new("source", "list-source", new ListSource(Inputs), [], "", 1, 16),
                node,
                new("sink", "collecting-sink", new CollectingSink(), ["step"], "", 1, 16),
            ];
            var engine = new PipelineEngine(nodes, new EngineEnvironment(1, "run", _folder.Combine("scratch", Guid.NewGuid().ToString("N")), _cache));
            var result = await engine.RunAsync(CancellationToken.None);
            return result.Stats[1];
        }
    }

    /// <summary>Gets its model from the build context and marks itself cacheable; nothing about identity.</summary>
    private sealed class ModelMap(ILanguageModel model) : MapStep
    {
        public override StepContract Contract { get; } = new([], ["meta"], []);

        public override bool Cacheable => true;

        protected override ValueTask<Outcome> MapAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
            => ValueTask.FromResult(Outcome.Keep(sample.WithMeta("generated_by", model.GetType().Name)));
    }

    /// <summary>Resolves its file through the build context and marks itself cacheable; nothing about identity.</summary>
    private sealed class PathMap(string path) : MapStep
    {
        public override StepContract Contract { get; } = new([], ["meta"], []);

        public override bool Cacheable => true;

        protected override ValueTask<Outcome> MapAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
            => ValueTask.FromResult(Outcome.Keep(sample.WithMeta("words", Path.GetFileName(path))));
    }
}
