using System.Text.Json;

namespace DataForge.LintSeq.Tests.Conformance;

/// <summary>The reference implementation's vectors in <c>shared/conformance/lintseq/</c> (its README explains the fields).</summary>
internal static class ConformanceVectors
{
    public static string Folder { get; } = FindFolder();

    public static IEnumerable<string> Names => Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static JsonElement Load(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json"))).RootElement;

    public static int[] Ints(this JsonElement element) => [.. element.EnumerateArray().Select(e => e.GetInt32())];

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "lintseq");
            if (File.Exists(Path.Combine(dir.FullName, "DataForge.sln")) && Directory.Exists(Path.Combine(dir.Parent!.FullName, "shared", "conformance", "lintseq")))
            {
                return Path.Combine(dir.Parent!.FullName, "shared", "conformance", "lintseq");
            }

            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/conformance/lintseq not found beside the repository");
    }
}
