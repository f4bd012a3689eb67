using DataForge.Core.Engine;
using DataForge.Core.Records;
using DataForge.Pipelines.Models;
using DataForge.Pipelines.Validation;
using DataForge.Storage.Runs;

namespace DataForge.Pipelines.Runs;

/// <summary>What a run's manifest says about the run itself, beside what the engine reports.</summary>
internal sealed record ManifestInputs(PipelineSpec Spec, RunIdentity Identity, IReadOnlyDictionary<string, ResolvedModelIdentity> Models, string CodeVersion);

/// <summary>Builds a run's manifest: shards, counts per step, timings, score summaries and models.</summary>
internal static class RunManifestBuilder
{
    /// <summary>The manifest of a finished engine run (without its outcome, which the executor adds).</summary>
    public static RunManifest Build(ManifestInputs run, RunFolder folder, EngineResult result, IReadOnlyDictionary<string, string> modelIds)
    {
        var data = result.Sinks.SelectMany(s => s.Files).ToList();
        var rejects = result.Rejects?.Files ?? [];
        var shards = data.Concat(rejects)
            .Select(s => new ManifestShard(Path.GetRelativePath(folder.Staging, s.Path).Replace('\\', '/'), s.Rows, s.Sha256))
            .ToList();
        var steps = result.Stats.ToDictionary(s => s.Step, s => new ManifestStepCount(s.In, s.Out, s.Dropped));
        return new RunManifest(
            run.Identity.RunId,
            new ManifestPipeline(run.Spec.Run.Name, run.Spec.File.Replace('\\', '/')),
            run.Identity.Config,
            run.Identity.SeedsSha256,
            run.CodeVersion,
            [.. run.Spec.Models.Values.Select(m => ManifestEntry(m, modelIds.GetValueOrDefault(m.Name), run.Models.GetValueOrDefault(m.Name)))],
            new ManifestCounts(data.Sum(s => s.Rows), rejects.Sum(s => s.Rows), steps),
            shards,
            result.Stats.ToDictionary(s => s.Step, s => Math.Round(s.Elapsed.TotalSeconds, 3)),
            ScoreSummaries(result));
    }

    // What the sinks wrote, and for each selection step the scores of the records it decided on and of those it kept.
    private static Dictionary<string, IReadOnlyDictionary<string, ScoreSummary>> ScoreSummaries(EngineResult result)
    {
        var written = new SortedDictionary<string, ScoreSummary>(StringComparer.Ordinal);
        foreach (var (name, summary) in result.Sinks.SelectMany(s => s.Scores))
        {
            written[name] = summary;
        }

        var summaries = new Dictionary<string, IReadOnlyDictionary<string, ScoreSummary>> { ["written"] = written };
        foreach (var stats in result.Stats.Where(s => s.ScoresBefore.Count > 0))
        {
            summaries[$"{stats.Step}.before"] = Summarize(stats.ScoresBefore);
            summaries[$"{stats.Step}.after"] = Summarize(stats.ScoresAfter);
        }

        return summaries;
    }

    private static IReadOnlyDictionary<string, ScoreSummary> Summarize(IEnumerable<System.Collections.Immutable.ImmutableSortedDictionary<string, double>> scores)
    {
        var collector = new ScoreCollector();
        foreach (var record in scores)
        {
            collector.Add(record);
        }

        return collector.Summarize();
    }

    // A model is named by its identity (NAME@WEIGHTS_HASH, openai:MODEL@...), resolved before the run or
    // when it was loaded, with where that identity came from; a model without either, by its backend.
    private static ManifestModel ManifestEntry(ModelSpec spec, string? loaded, ResolvedModelIdentity? resolved)
        => (loaded ?? resolved?.Identity) is not { } identity
            ? new ManifestModel(spec.Name, $"{spec.Backend} (not loaded)", "")
            : new ManifestModel(spec.Name, identity, identity.Contains('@', StringComparison.Ordinal) ? identity[(identity.LastIndexOf('@') + 1)..] : "", resolved?.Source);
}
