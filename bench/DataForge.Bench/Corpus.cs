using System.Text.Json;
using DataForge.LintSeq.Sampling;

namespace DataForge.Bench;

/// <summary>One program of a corpus, split on '\n' as the sampler splits programs.</summary>
internal sealed record BenchProgram(string Id, string[] Lines);

/// <summary>A named list of programs of one language.</summary>
internal sealed record Corpus(string Name, string Language, IReadOnlyList<BenchProgram> Programs)
{
    public double MeanLines => Programs.Count == 0 ? 0 : Programs.Average(p => p.Lines.Length);

    /// <summary>Reads a JSONL file whose records hold the program in <c>output</c> (fenced blocks unwrapped, as the LintSeq step does).</summary>
    public static Corpus Load(string name, string path, string language, int? take)
    {
        var programs = new List<BenchProgram>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            if (!document.RootElement.TryGetProperty("output", out var output) || output.GetString() is not { Length: > 0 } text)
            {
                continue;
            }

            var id = document.RootElement.TryGetProperty("instruction", out var instruction) && instruction.GetString() is { } i
                ? $"{Path.GetFileName(path)}:{lineNumber}:{i}"
                : $"{Path.GetFileName(path)}:{lineNumber}";
            programs.Add(new BenchProgram(id, ChainOfThought.Strip(text, language).Split('\n')));
            if (take is { } n && programs.Count >= n)
            {
                break;
            }
        }

        return new Corpus(name, language, programs);
    }

    /// <summary>A corpus of <paramref name="count"/> of these programs, spread evenly (all when there are fewer).</summary>
    public Corpus Spread(int count) => this with { Programs = [.. EvenSubset(count).Select(i => Programs[i])] };

    /// <summary><paramref name="count"/> programs spread evenly over the corpus (deterministic), with their indices.</summary>
    public IReadOnlyList<int> EvenSubset(int count)
    {
        if (count >= Programs.Count)
        {
            return [.. Enumerable.Range(0, Programs.Count)];
        }

        return [.. Enumerable.Range(0, count).Select(i => (int)((long)i * Programs.Count / count)).Distinct()];
    }
}
