using DataForge.Core.Seams;

namespace DataForge.Core.Engine;

/// <summary>What a run gives the engine: seed, id, a scratch folder and the result cache.</summary>
/// <param name="RunSeed">The run seed.</param>
/// <param name="RunId">The run id.</param>
/// <param name="ScratchDirectory">Folder for spill files; the caller removes it.</param>
/// <param name="Cache">Result cache for cacheable steps; null disables step caching.</param>
public sealed record EngineEnvironment(long RunSeed, string RunId, string ScratchDirectory, IResultCache? Cache);
