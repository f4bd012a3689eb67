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

    public static Outcome Single(this IEnumerable<Outcome> outcomes, string reason)
        => Assert.Single(outcomes, o => o.Verdict.Reason == reason);
}
