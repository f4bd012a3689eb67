using DataForge.Testing;

namespace DataForge.Pipelines.Tests.Validation;

/// <summary>The pipeline the override tests load: two seed files, a dedup over both, a sample and a write.</summary>
internal static class OverridePipeline
{
    public const string Pipeline = """
        [run]
        seed = 1

        [models.fleet]
        backend = "openai"
        urls = ["http://127.0.0.1:8000/v1"]
        model = "m"

        [[steps]]
        name = "a"
        type = "read"
        path = "seeds/a.jsonl"

        [[steps]]
        name = "b"
        type = "read"
        path = "seeds/b.jsonl"

        [[steps]]
        name = "dedup"
        type = "dedup-exact"
        input = ["a", "b"]

        [[steps]]
        name = "sample"
        type = "sample"

        [[steps]]
        name = "out"
        type = "write"
        """;

    /// <summary>Writes the seeds and the pipeline into <paramref name="folder"/>; returns the pipeline file's path.</summary>
    public static string Write(TempFolder folder)
    {
        folder.Write("seeds/a.jsonl", "{\"instruction\":\"a\",\"output\":\"b\"}\n");
        folder.Write("seeds/b.jsonl", "{\"instruction\":\"c\",\"output\":\"d\"}\n");
        return folder.Write("pipeline.toml", Pipeline);
    }
}
