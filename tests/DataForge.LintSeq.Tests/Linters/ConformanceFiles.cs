using System.Text.Json;

namespace DataForge.LintSeq.Tests.Linters;

/// <summary>The LintSeq conformance vectors (the reference's vectors, kept in <c>Data/Conformance/lintseq</c>).</summary>
internal static class ConformanceFiles
{
    public static string Folder => Conformance.ConformanceVectors.Folder;

    public static IReadOnlyList<string> Files =>
        [.. Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal)];

    public static JsonDocument Load(string path) => JsonDocument.Parse(File.ReadAllBytes(path));

    /// <summary>(line, msg_id) pairs of a conformance message list.</summary>
    public static HashSet<(int Line, string Code)> Expected(JsonElement messages) =>
        [.. messages.EnumerateArray().Select(m => (m.GetProperty("line").GetInt32(), m.GetProperty("msg_id").GetString()!))];

    /// <summary>Every program a closure step linted, with its counted messages.</summary>
    public static IEnumerable<(string Name, string Program, HashSet<(int, string)> Expected)> ClosureSteps(string path)
    {
        using var doc = Load(path);
        var lines = doc.RootElement.GetProperty("program").GetString()!.Split('\n');
        var name = Path.GetFileNameWithoutExtension(path);
        var result = new List<(string, string, HashSet<(int, string)>)>();
        foreach (var closure in doc.RootElement.GetProperty("closure").EnumerateArray())
        {
            var seed = closure.GetProperty("line").GetInt32();
            foreach (var step in closure.GetProperty("steps").EnumerateArray())
            {
                var deleted = step.GetProperty("deleted").EnumerateArray().Select(e => e.GetInt32()).ToHashSet();
                var program = string.Join('\n', lines.Where((_, i) => !deleted.Contains(i)));
                result.Add(($"{name} seed {seed}", program, Expected(step.GetProperty("messages"))));
            }
        }

        return result;
    }
}
