using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DataForge.Scoring.Less;

/// <summary>
/// The target examples of a LESS selection, grouped by subtask: a JSONL file with one object per
/// line, <c>instruction</c> and <c>output</c> (strings, required), <c>input</c> (string, optional)
/// and <c>subtask</c> (string, optional; without it an example belongs to the group <c>default</c>).
/// Blank lines are skipped and other keys ignored.
/// </summary>
public sealed class LessTargetSet
{
    /// <summary>The subtask of examples that name none.</summary>
    public const string DefaultSubtask = "default";

    private LessTargetSet(IReadOnlyList<LessTarget> examples, string sha256)
    {
        Examples = examples;
        Subtasks = [.. examples.Select(e => e.Subtask).Distinct(StringComparer.Ordinal)];
        Sha256 = sha256;
    }

    /// <summary>The examples, in file order.</summary>
    public IReadOnlyList<LessTarget> Examples { get; }

    /// <summary>The subtask names, in order of first appearance.</summary>
    public IReadOnlyList<string> Subtasks { get; }

    /// <summary>Hash of the examples' content: part of the step's cache key.</summary>
    public string Sha256 { get; }

    /// <summary>A set made in code (tests, library use).</summary>
    /// <exception cref="ArgumentException">No examples.</exception>
    public static LessTargetSet Of(IReadOnlyList<LessTarget> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new ArgumentException("a target set needs at least one example", nameof(examples));
        }

        return new LessTargetSet(examples, Hash(examples));
    }

    /// <summary>Parses a target file's text; every bad line is reported, and the set is null when any is.</summary>
    public static (LessTargetSet? Set, IReadOnlyList<LessTargetProblem> Problems) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var examples = new List<LessTarget>();
        var problems = new List<LessTargetProblem>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (example, problem) = ParseLine(line, i + 1);
            if (example is not null)
            {
                examples.Add(example);
            }
            else
            {
                problems.Add(new LessTargetProblem(i + 1, problem!));
            }
        }

        if (examples.Count == 0 && problems.Count == 0)
        {
            problems.Add(new LessTargetProblem(0, "no target examples (one JSON object per line with instruction and output)"));
        }

        return problems.Count > 0 ? (null, problems) : (new LessTargetSet(examples, Hash(examples)), problems);
    }

    private static (LessTarget? Example, string? Problem) ParseLine(string line, int number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return (null, $"not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "not a JSON object");
            }

            var (instruction, a) = Field(root, "instruction", required: true);
            var (output, b) = Field(root, "output", required: true);
            var (input, c) = Field(root, "input", required: false);
            var (subtask, d) = Field(root, "subtask", required: false);
            var problem = a ?? b ?? c ?? d;
            return problem is not null
                ? (null, problem)
                : (new LessTarget(instruction!, input, output!, string.IsNullOrWhiteSpace(subtask) ? DefaultSubtask : subtask, number), null);
        }
    }

    private static (string? Value, string? Problem) Field(JsonElement root, string name, bool required)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? (null, $"missing '{name}'") : (null, null);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return (null, $"'{name}' must be a string");
        }

        var text = value.GetString()!;
        return required && name == "instruction" && string.IsNullOrWhiteSpace(text) ? (null, "empty 'instruction'") : (text, null);
    }

    // The content that decides the scores (not the file's layout): each example's fields, in order.
    private static string Hash(IEnumerable<LessTarget> examples)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', examples.Select(e => JsonSerializer.Serialize(new[] { e.Instruction, e.Input, e.Output, e.Subtask }))))));
}
