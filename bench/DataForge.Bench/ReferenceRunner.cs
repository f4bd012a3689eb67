using System.Diagnostics;
using System.Text.Json;
using DataForge.LintSeq.Diffs;

namespace DataForge.Bench;

/// <summary>
/// Runs bench/reference_lintseq.py (a re-implementation of the reference sampler: pylint in-process, a
/// fresh <c>pylint.lint.Run</c> on a temporary file per state, one process) on the same programs and
/// seeds as DataForge's rows, and reads back its per-sequence lines and its own CPU and wall time.
/// </summary>
internal static class ReferenceRunner
{
    private const string PythonPath = "/usr/bin/python3";

    public static async Task<RunResult> RunAsync(string script, Corpus corpus, IReadOnlyList<int> programIndices, int sequences)
    {
        var input = Path.Combine(Path.GetTempPath(), $"dataforge-bench-reference-{Guid.NewGuid():N}.jsonl");
        try
        {
            await File.WriteAllLinesAsync(input, programIndices.Select(i => JsonSerializer.Serialize(new { id = corpus.Programs[i].Id, program = string.Join("\n", corpus.Programs[i].Lines) }))).ConfigureAwait(false);
            var start = new ProcessStartInfo(PythonPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { script, input, sequences.ToString(System.Globalization.CultureInfo.InvariantCulture), Runner.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {PythonPath}");
            var stderr = process.StandardError.ReadToEndAsync();
            var results = new List<SequenceResult>();
            double wall = double.NaN, cpu = double.NaN;
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                using var row = JsonDocument.Parse(line);
                var r = row.RootElement;
                if (r.TryGetProperty("total", out _))
                {
                    wall = r.GetProperty("wall_seconds").GetDouble();
                    cpu = r.GetProperty("cpu_seconds").GetDouble();
                    continue;
                }

                var fingerprint = r.GetProperty("fingerprint").GetString() ?? "";
                var index = programIndices[r.GetProperty("program").GetInt32()];
                IReadOnlySet<int>[] deletions = fingerprint.Length == 0 ? [] : [.. fingerprint.Split(';').Select(d => (IReadOnlySet<int>)d.Split(',').Select(int.Parse).ToHashSet())];
                var edits = EditPath.Inflate(corpus.Programs[index].Lines, deletions, keepEmpty: false).Count;
                results.Add(new SequenceResult(index, r.GetProperty("k").GetInt32(), r.GetProperty("lint_calls").GetInt32(), edits, r.GetProperty("seconds").GetDouble(), fingerprint));
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
            var failures = process.ExitCode == 0 ? [] : new[] { $"{Path.GetFileName(script)} exited {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim().Split('\n')[^1]}" };
            return new RunResult(results, wall, cpu, programIndices.Count, 0, failures);
        }
        finally
        {
            File.Delete(input);
        }
    }
}
