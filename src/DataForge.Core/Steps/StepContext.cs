using DataForge.Core.Review;

namespace DataForge.Core.Steps;

/// <summary>What the engine tells a step about the run it is part of.</summary>
public sealed class StepContext
{
    /// <summary>Creates a context.</summary>
    public StepContext(string stepName, long runSeed, string runId, string scratchDirectory, ReviewVerdicts? verdicts = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        StepName = stepName;
        RunSeed = runSeed;
        RunId = runId;
        ScratchDirectory = scratchDirectory;
        Verdicts = verdicts ?? ReviewVerdicts.Empty;
    }

    /// <summary>The step's name in the pipeline.</summary>
    public string StepName { get; }

    /// <summary>The run seed.</summary>
    public long RunSeed { get; }

    /// <summary>The run id.</summary>
    public string RunId { get; }

    /// <summary>A folder the step may write temporary files to; removed with the run's staging folder.</summary>
    public string ScratchDirectory { get; }

    /// <summary>The run's review verdicts (docs/verdicts.md); the engine applies rejects and flags itself.</summary>
    public ReviewVerdicts Verdicts { get; }

    /// <summary>
    /// True when a reviewer accepted the record: a selection step keeps it (reason
    /// <see cref="ReviewVerdicts.AcceptedReason"/>) and counts it in its budget first. Only selection
    /// steps (<see cref="Step.IsSelection"/>) may read it: the engine adds the pins a selection saw to
    /// its cache key, and no other step's.
    /// </summary>
    public bool IsPinned(string recordId) => Verdicts.IsAccepted(recordId);

    /// <summary>The generator for one record: derived from (run seed, record id, step name), never shared.</summary>
    public Random RandomFor(string recordId) => DeterministicRandom.Create(RunSeed, recordId, StepName);
}
