using DataForge.Core.Steps;
using DataForge.LintSeq;
using DataForge.Pipelines.Registry;
using DataForge.Storage.Readers;
using DataForge.Storage.Steps;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Registry;

/// <summary>The factories of the read, write and LintSeq definitions take what is not a pipeline key from the run.</summary>
public sealed class BuiltInDefinitionsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Step Build(string type, Dictionary<string, object?> set, long? limit = null, long seed = 1)
    {
        Assert.True(StepRegistry.CreateDefault().TryGet(type, out var definition));
        var values = definition.Options.ToDictionary(o => o.Key, o => o.Default);
        foreach (var (key, value) in set)
        {
            values[key] = value;
        }

        var resources = new RunResources(_folder.Path, "run1", Path.Combine(_folder.Path, "out", ".staging-run1", "data"), limit, () => throw new NotSupportedException(), seed);
        return definition.Factory(new StepBuildContext(type, new ResolvedOptions(values), resources));
    }

    [Fact]
    public async Task Read_RelativePathAndRunLimit_ResolvesAgainstThePipelineFolderAndStopsAtTheLimit()
    {
        // Arrange
        _folder.Write("seeds/a.jsonl", "{\"instruction\":\"a\",\"output\":\"b\"}\n{\"instruction\":\"c\",\"output\":\"d\"}\n");
        var step = Assert.IsType<ReadStep>(Build("read", new() { ["path"] = "seeds" }, limit: 1));

        // Act
        var outcomes = new List<Outcome>();
        await foreach (var outcome in step.ReadAsync(new StepContext("seeds", 1, "run1", _folder.Path), CancellationToken.None))
        {
            outcomes.Add(outcome);
        }

        // Assert: one record (the limit), its source relative to the pipeline folder.
        Assert.Equal("seeds/a.jsonl:1", Assert.Single(outcomes).Sample.Source);
    }

    [Fact]
    public void WriteReferenceJsonl_RunLimitAndSeed_NameTheFileBesideTheDataFolder()
    {
        // Act
        var sink = Assert.IsType<ReferenceJsonlSink>(Build("write-reference-jsonl", new() { ["s"] = 3L }, limit: 20, seed: 7));

        // Assert
        Assert.Equal(Path.Combine(_folder.Path, "out", ".staging-run1", "reference", "0000_20_3_7_vec.jsonl"), sink.FilePath);
    }

    [Fact]
    public void Write_Defaults_BuildsTheSink()
    {
        // Act
        var step = Build("write", []);

        // Assert
        Assert.Equal(StepRole.Sink, Assert.IsType<WriteStep>(step).Role);
    }

    [Fact]
    public void LintSeq_RoslynOnly_NeedsNoPythonLinter()
    {
        // Arrange
        Assert.True(StepRegistry.CreateDefault().TryGet("lintseq", out var definition));
        var values = definition.Options.ToDictionary(o => o.Key, o => o.Default);
        values["linter"] = "roslyn";

        // Act
        var warning = definition.Requirement!(new ResolvedOptions(values));

        // Assert
        Assert.Null(warning);
    }
}
