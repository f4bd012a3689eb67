using System.Text;
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

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("dataforge-readers-").FullName;
    }

    public string Path { get; }

    public string Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    public string Write(string relative, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>Copies a folder of committed test data into this folder.</summary>
    public void CopyFrom(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            Write(System.IO.Path.GetRelativePath(folder, file), File.ReadAllBytes(file));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
