using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Runs;

/// <summary>The pipeline the run-identity tests load: one seed file, a dedup, a sample and a write.</summary>
internal static class RunIdentityPipeline
{
    public const string Pipeline = """
        [run]
        name = "identity"
        seed = 1

        [[steps]]
        name = "seeds"
        type = "read"
        path = "seeds"

        [[steps]]
        name = "dedup"
        type = "dedup-exact"

        [[steps]]
        name = "sample"
        type = "sample"
        fraction = 0.5

        [[steps]]
        name = "out"
        type = "write"
        """;

    /// <summary>Writes the seed and the pipeline into <paramref name="folder"/>; returns the pipeline file's path.</summary>
    public static string Write(TempFolder folder)
    {
        folder.Write("seeds/a.jsonl", "{\"instruction\":\"a\",\"output\":\"b\"}\n");
        return folder.Write("pipeline.toml", Pipeline);
    }

    /// <summary>Loads the pipeline at <paramref name="path"/> with <paramref name="overrides"/>; asserts that it loads cleanly.</summary>
    public static PipelineSpec Load(string path, params string[] overrides)
    {
        var result = PipelineLoader.Load(path, overrides, StepRegistry.CreateDefault());
        Assert.Empty(result.Diagnostics);
        return result.Spec!;
    }
}
