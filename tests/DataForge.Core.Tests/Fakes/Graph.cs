using DataForge.Core.Engine;
using DataForge.Core.Seams;
using DataForge.Core.Steps;

namespace DataForge.Core.Tests.Fakes;

/// <summary>Shorthand for building and running engine graphs in tests.</summary>
internal static class Graph
{
    public static GraphNode Node(string name, Step step, string[] inputs, int parallelism = 1, int capacity = 16)
        => new(name, step.GetType().Name, step, inputs, "", parallelism, capacity);

    public static Task<EngineResult> RunAsync(IReadOnlyList<GraphNode> nodes, TempDirectory scratch, IResultCache? cache = null, CancellationToken cancellationToken = default)
        => new PipelineEngine(nodes, new EngineEnvironment(42, "test-run", scratch.Path, cache)).RunAsync(cancellationToken);

    public static async Task<List<Core.Records.Sample>> ReadLaneAsync(string path)
    {
        var samples = new List<Core.Records.Sample>();
        await foreach (var sample in SpillFile.ReadAsync(path))
        {
            samples.Add(sample);
        }

        return samples;
    }
}
