using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DataForge.Core.Records;
using DataForge.Core.Work;
using DataForge.Storage.Runs.Diff;

namespace DataForge.Storage.Runs;

/// <summary>The <c>manifest.json</c> of a run folder.</summary>
/// <param name="RunId">Hash of the resolved configuration and the seeds' content.</param>
/// <param name="Pipeline">Pipeline name and file.</param>
/// <param name="Config">The resolved configuration.</param>
/// <param name="SeedsSha256">Hash of every input file the read steps saw.</param>
/// <param name="CodeVersion">Version of DataForge that made the run.</param>
/// <param name="Models">Models used.</param>
/// <param name="Counts">Kept / rejected counts and per-step counts.</param>
/// <param name="Shards">Data and rejects shards.</param>
/// <param name="Timings">Seconds per step.</param>
/// <param name="Scores">Score distributions per stage (<c>written</c>; before / after each selection step).</param>
/// <param name="Outcome">How the run ended (null in manifests written before it was recorded: read as finished).</param>
/// <param name="Work">Model requests and linter checks the run made (null in manifests written before it was recorded).</param>
/// <param name="Diff">What changed since the previous run or build it was compared with (<c>diff</c>; left out when there was none).</param>
/// <param name="Review">The review verdicts the run honoured; null (and not written) for a run without any.</param>
/// <param name="Partitions">For a merged run, its partitions (left out otherwise).</param>
/// <param name="Notes">The notes the run printed on stderr (input files a read step left out and why, columns with no JSON form, ...), in order; null (and not written) when there were none.</param>
/// <param name="Endpoints">Per model that sent requests to servers (<c>openai</c>), what each server did: attempts, share, errors, ejections, latency; null (and not written) when no such model was used.</param>
public sealed record RunManifest(
    string RunId,
    ManifestPipeline Pipeline,
    JsonObject Config,
    string SeedsSha256,
    string CodeVersion,
    IReadOnlyList<ManifestModel> Models,
    ManifestCounts Counts,
    IReadOnlyList<ManifestShard> Shards,
    IReadOnlyDictionary<string, double> Timings,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, ScoreSummary>> Scores,
    ManifestOutcome? Outcome = null,
    WorkTotals? Work = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RunDiff? Diff = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ManifestReview? Review = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ManifestPartitions? Partitions = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, IReadOnlyList<EndpointStats>>? Endpoints = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Notes = null);

/// <summary>A merged run's partitions (<c>dataforge merge</c>): how many, and their folders relative to the run folder.</summary>
/// <param name="Count">How many partitions ran the record phase.</param>
/// <param name="Folders">Their folders, by index, relative to the run folder.</param>
public sealed record ManifestPartitions(int Count, IReadOnlyList<string> Folders);

/// <summary>Pipeline name and file (relative to the working folder).</summary>
/// <param name="Name">The <c>run.name</c>.</param>
/// <param name="File">The pipeline file.</param>
public sealed record ManifestPipeline(string Name, string File);

/// <summary>A model used by the run.</summary>
/// <param name="Name">Its name in the pipeline.</param>
/// <param name="Id">Model id.</param>
/// <param name="WeightsSha256">Hash of its weights.</param>
/// <param name="IdentitySource">Where its identity came from: <c>weights</c> (a local folder's hash), <c>server</c> (reported in <c>/v1/models</c>), <c>revision</c> (the <c>revision</c> key) or <c>name</c> (the model name only).</param>
public sealed record ManifestModel(string Name, string Id, string WeightsSha256, string? IdentitySource = null);

/// <summary>Record counts.</summary>
/// <param name="Kept">Rows in the data shards.</param>
/// <param name="Rejected">Rows in the rejects shards.</param>
/// <param name="Steps">Per step: in, out, dropped per reason.</param>
public sealed record ManifestCounts(long Kept, long Rejected, IReadOnlyDictionary<string, ManifestStepCount> Steps);

/// <summary>One step's counts.</summary>
/// <param name="In">Records received.</param>
/// <param name="Out">Records emitted.</param>
/// <param name="Dropped">Drops per reason.</param>
public sealed record ManifestStepCount(long In, long Out, IReadOnlyDictionary<string, long> Dropped);

/// <summary>A shard file.</summary>
/// <param name="Path">Relative to the run folder, '/' separated.</param>
/// <param name="Rows">Rows.</param>
/// <param name="Sha256">Hash of the file.</param>
public sealed record ManifestShard(string Path, long Rows, string Sha256);
