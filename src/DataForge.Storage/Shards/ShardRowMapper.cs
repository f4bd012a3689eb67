using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataForge.Core.Records;

namespace DataForge.Storage.Shards;

/// <summary>Maps records to shard rows. Scores with a column go there; everything else goes into the <c>meta</c> JSON.</summary>
public static class ShardRowMapper
{
    private static readonly HashSet<string> ScoreColumns = ["ifd", "ic_ifd", "less", "s2l_cluster"];

    // Text stays readable (non-ASCII letters as they are); quotes and control characters are still escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A data row.</summary>
    public static ShardRow ToRow(Sample sample, string runId) => Fill(new ShardRow(), sample, runId);

    /// <summary>A rejects row.</summary>
    public static RejectRow ToRejectRow(Sample sample, string runId)
    {
        var row = Fill(new RejectRow(), sample, runId);
        row.Raw = sample.Raw;
        return row;
    }

    private static T Fill<T>(T row, Sample s, string runId)
        where T : ShardRow
    {
        row.Id = s.Id;
        row.Kind = s.Kind;
        row.Instruction = s.Instruction;
        row.Input = s.Input;
        row.Output = s.Output;
        row.Messages = s.Messages is { } m ? [.. m.Select(x => new MessageRow { Role = x.Role, Content = x.Content })] : null;
        row.Language = s.Language;
        row.Edits = s.Edits is { } e ? [.. e] : null;
        row.ParentId = s.ParentId;
        row.RootId = s.RootId;
        row.Operation = s.Operation;
        row.Round = s.Round;
        row.Model = s.Model;
        row.PromptId = s.PromptId;
        row.Ifd = Score(s, "ifd");
        row.IcIfd = Score(s, "ic_ifd");
        row.Less = Score(s, "less");
        row.S2lCluster = Score(s, "s2l_cluster") is { } c ? (int)c : null;
        row.Votes = s.Votes;
        row.Meta = MetaJson(s);
        row.Source = s.Source;
        row.Origin = s.Origin;
        row.RunId = runId;
        row.Step = s.Step;
        row.Reason = s.Reason;
        return row;
    }

    private static double? Score(Sample s, string name) => s.Scores.TryGetValue(name, out var v) ? v : null;

    /// <summary>The <c>meta</c> column: one JSON object of the sorted metadata with their JSON types, plus scores without a column under <c>scores</c>. Null when empty.</summary>
    public static string? MetaJson(Sample s)
    {
        var extraScores = s.Scores.Where(kv => !ScoreColumns.Contains(kv.Key)).ToList();
        if (s.Meta.Count == 0 && extraScores.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            foreach (var (key, value) in s.Meta)
            {
                json.WritePropertyName(key);
                value.WriteTo(json);
            }

            if (extraScores.Count > 0)
            {
                json.WriteStartObject("scores");
                foreach (var (key, value) in extraScores)
                {
                    // Round-trip formatting keeps the text identical across runs.
                    json.WritePropertyName(key);
                    if (double.IsFinite(value))
                    {
                        json.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
