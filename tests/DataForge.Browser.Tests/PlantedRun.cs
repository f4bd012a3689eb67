using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DataForge.Core.Records;
using DataForge.LintSeq.Diffs;
using DataForge.Storage.Runs;
using DataForge.Storage.Shards;

namespace DataForge.Browser.Tests;

/// <summary>One planted record: its id, kind, whether it is in the data shards, and the payload its instruction carries.</summary>
/// <param name="Id">The record id.</param>
/// <param name="Kind">instruction or edit_sequence.</param>
/// <param name="Kept">True for a data row, false for a reject.</param>
/// <param name="Instruction">The payload in its instruction.</param>
/// <param name="EditLine">For an edit sequence: the program line, carrying a payload, that its last edit inserts.</param>
/// <param name="Winner">The payload that is the output of its ensemble vote's winning candidate.</param>
public sealed record PlantedRecord(string Id, string Kind, bool Kept, string Instruction, string? EditLine, string Winner);

/// <summary>
/// A run folder written with the project's own shard writers whose every text a page shows is an XSS payload:
/// instructions, inputs, outputs, chat messages, edit diffs (and so every program state of the player),
/// ensemble votes (candidate outputs, models, method), meta, source, origin, model, operation, prompt id,
/// drop reasons (in the rejects and in the manifest's funnel) and raw rejected text. Every record derives
/// from one seed, so the seed's lineage tree lists them all.
/// </summary>
public static class PlantedRun
{
    /// <summary>Writes the run into <paramref name="folder"/> and returns the planted records (the seed first).</summary>
    public static async Task<IReadOnlyList<PlantedRecord>> WriteAsync(string folder, IReadOnlyList<string> payloads)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        var n = payloads.Count;
        string P(int i) => payloads[i % n];
        var data = new ParquetShardWriter<ShardRow>(Path.Combine(folder, "data"), "train", ShardWriterOptions.Default);
        var rejects = new ParquetShardWriter<RejectRow>(Path.Combine(folder, "rejects"), "rejects", ShardWriterOptions.Default);
        var seed = new ShardRow { Id = Id(-1), Kind = "instruction", Instruction = "The seed every planted record derives from", Output = "seed", RunId = "planted", Step = "out" };
        await data.AppendAsync(seed, CancellationToken.None);
        var planted = new List<PlantedRecord> { new(seed.Id, seed.Kind, true, seed.Instruction, null, "") };
        var dropped = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var kept = i % 2 == 0;
            var code = i % 3 == 2;
            var row = kept ? new ShardRow() : new RejectRow { Raw = P(i + 8) };
            row.Id = Id(i);
            row.Kind = code ? "edit_sequence" : "instruction";
            row.Instruction = P(i);
            row.Input = P(i + 1);
            row.Messages = [new MessageRow { Role = "user", Content = P(i + 3) }, new MessageRow { Role = "assistant", Content = P(i + 4) }];
            string? editLine = null;
            if (code)
            {
                editLine = "# " + P(i + 2);
                row.Edits = ["@@ -0,0 +1 @@\n+x = 1", $"@@ -1,0 +2,2 @@\n+s = '{P(i + 5)}'\n+{editLine}"];
                row.Output = EditPath.Apply(row.Edits);
                row.Language = "python";
            }
            else
            {
                row.Output = P(i + 2);
            }

            row.ParentId = seed.Id;
            row.RootId = seed.Id;
            row.Operation = P(i + 5);
            row.Round = 1;
            row.Model = P(i + 6);
            row.PromptId = P(i + 7);
            row.Ifd = (i + 1) / (double)(n + 1);
            row.IcIfd = 1 - row.Ifd;
            row.Votes = Votes(P(i + 9), P(i + 10), P(i + 11));
            row.Meta = new JsonObject { ["note"] = P(i + 12), ["review_flag"] = P(i + 13) }.ToJsonString();
            row.Source = P(i + 14);
            row.Origin = P(i + 15);
            row.RunId = "planted";
            row.Step = kept ? "out" : "select";
            row.Reason = kept ? "kept_top_ic_ifd" : P(i + 16);
            if (row is RejectRow reject)
            {
                dropped[reject.Reason!] = dropped.GetValueOrDefault(reject.Reason!) + 1;
                await rejects.AppendAsync(reject, CancellationToken.None);
            }
            else
            {
                await data.AppendAsync(row, CancellationToken.None);
            }

            planted.Add(new PlantedRecord(row.Id, row.Kind, kept, row.Instruction, editLine, P(i + 10)));
        }

        var shards = (await data.CompleteAsync(CancellationToken.None)).Concat(await rejects.CompleteAsync(CancellationToken.None))
            .Select(s => new ManifestShard(Path.GetRelativePath(folder, s.Path).Replace('\\', '/'), s.Rows, s.Sha256)).ToList();
        var all = n + 1L;
        var steps = new Dictionary<string, ManifestStepCount>
        {
            ["seeds"] = new(all, all, new Dictionary<string, long>()),
            ["select"] = new(all, data.Rows, dropped),
            ["out"] = new(data.Rows, data.Rows, new Dictionary<string, long>()),
        };
        var manifest = new RunManifest("planted", new ManifestPipeline("planted", "planted.toml"), [], "", "planted", [],
            new ManifestCounts(data.Rows, rejects.Rows, steps), shards, new Dictionary<string, double> { ["seeds"] = 0.1, ["select"] = 0.2, ["out"] = 0.3 },
            new Dictionary<string, IReadOnlyDictionary<string, ScoreSummary>>());
        await ManifestJson.WriteAsync(manifest, Path.Combine(folder, "manifest.json"), CancellationToken.None);
        return planted;
    }

    private static string Votes(string method, string winner, string other)
        => new JsonObject
        {
            ["method"] = method,
            ["winner"] = 0,
            ["threshold"] = 0.5,
            ["min_pairwise"] = 0.1,
            ["candidates"] = new JsonArray(
                new JsonObject { ["model"] = other, ["output"] = winner, ["score"] = 0.9 },
                new JsonObject { ["model"] = method, ["output"] = other, ["score"] = 0.1 }),
            ["pairwise"] = new JsonArray(new JsonObject { ["a"] = 0, ["b"] = 1, ["f"] = 0.25 }),
        }.ToJsonString();

    private static string Id(int i)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("planted-" + i.ToString(CultureInfo.InvariantCulture)))[..16]);
}
