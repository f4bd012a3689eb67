using DataForge.Core.Diagnostics;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Validation;

/// <summary>Loading valid pipelines: the repository's own pipeline.toml, defaults, default inputs.</summary>
public sealed class PipelineLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_RepoPipeline_NoDiagnostics()
    {
        // Arrange
        var path = Path.Combine(RepoPaths.Root, "pipeline.toml");

        // Act
        var result = PipelineLoader.Load(path, [], StepRegistry.CreateDefault());

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Spec);
        Assert.Equal(["instructions", "dedup", "evolve", "quality", "length", "score", "select", "python-programs", "csharp-programs", "edits", "out"], result.Spec.Steps.Select(s => s.Name));
        Assert.Equal("tiny", Assert.Single(result.Spec.Models).Value.Backend);
    }

    [Fact]
    public void Load_RepoPipeline_RunSectionResolved()
    {
        // Arrange
        var path = Path.Combine(RepoPaths.Root, "pipeline.toml");

        // Act
        var run = PipelineLoader.Load(path, [], StepRegistry.CreateDefault()).Spec!.Run;

        // Assert
        Assert.Equal(new RunSection("default", 1, 0.2, Environment.ProcessorCount, 256, null), run);
    }

    [Fact]
    public void Load_RepoPipeline_DefaultsFilledIn()
    {
        // Arrange
        var path = Path.Combine(RepoPaths.Root, "pipeline.toml");

        // Act
        var steps = PipelineLoader.Load(path, [], StepRegistry.CreateDefault()).Spec!.Steps.ToDictionary(s => s.Name);

        // Assert
        Assert.Equal(100_000, steps["out"].Options.GetInteger("shard_rows"));
        Assert.Equal(10_000, steps["out"].Options.GetInteger("row_group_rows"));
        Assert.Equal(1_000_000, steps["dedup"].Options.GetInteger("expected_records"));
        Assert.Equal(1_048_576, steps["instructions"].Options.GetInteger("max_field_bytes"));
        Assert.Equal("gpt2", steps["length"].Options.GetString("tokenizer"));
        Assert.Equal(4, steps["length"].Options.GetInteger("min_tokens"));
        Assert.Equal(2048, steps["length"].Options.GetInteger("max_tokens"));
        Assert.All(steps.Values.Where(s => s.Name != "evolve"), s => Assert.Equal((Environment.ProcessorCount, 256), (s.Parallelism, s.Capacity)));
        Assert.Equal((32, 256), (steps["evolve"].Parallelism, steps["evolve"].Capacity)); // set in the file: records in flight share batches
    }

    [Fact]
    public void Load_RepoPipeline_InputsResolved()
    {
        // Arrange
        var path = Path.Combine(RepoPaths.Root, "pipeline.toml");

        // Act
        var steps = PipelineLoader.Load(path, [], StepRegistry.CreateDefault()).Spec!.Steps.ToDictionary(s => s.Name);

        // Assert
        Assert.Empty(steps["instructions"].Inputs);
        Assert.Empty(steps["python-programs"].Inputs);
        Assert.Equal(["instructions"], steps["dedup"].Inputs);
        Assert.Equal(["dedup"], steps["evolve"].Inputs);
        Assert.Equal(["evolve"], steps["quality"].Inputs);
        Assert.Equal(["quality"], steps["length"].Inputs);
        Assert.Equal(["length"], steps["score"].Inputs);
        Assert.Equal(["score"], steps["select"].Inputs);
        Assert.Equal(["python-programs", "csharp-programs"], steps["edits"].Inputs);
        Assert.Equal(["select", "edits"], steps["out"].Inputs);
    }

    [Fact]
    public void Load_StepOptions_HoldOnlyTheTypesOwnKeys()
    {
        // Arrange
        var path = Path.Combine(RepoPaths.Root, "pipeline.toml");

        // Act
        var read = PipelineLoader.Load(path, [], StepRegistry.CreateDefault()).Spec!.Steps[0];

        // Assert
        Assert.Equal(["code_instruction", "config", "exclude", "fields", "include", "max_field_bytes", "path", "split"], read.Options.Values.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("seeds/instructions", read.Options.GetString("path"));
    }

    [Fact]
    public void Load_MinimalPipeline_RunDefaultsFromFileName()
    {
        // Arrange
        _folder.Write("seeds.jsonl", "{}\n");
        var path = _folder.Write("nightly.toml", "[[steps]]\nname = \"s\"\ntype = \"read\"\npath = \"seeds.jsonl\"\n\n[[steps]]\nname = \"out\"\ntype = \"write\"\n");

        // Act
        var result = PipelineLoader.Load(path, [], StepRegistry.CreateDefault());

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(new RunSection("nightly", 1, 0.2, Environment.ProcessorCount, 256, null), result.Spec!.Run);
        Assert.Equal(path, result.Spec.File);
        Assert.Equal(_folder.Path, result.Spec.Directory);
        Assert.Equal(["s"], result.Spec.Steps[1].Inputs);
    }

    [Fact]
    public void Load_StepSpeedKeys_OverrideRunDefaults()
    {
        // Arrange
        _folder.Write("seeds.jsonl", "{}\n");
        var path = _folder.Write("p.toml", "[run]\nparallelism = 3\ncapacity = 10\n\n[[steps]]\nname = \"s\"\ntype = \"read\"\npath = \"seeds.jsonl\"\nparallelism = 1\n\n[[steps]]\nname = \"out\"\ntype = \"write\"\ncapacity = 5\n");

        // Act
        var steps = PipelineLoader.Load(path, [], StepRegistry.CreateDefault()).Spec!.Steps;

        // Assert
        Assert.Equal((1, 10), (steps[0].Parallelism, steps[0].Capacity));
        Assert.Equal((3, 5), (steps[1].Parallelism, steps[1].Capacity));
    }

    [Fact]
    public void Load_WarningOnly_SpecStillReturned()
    {
        // Arrange
        _folder.Write("seeds.jsonl", "{}\n");
        var path = _folder.Write("p.toml", "[[steps]]\nname = \"s\"\ntype = \"read\"\npath = \"seeds.jsonl\"\n\n[[steps]]\nname = \"unused\"\ntype = \"sample\"\n\n[[steps]]\nname = \"out\"\ntype = \"write\"\ninput = \"s\"\n");

        // Act
        var result = PipelineLoader.Load(path, [], StepRegistry.CreateDefault());

        // Assert
        var warning = Assert.Single(result.Diagnostics);
        Assert.True(warning.IsWarning);
        Assert.Equal(DiagnosticCodes.UnusedOutput, warning.Code);
        Assert.NotNull(result.Spec);
    }

    [Fact]
    public void Load_NullArguments_Throw()
    {
        // Arrange, Act, Assert
        Assert.Throws<ArgumentNullException>(() => PipelineLoader.Load(null!, [], StepRegistry.CreateDefault()));
        Assert.Throws<ArgumentNullException>(() => PipelineLoader.Load("p.toml", null!, StepRegistry.CreateDefault()));
        Assert.Throws<ArgumentNullException>(() => PipelineLoader.Load("p.toml", [], null!));
    }
}
