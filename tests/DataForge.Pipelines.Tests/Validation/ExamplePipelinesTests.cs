using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Tests.TestKit;
using DataForge.Pipelines.Validation;
using Xunit;

namespace DataForge.Pipelines.Tests.Validation;

/// <summary>Every pipeline shipped with the repository validates cleanly.</summary>
public sealed class ExamplePipelinesTests
{
    public static TheoryData<string> Pipelines()
    {
        var data = new TheoryData<string>();
        var root = RepoPaths.Root;
        data.Add(Path.Combine(root, "pipeline.toml"));
        foreach (var file in Directory.GetFiles(Path.Combine(root, "pipelines"), "*.toml").Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Load_ShippedPipeline_HasNoDiagnostics(string path)
    {
        // Act
        var result = PipelineLoader.Load(path, [], StepRegistry.CreateDefault());

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Spec);
    }
}
