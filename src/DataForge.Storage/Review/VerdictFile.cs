using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataForge.Core.Diagnostics;
using DataForge.Core.Review;

namespace DataForge.Storage.Review;

/// <summary>
/// Reads and writes review verdicts files (docs/verdicts.md): JSONL, one
/// <c>{"id", "verdict", "note"?, "reviewer"?, "at"?}</c> object per line, blank lines allowed, the last
/// line for an id winning. A malformed line refuses the whole file (a silently skipped reject would
/// publish what a reviewer removed): every bad line is reported at once as <c>FILE(LINE,COL): error DF1021</c>.
/// </summary>
public static partial class VerdictFile
{
    /// <summary>The usual name of a verdicts file.</summary>
    public const string DefaultName = "verdicts.jsonl";

    /// <summary>The verdicts in <paramref name="path"/>; none when the file does not exist.</summary>
    /// <param name="path">The file, named as the user gave it (errors name it so).</param>
    /// <exception cref="DataForgeConfigException">A line is malformed (every bad line is listed).</exception>
    public static ReviewVerdicts Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return File.Exists(path) ? Parse(File.ReadAllText(path, Encoding.UTF8), path) : ReviewVerdicts.Empty;
    }

    /// <summary>The verdicts in <paramref name="text"/>, the content of <paramref name="file"/>.</summary>
    /// <exception cref="DataForgeConfigException">A line is malformed (every bad line is listed).</exception>
    public static ReviewVerdicts Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var verdicts = new List<ReviewVerdict>();
        var problems = new DiagnosticBag();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (verdict, column, problem) = ParseLine(line);
            if (verdict is not null)
            {
                verdicts.Add(verdict);
            }
            else
            {
                problems.Add(new Diagnostic(DiagnosticCodes.BadVerdict, file, i + 1, column, problem!));
            }
        }

        return problems.HasErrors ? throw new DataForgeConfigException(problems.Items) : ReviewVerdicts.From(verdicts);
    }

    /// <summary>One verdict as a line of a verdicts file (without the line break); optional fields only when set.</summary>
    public static string FormatLine(ReviewVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("id", verdict.Id);
            json.WriteString("verdict", Name(verdict.Kind));
            WriteOptional(json, "note", verdict.Note);
            WriteOptional(json, "reviewer", verdict.Reviewer);
            WriteOptional(json, "at", verdict.At?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The name a verdict kind has in the file: <c>accept</c>, <c>reject</c> or <c>flag</c>.</summary>
    public static string Name(ReviewVerdictKind kind) => kind switch
    {
        ReviewVerdictKind.Accept => "accept",
        ReviewVerdictKind.Reject => "reject",
        ReviewVerdictKind.Flag => "flag",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown verdict kind"),
    };

    private static (ReviewVerdict? Verdict, int Column, string? Problem) ParseLine(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return (null, (int)(e.BytePositionInLine ?? 0) + 1, $"not valid JSON ({FirstSentence(e.Message)}); each line must be one object like {{\"id\": \"...\", \"verdict\": \"reject\"}}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Problem("not a JSON object; each line must be one object like {\"id\": \"...\", \"verdict\": \"reject\"}");
            }

            if (!TryString(root, "id", out var id) || string.IsNullOrWhiteSpace(id))
            {
                return Problem("missing \"id\": the record's id (a non-empty string, the id column of the run's shards)");
            }

            if (!TryString(root, "verdict", out var name) || name is null)
            {
                return Problem($"record {id}: missing \"verdict\" (accept, reject or flag)");
            }

            if (Kind(name) is not { } kind)
            {
                return Problem($"record {id}: unknown verdict \"{name}\" (expected accept, reject or flag)");
            }

            if (!TryString(root, "note", out var note) || !TryString(root, "reviewer", out var reviewer))
            {
                return Problem($"record {id}: \"note\" and \"reviewer\" must be strings");
            }

            if (!TryString(root, "at", out var at) || (at is not null && Time(at) is null))
            {
                return Problem($"record {id}: \"at\" must be an ISO 8601 UTC time such as 2026-01-31T12:00:00Z");
            }

            return (new ReviewVerdict(id, kind, note, reviewer, at is null ? null : Time(at)), 0, null);
        }
    }

    private static (ReviewVerdict? Verdict, int Column, string? Problem) Problem(string message) => (null, 1, message);

    // False when the property is there but neither a string nor null; value null when absent or null.
    private static bool TryString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = property.ValueKind == JsonValueKind.String ? property.GetString() : null;
        return property.ValueKind == JsonValueKind.String;
    }

    private static ReviewVerdictKind? Kind(string name) => name switch
    {
        "accept" => ReviewVerdictKind.Accept,
        "reject" => ReviewVerdictKind.Reject,
        "flag" => ReviewVerdictKind.Flag,
        _ => null,
    };

    private static DateTimeOffset? Time(string text)
        => IsoTime().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex IsoTime();
}
