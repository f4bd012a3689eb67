using System.Text.Json;

namespace DataForge.LintSeq.Tests.Roslyn;

/// <summary>The C# seed programs of the repository (<c>seeds/programs/csharp.jsonl</c>, field <c>output</c>).</summary>
internal static class CSharpSeedPrograms
{
    private static readonly Lazy<IReadOnlyList<string>> Programs = new(Load);

    public static IReadOnlyList<string> All => Programs.Value;

    private static IReadOnlyList<string> Load()
    {
        var path = DataForge.Testing.RepoPaths.Combine("seeds", "programs", "csharp.jsonl");
        return
        [
            .. File.ReadLines(path)
                .Where(line => !string.IsNullOrWhiteSpace(line))
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("output").GetString()!),
        ];
    }
}
