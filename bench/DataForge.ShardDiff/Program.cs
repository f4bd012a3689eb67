// Compares two Parquet files row by row (in file order): every value must be equal, except numbers —
// floating-point columns, and numbers inside JSON text such as meta — which may differ by at most
// the given relative tolerance. Prints one line: "same", "within TOL (max relative difference X in
// COLUMNS)", or the first difference; exits 0 when the files agree within the tolerance.
//
//   DataForge.ShardDiff A.parquet B.parquet [TOLERANCE=1e-6]
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;

if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: DataForge.ShardDiff A.parquet B.parquet [TOLERANCE]");
    return 2;
}

var tolerance = args.Length == 3 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1e-6;
var left = Read(args[0]);
var right = Read(args[1]);
if (!left.Columns.SequenceEqual(right.Columns))
{
    Console.WriteLine($"columns differ: {string.Join(",", left.Columns)} vs {string.Join(",", right.Columns)}");
    return 1;
}

if (left.Rows.Count != right.Rows.Count)
{
    Console.WriteLine($"row counts differ: {left.Rows.Count} vs {right.Rows.Count}");
    return 1;
}

var worst = 0.0;
var loose = new SortedSet<string>(StringComparer.Ordinal);
for (var r = 0; r < left.Rows.Count; r++)
{
    for (var c = 0; c < left.Columns.Count; c++)
    {
        var (a, b) = (left.Rows[r][c], right.Rows[r][c]);
        if (Equals(a, b))
        {
            continue;
        }

        var difference = Difference(a, b);
        if (difference is not { } d || d > tolerance)
        {
            Console.WriteLine($"row {r}, column {left.Columns[c]}: {a} vs {b}");
            return 1;
        }

        worst = Math.Max(worst, d);
        loose.Add(left.Columns[c]);
    }
}

Console.WriteLine(loose.Count == 0 ? "same" : string.Create(CultureInfo.InvariantCulture, $"within {tolerance:G3} (max relative difference {worst:G3} in {string.Join(", ", loose)})"));
return 0;

static (List<string> Columns, List<object?[]> Rows) Read(string path)
{
    using var connection = new DuckDBConnection("DataSource=:memory:");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = $"SELECT * FROM read_parquet('{path.Replace("'", "''", StringComparison.Ordinal)}')";
    using var reader = command.ExecuteReader();
    var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
    var rows = new List<object?[]>();
    while (reader.Read())
    {
        var row = new object?[reader.FieldCount];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = reader.IsDBNull(i) ? null : Normalize(reader.GetValue(i));
        }

        rows.Add(row);
    }

    return (columns, rows);
}

// Lists and maps become their JSON text, so they compare like meta.
static object Normalize(object value) => value switch
{
    string or double or float or long or int or bool => value,
    _ => JsonSerializer.Serialize(value),
};

// The largest relative difference between two numbers, or between the numbers of two JSON texts of the
// same shape; null when the values differ otherwise.
static double? Difference(object? a, object? b) => (a, b) switch
{
    (double x, double y) => Relative(x, y),
    (float x, float y) => Relative(x, y),
    (string x, string y) => JsonDifference(x, y),
    _ => null,
};

static double? JsonDifference(string a, string b)
{
    try
    {
        using var x = JsonDocument.Parse(a);
        using var y = JsonDocument.Parse(b);
        return Walk(x.RootElement, y.RootElement);
    }
    catch (JsonException)
    {
        return null;
    }
}

static double? Walk(JsonElement a, JsonElement b)
{
    if (a.ValueKind != b.ValueKind)
    {
        return null;
    }

    switch (a.ValueKind)
    {
        case JsonValueKind.Number:
            return Relative(a.GetDouble(), b.GetDouble());
        case JsonValueKind.String when a.GetString() is { } s && b.GetString() is { } t:
            return s == t ? 0 : JsonDifference(s, t) ?? (double.TryParse(s, CultureInfo.InvariantCulture, out var m) && double.TryParse(t, CultureInfo.InvariantCulture, out var n) ? Relative(m, n) : null);
        case JsonValueKind.Object:
            var left = a.EnumerateObject().ToList();
            var right = b.EnumerateObject().ToList();
            if (left.Count != right.Count || left.Zip(right).Any(p => p.First.Name != p.Second.Name))
            {
                return null;
            }

            return Max(left.Zip(right).Select(p => Walk(p.First.Value, p.Second.Value)));
        case JsonValueKind.Array:
            var items = a.EnumerateArray().ToList();
            var others = b.EnumerateArray().ToList();
            return items.Count == others.Count ? Max(items.Zip(others).Select(p => Walk(p.First, p.Second))) : null;
        default:
            return a.GetRawText() == b.GetRawText() ? 0 : null;
    }
}

static double? Max(IEnumerable<double?> values)
{
    var worst = 0.0;
    foreach (var value in values)
    {
        if (value is not { } v)
        {
            return null;
        }

        worst = Math.Max(worst, v);
    }

    return worst;
}

static double Relative(double x, double y)
    => x == y || (double.IsNaN(x) && double.IsNaN(y)) ? 0 : Math.Abs(x - y) / Math.Max(Math.Abs(x), Math.Abs(y));
