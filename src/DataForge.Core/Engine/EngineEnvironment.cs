using DataForge.Core.Records;
using DataForge.Core.Review;
using DataForge.Core.Seams;
using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>What a run gives the engine: seed, id, a scratch folder, the result cache, where rejects go and the review verdicts.</summary>
/// <param name="RunSeed">The run seed.</param>
/// <param name="RunId">The run id.</param>
/// <param name="ScratchDirectory">Folder for spill files; the caller removes it.</param>
/// <param name="Cache">Result cache for cacheable steps; null disables step caching.</param>
/// <param name="RejectSink">Writes every rejected record once all steps have finished (the reject lanes in plan order, each in its own order); null keeps them only in the lanes.</param>
/// <param name="Verdicts">Review verdicts (docs/verdicts.md): rejects and flags applied to every kept outcome, accepts pinned through selection steps; null: none.</param>
/// <param name="Notices">Receives the steps' notices for the user (<see cref="StepContext.Note"/>); null: they are written to stderr.</param>
/// <param name="Partition">A partitioned run's share of the source records (sources skip the others, and every record carries its <see cref="Sample.Order"/> key); null: all of them.</param>
public sealed record EngineEnvironment(long RunSeed, string RunId, string ScratchDirectory, IResultCache? Cache, SinkStep? RejectSink = null, ReviewVerdicts? Verdicts = null, RecordPartition? Partition = null, Action<string>? Notices = null);
