using DataForge.Core.Engine;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Core.Steps;

namespace DataForge.Testing;

/// <summary>
/// Runs one step through the real <see cref="PipelineEngine"/> in the smallest graph there is:
/// a <see cref="ListSource"/> over the inputs, the step, and a <see cref="CollectingSink"/>.
/// </summary>
public static class StepHarness
{
    /// <summary>Name of the source node.</summary>
    public const string SourceName = "source";

    /// <summary>Name of the node of the step under test (what rejects carry in <see cref="Sample.Step"/>).</summary>
    public const string StepName = "step";

    /// <summary>Name of the sink node.</summary>
    public const string SinkName = "sink";

    /// <summary>Runs <paramref name="step"/> over <paramref name="inputs"/> and collects outputs, rejects and counters.</summary>
    /// <param name="step">A record, batched or barrier step.</param>
    /// <param name="inputs">The records the source emits, in order.</param>
    /// <param name="runSeed">The run seed.</param>
    /// <param name="parallelism">Records the step works on at once.</param>
    /// <param name="capacity">Bounded buffer size of every block.</param>
    /// <param name="cache">Result cache for cacheable steps; null disables caching.</param>
    /// <param name="notes">Receives the step's notices; null: they are written to stderr.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task<StepRunResult> RunAsync(
        Step step,
        IReadOnlyList<Sample> inputs,
        long runSeed = 42,
        int parallelism = 1,
        int capacity = 16,
        IResultCache? cache = null,
        Action<string>? notes = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(inputs);
        var scratch = Path.Combine(Path.GetTempPath(), "dataforge-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var sink = new CollectingSink();
            GraphNode[] nodes =
            [
                new(SourceName, "list-source", new ListSource(inputs), [], "", 1, capacity),
                new(StepName, step.GetType().Name, step, [SourceName], "", parallelism, capacity),
                new(SinkName, "collecting-sink", sink, [StepName], "", 1, capacity),
            ];
            var engine = new PipelineEngine(nodes, new EngineEnvironment(runSeed, "test-run", scratch, cache, Notices: notes));
            var result = await engine.RunAsync(cancellationToken).ConfigureAwait(false);
            var rejects = new List<Sample>();
            foreach (var lane in result.RejectLanes)
            {
                await foreach (var reject in SpillFile.ReadAsync(lane, cancellationToken).ConfigureAwait(false))
                {
                    rejects.Add(reject);
                }
            }

            return new StepRunResult(sink.Samples, rejects, engine.Stats[1]);
        }
        finally
        {
            TryDelete(scratch);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless, and a faulted run may still hold a file open.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
