using System.Text.Json;

namespace DataForge.LintSeq.Tests.Conformance;

/// <summary>The reference implementation's vectors, kept in <c>Data/Conformance/lintseq</c> (its README explains the fields).</summary>
internal static class ConformanceVectors
{
    public static string Folder { get; } = FindFolder();

    public static IEnumerable<string> Names => Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static JsonElement Load(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json"))).RootElement;

    public static int[] Ints(this JsonElement element) => [.. element.EnumerateArray().Select(e => e.GetInt32())];

    // The vectors travel with the tests (Data/Conformance/lintseq, copied from the shared conformance
    // folder with its README), so a clone of the repository alone can run them.
    private static string FindFolder()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", "Conformance", "lintseq");
        return Directory.Exists(folder) ? folder : throw new DirectoryNotFoundException(folder);
    }
}
