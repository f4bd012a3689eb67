using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Storage.Readers;
using Xunit;

namespace DataForge.EndToEnd.Tests;

/// <summary>Helpers of the <c>dataforge export</c> tests: the kept rows as DuckDB reads them, an export, and a read back.</summary>
internal static class ExportKit
{
    /// <summary>The kept rows of a run folder, shard by shard in path order and row by row, read with DuckDB.</summary>
    public static List<KeptRow> KeptRows(string runDirectory)
    {
        using var manifest = RunFolderAssert.Manifest(runDirectory);
        var shards = manifest.RootElement.GetProperty("shards").EnumerateArray()
            .Select(s => s.GetProperty("path").GetString()!)
            .Where(p => p.StartsWith("data/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        var rows = new List<KeptRow>();
        foreach (var shard in shards)
        {
            var path = Path.Combine(runDirectory, shard);
            rows.AddRange(RunFolderAssert.Rows($"SELECT kind, instruction, input, output, CAST(to_json(messages) AS VARCHAR), CAST(to_json(edits) AS VARCHAR) FROM read_parquet('{path}')")
                .Select(r => new KeptRow((string)r[0]!, (string?)r[1], (string?)r[2], (string?)r[3], Messages((string?)r[4]), Strings((string?)r[5]))));
        }

        return rows;
    }

    /// <summary>Runs <c>dataforge export</c> into <paramref name="file"/>; returns the CLI's result.</summary>
    public static async Task<CliResult> ExportAsync(string runDirectory, string file, params string[] options)
    {
        var result = await CliRunner.RunAsync(CliRunner.RepoRoot, ["export", runDirectory, .. options, "--out", file]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>Every record of an exported file as DataForge's own reader reads it; a reject fails the test.</summary>
    public static async Task<List<Sample>> ReadBackAsync(string file)
    {
        var samples = new List<Sample>();
        await foreach (var outcome in RecordReader.ReadAsync(file, RecordReaderOptions.Default, CancellationToken.None))
        {
            Assert.True(outcome.Verdict.Kept, $"{outcome.Sample.Source}: {outcome.Verdict.Reason} {outcome.Raw}");
            samples.Add(outcome.Sample);
        }

        return samples;
    }

    /// <summary>The user's turn an Alpaca record becomes: the instruction, then the input after a blank line.</summary>
    public static string Prompt(KeptRow row)
        => string.IsNullOrEmpty(row.Input) ? row.Instruction ?? "" : $"{row.Instruction}\n\n{row.Input}";

    /// <summary>The <c>text</c> field of each line of an exported file.</summary>
    public static List<string> Texts(string file)
        => [.. File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)];

    private static List<ChatMessage>? Messages(string? json)
        => json is null ? null : [.. JsonDocument.Parse(json).RootElement.EnumerateArray().Select(m => new ChatMessage(m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!))];

    private static List<string>? Strings(string? json)
        => json is null ? null : [.. JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.GetString()!)];
}

/// <summary>One kept row: the columns an export reads.</summary>
internal sealed record KeptRow(string Kind, string? Instruction, string? Input, string? Output, List<ChatMessage>? Messages, List<string>? Edits);
