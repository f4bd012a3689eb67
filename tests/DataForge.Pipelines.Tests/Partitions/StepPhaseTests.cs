using DataForge.Core.Options;
using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.Pipelines.Registry;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Partitions;

/// <summary>
/// Where every step type runs in a partitioned run. The table below is the decision for each type: a new
/// step type fails the first test until it is added here (and to docs/scaling.md's table).
/// </summary>
public sealed class StepPhaseTests : IDisposable
{
    // Record: the outcome for a record depends on that record alone (and the run seed). Global: the step keeps
    // state across records (first occurrence, novelty against everything kept), needs the whole pool
    // (selection, training a proxy, generating from the pool), or writes the output (sinks).
    private static readonly Dictionary<string, StepPhase> Expected = new(StringComparer.Ordinal)
    {
        ["read"] = StepPhase.Record,
        ["length-filter"] = StepPhase.Record,
        ["regex-filter"] = StepPhase.Record,
        ["sample"] = StepPhase.Record,
        ["lintseq"] = StepPhase.Record,
        ["evol-instruct"] = StepPhase.Record,
        ["ensemble-vote"] = StepPhase.Record,
        ["score-ifd"] = StepPhase.Record,
        ["quality-filter"] = StepPhase.Record,
        ["perplexity-filter"] = StepPhase.Record, // by value; with max_percentile it is built as a barrier (global)
        ["dedup-exact"] = StepPhase.Global,
        ["novelty-filter"] = StepPhase.Global,
        ["ensemble-instruct"] = StepPhase.Global,
        ["select"] = StepPhase.Global,
        ["select-s2l"] = StepPhase.Global,
        ["select-less"] = StepPhase.Global,
        ["write"] = StepPhase.Global,
        ["write-reference-jsonl"] = StepPhase.Global,
    };

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Registry_EveryStepType_HasADecidedPhase()
    {
        // Act
        var types = StepRegistry.CreateDefault().Types.Select(d => d.Type).Order(StringComparer.Ordinal).ToList();

        // Assert
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), types);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Phase_OfEachBuiltStep_IsTheDecidedOne(string type)
    {
        // Arrange
        Assert.True(StepRegistry.CreateDefault().TryGet(type, out var definition));
        if (definition.Role is StepRole.Barrier or StepRole.Sink)
        {
            // Needs the whole stream by its shape (a trained proxy would be needed to build some of them).
            Assert.Equal(StepPhase.Global, Expected[type]);
            return;
        }

        _folder.Write("seeds/a.jsonl", "{\"instruction\":\"a\",\"output\":\"b\"}\n");
        _folder.Write("target.jsonl", "{\"instruction\":\"a\",\"output\":\"b\"}\n");
        var values = definition.Options.ToDictionary(o => o.Key, o => o.Default);
        foreach (var (key, value) in Required)
        {
            if (values.ContainsKey(key))
            {
                values[key] = value;
            }
        }

        // Act: steps declared with a model get fake ones; the others are built as a run builds them.
        var step = definition.Declaration is { } declared
            ? declared.Factory(OptionSchema.Bind(declared.OptionsType, values), new FakeContext(_folder.Path))
            : definition.Factory(new StepBuildContext(type, new ResolvedOptions(values), new RunResources(_folder.Path, "run1", _folder.Combine("data"), null, () => new WordTokenCounter())));

        // Assert
        Assert.Equal(Expected[type], step.Phase);
    }

    public static TheoryData<string> Types() => [.. Expected.Keys];

    private static readonly Dictionary<string, object?> Required = new(StringComparer.Ordinal)
    {
        ["path"] = "seeds",
        ["pattern"] = "x",
        ["ensemble"] = new List<string> { "m1", "m2" },
        ["evolver"] = "m1",
        ["generator"] = "m1",
        ["model"] = "m1",
        ["max"] = 100.0,
        ["proxy"] = "m1",
        ["score"] = "ifd",
        ["target"] = "target.jsonl",
    };

    private sealed class FakeContext(string directory) : IStepBuildContext
    {
        public string StepName => "step";

        public string RunId => "run1";

        public long Seed => 1;

        public long? Limit => null;

        public string PipelineDirectory => directory;

        public string DataDirectory => Path.Combine(directory, "data");

        public IResultCache? Cache => null;

        public ITokenCounter TokenCounter { get; } = new WordTokenCounter();

        public ILanguageModel Model(string name) => new FakeLanguageModel(name + "@1");

        public string ResolvePath(string path) => Path.GetFullPath(path, directory);
    }
}
