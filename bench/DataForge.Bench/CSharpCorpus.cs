using System.Globalization;
using System.Text;
using System.Text.Json;
using DataForge.LintSeq.Languages;
using DataForge.LintSeq.Linters.Roslyn;

namespace DataForge.Bench;

/// <summary>
/// The real-files C# corpus (bench/lintseq-csharp-corpus.sh): <c>--make-csharp-corpus FOLDER OUT</c> walks the
/// <c>.cs</c> files under FOLDER (a restored source-only package) in ordinal path order and writes a JSONL row
/// (<c>instruction</c> = the file's path under FOLDER, <c>output</c> = its text, <c>language</c> = csharp) for each
/// distinct file that has 20–163 lines, at least 10 candidate lines, and compiles alone under DataForge's Roslyn
/// linter (.NET 10 reference assemblies, the implicit usings of a console project). A BOM is dropped and CRLF
/// becomes LF, as DataForge's code-file reader does. <c>--csharp-corpus FILE</c> adds its row to the bench.
/// </summary>
internal static class CSharpCorpus
{
    /// <summary>The fewest and most lines a kept file has (a final newline does not count as a line).</summary>
    public const int MinLines = 20;

    /// <summary>The most lines a kept file has.</summary>
    public const int MaxLines = 163;

    /// <summary>The fewest candidate lines (lines that may start a deletion) a kept file has.</summary>
    public const int MinCandidates = 10;

    /// <summary>True when <paramref name="args"/> ask for the corpus to be made rather than for a bench run.</summary>
    public static bool IsMakeCommand(string[] args) => args.Length > 0 && args[0] == "--make-csharp-corpus";

    /// <summary>The <c>--csharp-corpus</c> file, or null.</summary>
    public static string? PathFrom(string[] args)
    {
        var at = Array.IndexOf(args, "--csharp-corpus");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>Writes the corpus; returns the exit code.</summary>
    public static async Task<int> MakeAsync(string[] args)
    {
        if (args.Length != 3)
        {
            await Console.Error.WriteLineAsync("usage: DataForge.Bench --make-csharp-corpus FOLDER OUT.jsonl").ConfigureAwait(false);
            return 2;
        }

        var (folder, output) = (Path.GetFullPath(args[1]), args[2]);
        var linter = RoslynLinter.Create();
        var rules = new CSharpRules();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<(string Name, string Text, int Lines)>();
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file).ConfigureAwait(false)).TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);
            var reason = await ReasonToSkipAsync(text, seen, linter, rules).ConfigureAwait(false);
            counts[reason ?? "kept"] = counts.GetValueOrDefault(reason ?? "kept") + 1;
            if (reason is null)
            {
                kept.Add((Path.GetRelativePath(folder, file), text, LineCount(text)));
            }
        }

        await using (var writer = new StreamWriter(output, append: false, new UTF8Encoding(false)))
        {
            foreach (var (name, text, _) in kept)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["instruction"] = name, ["output"] = text, ["language"] = "csharp" })).ConfigureAwait(false);
            }
        }

        var mean = kept.Count == 0 ? 0 : kept.Average(k => k.Lines);
        var summary = string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
        var note = string.Create(CultureInfo.InvariantCulture, $"C# real files: {kept.Count} distinct .cs files of {MinLines}-{MaxLines} lines (mean {mean:F0}) with at least {MinCandidates} candidate lines that compile alone with the implicit usings, from {files.Count} files under {folder} ({summary}), taken at bench time.");
        await File.WriteAllTextAsync(output + ".note", note).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"lintseq-bench: {note}").ConfigureAwait(false);
        return kept.Count > 0 ? 0 : 1;
    }

    private static async Task<string?> ReasonToSkipAsync(string text, HashSet<string> seen, RoslynLinter linter, CSharpRules rules)
    {
        var lines = LineCount(text);
        if (lines is < MinLines or > MaxLines)
        {
            return "length";
        }

        if (!seen.Add(text))
        {
            return "duplicate";
        }

        if (rules.Analyze(text.Split('\n'), 1.0).Candidates.Count < MinCandidates)
        {
            return "few_candidates";
        }

        var errors = await linter.LintAsync(text, CancellationToken.None).ConfigureAwait(false);
        return errors.Count > 0 ? "does_not_compile" : null;
    }

    private static int LineCount(string text)
    {
        var lines = text.Split('\n').Length;
        return text.EndsWith('\n') ? lines - 1 : lines;
    }
}
