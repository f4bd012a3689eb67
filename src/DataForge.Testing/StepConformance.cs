using System.Text;
using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Core.Steps;
using Xunit;

namespace DataForge.Testing;

/// <summary>
/// The contract every step's tests check (CONTRIBUTING.md, "How to add a step", step 5). Each check runs the step through the
/// real engine (<see cref="StepHarness"/>) and asserts: the same seed gives the same bytes, a
/// cancelled token stops the run, only declared drop reasons are used, parallelism does not change
/// the output order, and kept records change only the fields the contract declares.
/// </summary>
public static class StepConformance
{
    // Fields the engine itself sets on every record a step emits or rejects.
    private static readonly HashSet<string> EngineFields = new(StringComparer.Ordinal) { "step", "reason", "raw" };

    /// <summary>Checks a filter: the record-step contract, plus kept records pass through unchanged and in order.</summary>
    /// <param name="make">Makes a fresh step (each run needs its own: steps may keep state across records).</param>
    /// <param name="inputs">Records to run through the step; include ones it keeps and ones it drops.</param>
    /// <param name="runSeed">The fixed seed.</param>
    /// <param name="parallelism">The parallelism compared against a sequential run.</param>
    public static async Task CheckFilterAsync(Func<FilterStep> make, IReadOnlyList<Sample> inputs, long runSeed = 42, int parallelism = 4)
    {
        ArgumentNullException.ThrowIfNull(make);
        ArgumentNullException.ThrowIfNull(inputs);
        var run = await CheckRecordStepAsync(make, inputs, runSeed, parallelism).ConfigureAwait(false);

        // A filter emits its inputs as they were (the source stamps its name), as an ordered subsequence.
        var expected = inputs.Select(s => Bytes(s with { Step = StepHarness.SourceName })).ToList();
        var next = 0;
        foreach (var output in run.Outputs)
        {
            var bytes = Bytes(output);
            while (next < expected.Count && expected[next] != bytes)
            {
                next++;
            }

            Assert.True(next < expected.Count, $"Filter output {output.Id} is not an unchanged input in input order.");
            next++;
        }

        Assert.Equal(inputs.Count, run.Outputs.Count + run.Rejects.Count);
    }

    /// <summary>Checks a map, expand or filter step; returns the sequential run for further assertions.</summary>
    /// <param name="make">Makes a fresh step (each run needs its own: steps may keep state across records).</param>
    /// <param name="inputs">Records to run through the step.</param>
    /// <param name="runSeed">The fixed seed.</param>
    /// <param name="parallelism">The parallelism compared against a sequential run.</param>
    public static async Task<StepRunResult> CheckRecordStepAsync(Func<RecordStep> make, IReadOnlyList<Sample> inputs, long runSeed = 42, int parallelism = 4)
    {
        ArgumentNullException.ThrowIfNull(make);
        var run = await CheckStepAsync(make, inputs, runSeed, parallelism).ConfigureAwait(false);
        var step = make();
        if (step.Role == StepRole.Map)
        {
            Assert.Equal(inputs.Count, run.Outputs.Count + run.Rejects.Count);
        }

        CheckProducedFields(step, inputs, run.Outputs);
        return run;
    }

    /// <summary>Checks a batched step: the record-step contract, and exactly one outcome (kept or rejected) per input record.</summary>
    /// <param name="make">Makes a fresh step.</param>
    /// <param name="inputs">Records to run through the step.</param>
    /// <param name="runSeed">The fixed seed.</param>
    /// <param name="parallelism">The parallelism compared against a sequential run.</param>
    public static async Task<StepRunResult> CheckBatchedAsync(Func<BatchedStep> make, IReadOnlyList<Sample> inputs, long runSeed = 42, int parallelism = 4)
    {
        ArgumentNullException.ThrowIfNull(make);
        var run = await CheckStepAsync(make, inputs, runSeed, parallelism).ConfigureAwait(false);
        Assert.Equal(inputs.Count, run.Outputs.Count + run.Rejects.Count);
        CheckProducedFields(make(), inputs, run.Outputs);
        return run;
    }

    /// <summary>Checks a barrier step; returns the sequential run for further assertions.</summary>
    /// <param name="make">Makes a fresh step.</param>
    /// <param name="inputs">Records to run through the step.</param>
    /// <param name="runSeed">The fixed seed.</param>
    /// <param name="parallelism">The parallelism compared against a sequential run.</param>
    public static Task<StepRunResult> CheckBarrierAsync(Func<BarrierStep> make, IReadOnlyList<Sample> inputs, long runSeed = 42, int parallelism = 4)
        => CheckStepAsync(make, inputs, runSeed, parallelism);

    /// <summary>Checks that a constructor refuses missing or invalid options with an <see cref="ArgumentException"/> (null options included).</summary>
    /// <param name="construct">Calls the constructor with bad arguments.</param>
    public static void CheckRejectsBadOptions(Func<Step> construct)
    {
        ArgumentNullException.ThrowIfNull(construct);
        Assert.ThrowsAny<ArgumentException>(() => construct());
    }

    private static async Task<StepRunResult> CheckStepAsync(Func<Step> make, IReadOnlyList<Sample> inputs, long runSeed, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Assert.NotEmpty(inputs);

        // Deterministic: two sequential runs with one seed give identical bytes, rejects included.
        var first = await StepHarness.RunAsync(make(), inputs, runSeed).ConfigureAwait(false);
        var second = await StepHarness.RunAsync(make(), inputs, runSeed).ConfigureAwait(false);
        AssertSameBytes(first, second, "two runs with the same seed");

        // Parallelism changes neither the order nor the content.
        var parallel = await StepHarness.RunAsync(make(), inputs, runSeed, parallelism, capacity: 4).ConfigureAwait(false);
        AssertSameBytes(first, parallel, $"a run with parallelism {parallelism}");

        CheckDropReasons(make(), first);
        await CheckCancellationAsync(make(), inputs, runSeed).ConfigureAwait(false);
        return first;
    }

    private static void CheckDropReasons(Step step, StepRunResult run)
    {
        var declared = step.Contract.DropReasons.ToHashSet(StringComparer.Ordinal);
        foreach (var reject in run.Rejects)
        {
            Assert.True(reject.Reason is { } r && declared.Contains(r), $"Reject {reject.Id} has undeclared reason '{reject.Reason}'.");
            Assert.Equal(StepHarness.StepName, reject.Step);
        }

        foreach (var reason in run.Stats.Dropped.Keys)
        {
            Assert.True(declared.Contains(reason), $"Counter for undeclared drop reason '{reason}'.");
        }
    }

    private static async Task CheckCancellationAsync(Step step, IReadOnlyList<Sample> inputs, long runSeed)
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync().ConfigureAwait(false);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => StepHarness.RunAsync(step, inputs, runSeed, cancellationToken: cancelled.Token)).ConfigureAwait(false);
    }

    // A kept record whose id matches an input may differ from it only in declared (or engine) fields.
    private static void CheckProducedFields(Step step, IReadOnlyList<Sample> inputs, IReadOnlyList<Sample> outputs)
    {
        var allowed = step.Contract.Produces.ToHashSet(StringComparer.Ordinal);
        var byId = new Dictionary<string, Sample>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            byId.TryAdd(input.Id, input);
        }

        foreach (var output in outputs)
        {
            if (!byId.TryGetValue(output.Id, out var input))
            {
                continue;
            }

            foreach (var field in ChangedFields(input, output))
            {
                Assert.True(EngineFields.Contains(field) || allowed.Contains(field), $"Record {output.Id}: field '{field}' changed but is not in Contract.Produces.");
            }
        }
    }

    private static List<string> ChangedFields(Sample before, Sample after)
    {
        using var a = JsonDocument.Parse(SampleJson.Serialize(before));
        using var b = JsonDocument.Parse(SampleJson.Serialize(after));
        var left = a.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
        var right = b.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
        return left.Keys.Union(right.Keys)
            .Where(k => !left.TryGetValue(k, out var l) || !right.TryGetValue(k, out var r) || l != r)
            .ToList();
    }

    private static void AssertSameBytes(StepRunResult expected, StepRunResult actual, string what)
    {
        Assert.True(Lines(expected.Outputs) == Lines(actual.Outputs), $"Outputs differ between a sequential run and {what}.");
        Assert.True(Lines(expected.Rejects) == Lines(actual.Rejects), $"Rejects differ between a sequential run and {what}.");
    }

    private static string Bytes(Sample sample) => Encoding.UTF8.GetString(SampleJson.Serialize(sample));

    private static string Lines(IReadOnlyList<Sample> samples) => string.Join('\n', samples.Select(Bytes));
}
