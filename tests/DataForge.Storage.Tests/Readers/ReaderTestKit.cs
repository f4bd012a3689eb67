using DataForge.Core.Steps;
using DataForge.Storage.Readers;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>Helpers shared by the reader tests: a temporary folder, reading everything, summarising rejects.</summary>
internal static class ReaderTestKit
{
    public static async Task<List<Outcome>> ReadAllAsync(string path, RecordReaderOptions? options = null)
    {
        var outcomes = new List<Outcome>();
        await foreach (var outcome in RecordReader.ReadAsync(path, options ?? RecordReaderOptions.Default, CancellationToken.None))
        {
            outcomes.Add(outcome);
        }

        return outcomes;
    }

    public static List<Outcome> Kept(this IEnumerable<Outcome> outcomes) => [.. outcomes.Where(o => o.Verdict.Kept)];

    public static List<Outcome> Rejected(this IEnumerable<Outcome> outcomes) => [.. outcomes.Where(o => !o.Verdict.Kept)];

    /// <summary>"source → reason" of every reject, in order.</summary>
    public static List<string> RejectSummary(this IEnumerable<Outcome> outcomes)
        => [.. outcomes.Rejected().Select(o => $"{o.Sample.Source} {o.Verdict.Reason}")];

    /// <summary>Every field of an outcome's record as one line, <paramref name="rename"/> applied to its source file name.</summary>
    public static string Fingerprint(this Outcome outcome, Func<string, string>? rename = null)
    {
        var s = outcome.Sample;
        var messages = s.Messages is { } list ? string.Join(" | ", list.Select(m => $"{m.Role}: {m.Content}")) : "<none>";
        var meta = string.Join(", ", s.Meta.Select(m => $"{m.Key}={m.Value}"));
        var source = rename is null ? s.Source : rename(s.Source!);
        return $"{outcome.Verdict.Kept} {outcome.Verdict.Reason} {s.Id} {s.Kind} {source} {s.Origin} [{s.Instruction}] [{s.Input}] [{s.Output}] [{s.Language}] [{messages}] {s.RootId} {s.Round} {meta} {outcome.Raw}";
    }

    public static Outcome Single(this IEnumerable<Outcome> outcomes, string reason)
        => Assert.Single(outcomes, o => o.Verdict.Reason == reason);
}
