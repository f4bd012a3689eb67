using System.Text.Json;

namespace DataForge.LintSeq.Tests.Roslyn;

/// <summary>The C# seed programs of the repository (<c>seeds/programs/csharp.jsonl</c>, field <c>output</c>).</summary>
internal static class CSharpSeedPrograms
{
    private static readonly Lazy<IReadOnlyList<string>> Programs = new(Load);

    public static IReadOnlyList<string> All => Programs.Value;

    private static IReadOnlyList<string> Load()
    {
        var path = FindUp(Path.Combine("seeds", "programs", "csharp.jsonl"));
        return
        [
            .. File.ReadLines(path)
                .Where(line => !string.IsNullOrWhiteSpace(line))
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("output").GetString()!),
        ];
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
