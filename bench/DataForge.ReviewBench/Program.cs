// Usage: DataForge.ReviewBench RUN_FOLDER N
//        DataForge.ReviewBench --decode RUN_FOLDER
// A synthetic run folder of N records (70% kept, 30% rejected; instructions and edit sequences; four
// records per seed; IFD / IC-IFD / LESS scores) written with ParquetShardWriter, plus its manifest.json.
// With --decode: the baseline, every shard of RUN_FOLDER decoded once with the columns the index reads.
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DataForge.Core.Records;
using DataForge.Storage.Runs;
using DataForge.Storage.Shards;

if (args[0] == "--decode")
{
    await DataForge.ReviewBench.DecodeBaseline.RunAsync(Path.GetFullPath(args[1]));
    return;
}

var folder = Path.GetFullPath(args[0]);
var count = long.Parse(args[1], CultureInfo.InvariantCulture);
var random = new Random(7);
string[] words = ["sort", "list", "parse", "file", "value", "return", "number", "string", "python", "function", "write", "read", "count", "error", "table", "graph", "tree", "node", "merge", "split"];
string[] reasons = ["below_budget", "near_duplicate", "too_long", "no_consensus"];
string[] operations = ["deepen", "concretize", "constraints", "reasoning", "breadth"];
string Text(int n)
{
    var text = new StringBuilder();
    for (var i = 0; i < n; i++)
    {
        text.Append(words[random.Next(words.Length)]).Append(' ');
    }

    return text.ToString();
}

string Id(long i) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))[..16]);

var data = new ParquetShardWriter<ShardRow>(Path.Combine(folder, "data"), "train", ShardWriterOptions.Default);
var rejects = new ParquetShardWriter<RejectRow>(Path.Combine(folder, "rejects"), "rejects", ShardWriterOptions.Default);
var reasonCounts = reasons.ToDictionary(r => r, _ => 0L);
for (long i = 0; i < count; i++)
{
    var code = i % 5 == 4;
    var kept = random.NextDouble() < 0.7;
    var root = Id(i - (i % 4));
    var row = kept ? new ShardRow() : new RejectRow { Raw = Text(30) };
    row.Id = Id(i);
    row.Kind = code ? "edit_sequence" : "instruction";
    row.Instruction = Text(12);
    row.Output = Text(10 + random.Next(60));
    row.Language = code ? (i % 2 == 0 ? "python" : "csharp") : null;
    row.RootId = i % 4 == 0 ? null : root;
    row.ParentId = i % 4 == 0 ? null : root;
    row.Operation = i % 4 == 0 ? null : operations[random.Next(operations.Length)];
    row.Round = i % 4 == 0 ? null : 1;
    row.Model = i % 4 == 0 ? null : "tiny@0123456789abcdef";
    row.Ifd = random.NextDouble();
    row.IcIfd = random.NextDouble();
    row.Less = random.NextDouble() - 0.5;
    row.RunId = "bench";
    row.Step = kept ? "out" : "select";
    row.Reason = kept ? "kept_top_ic_ifd" : reasons[random.Next(reasons.Length)];
    if (row is RejectRow reject)
    {
        reasonCounts[reject.Reason!]++;
        await rejects.AppendAsync(reject, CancellationToken.None);
    }
    else
    {
        await data.AppendAsync(row, CancellationToken.None);
    }
}

var shards = (await data.CompleteAsync(CancellationToken.None)).Concat(await rejects.CompleteAsync(CancellationToken.None))
    .Select(s => new ManifestShard(Path.GetRelativePath(folder, s.Path).Replace('\\', '/'), s.Rows, s.Sha256)).ToList();
var steps = new Dictionary<string, ManifestStepCount>
{
    ["seeds"] = new(count, count, new Dictionary<string, long>()),
    ["select"] = new(count, data.Rows, reasonCounts),
    ["out"] = new(data.Rows, data.Rows, new Dictionary<string, long>()),
};
var manifest = new RunManifest("bench", new ManifestPipeline("bench", "bench.toml"), [], "", "bench", [],
    new ManifestCounts(data.Rows, rejects.Rows, steps), shards, new Dictionary<string, double> { ["seeds"] = 1, ["select"] = 2, ["out"] = 3 },
    new Dictionary<string, IReadOnlyDictionary<string, ScoreSummary>>());
await ManifestJson.WriteAsync(manifest, Path.Combine(folder, "manifest.json"), CancellationToken.None);
Console.WriteLine($"{count} records: {data.Rows} kept, {rejects.Rows} rejected -> {folder}");
