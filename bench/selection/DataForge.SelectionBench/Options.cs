using System.Globalization;

namespace DataForge.SelectionBench;

/// <summary>The bench's <c>--name value</c> arguments (a name may repeat).</summary>
internal sealed class Options
{
    private readonly List<(string Name, string Value)> _pairs = [];

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        var list = args.ToList();
        for (var i = 0; i + 1 < list.Count; i += 2)
        {
            options._pairs.Add((list[i], list[i + 1]));
        }

        return options;
    }

    public IReadOnlyList<string> All(string name) => [.. _pairs.Where(p => p.Name == name).Select(p => p.Value)];

    public string One(string name, string? fallback = null)
        => (All(name) is { Count: > 0 } values ? values[^1] : null) ?? fallback ?? throw new ArgumentException($"missing {name}");

    public int Int(string name, int fallback) => int.Parse(One(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public double Double(string name, double fallback) => double.Parse(One(name, fallback.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
