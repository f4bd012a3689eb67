using DataForge.Core.Diagnostics;
using DataForge.Pipelines.Registry;
using DataForge.Scoring.Less;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Registry;

public sealed class SelectLessDefinitionTests
{
    private static Exception Build(TempFolder folder, string target)
    {
        Assert.True(StepRegistry.CreateDefault().TryGet("select-less", out var definition));
        var values = definition.Options.ToDictionary(o => o.Key, o => o.Default);
        values["model"] = "tiny";
        values["target"] = target;
        var resources = new RunResources(folder.Path, "run", Path.Combine(folder.Path, "out", ".staging-run", "data"), null, () => throw new NotSupportedException());
        return Record.Exception(() => definition.Factory(new StepBuildContext("less", new ResolvedOptions(values), resources)));
    }

    [Fact]
    public void Build_BadTargetLines_ThrowsOneDiagnosticPerLineNamingTheFile()
    {
        // Arrange
        using var folder = new TempFolder();
        folder.Write("targets/math.jsonl", "{\"instruction\":\"Add 2 and 2.\",\"output\":\"4\"}\n{broken\n{\"instruction\":\"Add 1 and 1.\"}\n");

        // Act
        var error = Build(folder, "targets/math.jsonl");

        // Assert: found before any model is built.
        var config = Assert.IsType<DataForgeConfigException>(error);
        Assert.Equal([2, 3], config.Diagnostics.Select(d => d.Line));
        Assert.All(config.Diagnostics, d => Assert.Equal("targets/math.jsonl", d.File));
        Assert.Contains("targets/math.jsonl(3,1): error DF1006: target example: missing 'output'", config.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_GoodTargetsButNoModels_FailsOnTheModelNotTheTargets()
    {
        // Arrange
        using var folder = new TempFolder();
        folder.Write("targets.jsonl", "{\"instruction\":\"Add 2 and 2.\",\"output\":\"4\",\"subtask\":\"sums\"}\n");

        // Act
        var error = Build(folder, "targets.jsonl");

        // Assert
        Assert.IsType<KeyNotFoundException>(error);
    }

    [Fact]
    public void Build_ModelThatCannotBeTrained_ThrowsConfigErrorNamingTheStep()
    {
        // Arrange
        using var folder = new TempFolder();
        folder.Write("targets.jsonl", "{\"instruction\":\"Add 2 and 2.\",\"output\":\"4\"}\n");
        var context = new RecordingBuildContext(folder.Path, new FakeLanguageModel());
        var options = new LessSelectorOptions { Model = "remote", Target = "targets.jsonl", Datastore = "store" };

        // Act
        var error = Record.Exception(() => LessSelector.Definition.Factory(options, context));

        // Assert: the target file goes through the context (its content is hashed into the cache keys);
        // the datastore, a cache the step writes, does not.
        var config = Assert.IsType<DataForgeConfigException>(error);
        Assert.Contains("step 'step': model 'remote' cannot be trained", config.Message, StringComparison.Ordinal);
        Assert.Equal(["targets.jsonl"], context.Resolved);
    }

    [Fact]
    public void Declaration_Keys_MatchTheRegisteredType()
    {
        // Arrange
        Assert.True(StepRegistry.CreateDefault().TryGet("select-less", out var definition));

        // Act
        var keys = definition.Options.Select(o => o.Key);

        // Assert
        Assert.Same(LessSelector.Definition, definition.Declaration);
        Assert.Equal(["model", "target", "warmup_fraction", "epochs", "learning_rate", "lora_rank", "lora_alpha", "lora_targets", "batch_size", "projection_dim", "max_length", "keep_fraction", "keep", "preconditioning", "datastore"], keys);
        Assert.Null(definition.Options.Single(o => o.Key == "lora_targets").Default);
        Assert.False(definition.Options.Single(o => o.Key == "datastore").AffectsResult);
    }

    [Fact]
    public void Check_UnknownProjection_NamesLoraTargets()
    {
        // Arrange
        Assert.True(StepRegistry.CreateDefault().TryGet("select-less", out var definition));
        var values = definition.Options.ToDictionary(o => o.Key, o => o.Default);
        values["lora_targets"] = (IReadOnlyList<string>)["q_proj", "w_proj"];

        // Act
        var problem = definition.Check!(new ResolvedOptions(values));

        // Assert
        Assert.Equal("lora_targets", problem?.Key);
        Assert.Contains("unknown projection 'w_proj'", problem?.Message, StringComparison.Ordinal);
    }
}
