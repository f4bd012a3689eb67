using System.Globalization;

namespace DataForge.Bench;

/// <summary>The bench's command line (see bench/lintseq-bench.sh and bench/README.md).</summary>
internal sealed record Settings(
    string PythonSeeds,
    string CSharpSeeds,
    string Stdlib,
    string? StdlibModules,
    string? ReferenceScript,
    bool Quick,
    int S,
    int? SeedPrograms,
    int StdlibPrograms,
    int StdlibModulePrograms,
    int NaivePrograms,
    int NaiveS,
    int NaivePylintPrograms,
    int NaivePylintS,
    IReadOnlySet<string>? Linters,
    IReadOnlyList<string> Notes)
{
    public static Settings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var notes = new List<string>();
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick")
            {
                quick = true;
            }
            else if (args[i] == "--note" && i + 1 < args.Length)
            {
                notes.Add(args[++i]);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        string Path(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        string? Optional(string name) => values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        int Int(string name, int quickValue, int fullValue) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : quick ? quickValue : fullValue;
        int? seedPrograms = values.TryGetValue("seed-programs", out var sp) ? int.Parse(sp, CultureInfo.InvariantCulture) : quick ? 8 : null;
        return new Settings(
            Path("python-seeds"),
            Path("csharp-seeds"),
            Path("stdlib"),
            Optional("stdlib-modules"),
            Optional("reference-script"),
            quick,
            Int("s", 2, 2),
            seedPrograms,
            Int("stdlib-programs", 12, 48),
            Int("stdlib-module-programs", 2, 8),
            Int("naive-programs", 3, 10),
            Int("naive-s", 1, 2),
            Int("naive-pylint-programs", 2, 10),
            Int("naive-pylint-s", 1, 1),
            values.TryGetValue("linters", out var linters) ? linters.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) : null,
            notes);
    }
}
