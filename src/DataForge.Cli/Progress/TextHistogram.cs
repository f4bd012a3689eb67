using System.Globalization;

namespace DataForge.Cli;

/// <summary>Histograms drawn with text bars.</summary>
internal static class TextHistogram
{
    private const int Width = 40;

    public static void Print(string title, IReadOnlyDictionary<string, double> counts)
    {
        if (counts.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine(title);
        var max = counts.Values.Max();
        var labelWidth = counts.Keys.Max(k => k.Length);
        foreach (var (label, value) in counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var bar = new string('#', max <= 0 ? 0 : (int)Math.Round(Width * value / max));
            Console.WriteLine($"  {label.PadRight(labelWidth)} {value.ToString(CultureInfo.InvariantCulture),8} {bar}");
        }
    }

    public static void PrintDistribution(string title, IReadOnlyList<double> values, int buckets = 10)
    {
        if (values.Count == 0)
        {
            return;
        }

        var min = values.Min();
        var max = values.Max();
        var width = max > min ? (max - min) / buckets : 1;
        var counts = new long[buckets];
        foreach (var v in values)
        {
            counts[Math.Min(buckets - 1, (int)((v - min) / width))]++;
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: n={values.Count} min={min:G4} mean={values.Average():G4} max={max:G4}"));
        var top = counts.Max();
        for (var i = 0; i < buckets; i++)
        {
            var from = min + (i * width);
            var bar = new string('#', top == 0 ? 0 : (int)Math.Round(Width * (double)counts[i] / top));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {from,10:G4} .. {from + width,-10:G4} {counts[i],8} {bar}"));
        }
    }
}
