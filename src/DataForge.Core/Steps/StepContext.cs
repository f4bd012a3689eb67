using DataForge.Core.Review;

namespace DataForge.Core.Steps;

/// <summary>What the engine tells a step about the run it is part of.</summary>
public sealed class StepContext
{
    private readonly Action<string> _notices;
    private readonly Action<StepProgress>? _progress;

    /// <summary>Creates a context.</summary>
    /// <param name="stepName">The step's name in the pipeline.</param>
    /// <param name="runSeed">The run seed.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="scratchDirectory">A folder for temporary files.</param>
    /// <param name="verdicts">The run's review verdicts; null: none.</param>
    /// <param name="notices">Receives the step's notices for the user; null: they are written to stderr.</param>
    /// <param name="progress">Receives the step's progress (<see cref="Progress"/>); null: it goes nowhere.</param>
    public StepContext(string stepName, long runSeed, string runId, string scratchDirectory, ReviewVerdicts? verdicts = null, Action<string>? notices = null, Action<StepProgress>? progress = null)
    {
        _progress = progress;
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        StepName = stepName;
        RunSeed = runSeed;
        RunId = runId;
        ScratchDirectory = scratchDirectory;
        Verdicts = verdicts ?? ReviewVerdicts.Empty;
        _notices = notices ?? (notice => Console.Error.WriteLine($"note: {notice}"));
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

    /// <summary>Tells the user something that does not stop the step (the run's notices, printed when it ends).</summary>
    public void Note(string notice) => _notices(notice);

    /// <summary>
    /// Tells the user how far a long phase of the step is (<paramref name="done"/> of <paramref name="total"/> units):
    /// shown in the run's live table and in its plain progress lines. Never part of a result.
    /// </summary>
    public void Progress(string phase, long done, long total)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phase);
        _progress?.Invoke(new StepProgress(phase, done, total));
    }

    /// <summary>The generator for one record: derived from (run seed, record id, step name), never shared.</summary>
    public Random RandomFor(string recordId) => DeterministicRandom.Create(RunSeed, recordId, StepName);
}
