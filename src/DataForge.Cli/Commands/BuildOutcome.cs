using System.Globalization;
using System.Text;

namespace DataForge.Cli.Commands;

/// <summary>
/// What a build ended with, for schedulers: the summary line printed last on stdout
/// (<c>build status=built pipeline=default ... exit=0</c>, one <c>key=value</c> per field, values
/// with spaces quoted) and the environment of the <c>--notify</c> command.
/// </summary>
internal sealed record BuildOutcome(string Status, int ExitCode, string Pipeline)
{
    public string BuildName { get; init; } = "";

    public string BuildDirectory { get; init; } = "";

    public long Kept { get; init; }

    public long Rejected { get; init; }

    public long Added { get; init; }

    public long Removed { get; init; }

    public long Changed { get; init; }

    public int Pruned { get; init; }

    public string Diff { get; init; } = "";

    public double Seconds { get; init; }

    /// <summary>The fields, in summary-line order.</summary>
    public IReadOnlyList<(string Key, string Value)> Fields() =>
    [
        ("status", Status),
        ("pipeline", Pipeline),
        ("build", BuildName),
        ("exit", I(ExitCode)),
        ("kept", I(Kept)),
        ("rejected", I(Rejected)),
        ("added", I(Added)),
        ("removed", I(Removed)),
        ("changed", I(Changed)),
        ("pruned", I(Pruned)),
        ("seconds", Seconds.ToString("F1", CultureInfo.InvariantCulture)),
        ("dir", BuildDirectory),
    ];

    /// <summary>The summary line: <c>build key=value ...</c>.</summary>
    public string SummaryLine()
    {
        var line = new StringBuilder("build");
        foreach (var (key, value) in Fields())
        {
            line.Append(' ').Append(key).Append('=').Append(Quote(value));
        }

        return line.ToString();
    }

    /// <summary>The <c>--notify</c> command's environment: <c>DATAFORGE_BUILD_KEY</c> per field, plus the diff and the summary line.</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var variables = Fields().ToDictionary(f => $"DATAFORGE_BUILD_{(f.Key == "build" ? "ID" : f.Key.ToUpperInvariant())}", f => f.Value, StringComparer.Ordinal);
        variables["DATAFORGE_BUILD_DIFF"] = Diff;
        variables["DATAFORGE_BUILD_SUMMARY"] = SummaryLine();
        return variables;
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string value)
        => value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c == '"') ? value : $"\"{value.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
