using DataForge.Core.Seams;
using DataForge.Core.Work;
using DataForge.Pipelines.Models;

namespace DataForge.Pipelines.Registry;

/// <summary>Run-wide resources step factories may use.</summary>
/// <param name="PipelineDirectory">Folder of the pipeline file (relative paths resolve against it).</param>
/// <param name="RunId">The run id.</param>
/// <param name="DataDirectory">The staging <c>data/</c> folder the write step fills.</param>
/// <param name="Limit">Most kept records per read step (<c>run.limit</c> / <c>--limit</c>).</param>
/// <param name="TokenCounterFactory">Makes the token counter.</param>
/// <param name="Seed">The run seed.</param>
/// <param name="Cache">The run store's result cache (model requests, lint results); null when caching is off.</param>
/// <param name="Models">The run's <c>[models.NAME]</c> entries, built on first use; null when the run has none.</param>
/// <param name="Work">The run's work counters (model requests, linter checks); null counts nothing.</param>
/// <param name="Languages">The run's languages (<c>[run] language</c>); null: English.</param>
public sealed record RunResources(string PipelineDirectory, string RunId, string DataDirectory, long? Limit, Func<ITokenCounter> TokenCounterFactory, long Seed = 1, IResultCache? Cache = null, ModelCatalog? Models = null, WorkCounters? Work = null, IReadOnlyList<string>? Languages = null);
