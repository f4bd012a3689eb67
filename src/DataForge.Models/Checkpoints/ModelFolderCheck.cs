using System.Text.Json;
using DataForge.Models.Tokenization;

namespace DataForge.Models.Checkpoints;

/// <summary>
/// Checks a Hugging Face checkpoint folder before anything loads it, without TorchSharp:
/// <c>config.json</c> is JSON with the keys the decoder needs, <c>tokenizer.json</c> loads, and the
/// <c>*.safetensors</c> headers fit their files and the shapes the config implies.
/// </summary>
public static class ModelFolderCheck
{
    private static readonly string[] RequiredKeys = ["vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads"];

    /// <summary>Every problem found in <paramref name="folder"/>; empty when the folder looks loadable.</summary>
    public static IReadOnlyList<ModelFolderProblem> Check(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var problems = new List<ModelFolderProblem>();
        var shapes = CheckConfig(folder, problems);
        CheckTokenizer(folder, problems);
        SafetensorsHeaderCheck.Check(folder, shapes, problems);
        return problems;
    }

    private static ModelShapes? CheckConfig(string folder, List<ModelFolderProblem> problems)
    {
        var path = Path.Combine(folder, "config.json");
        if (!File.Exists(path))
        {
            problems.Add(new(path, 0, 0, "config.json is missing: a checkpoint folder needs the model's config.json (copy it from where the weights came from)"));
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new(path, 1, 1, "config.json must be a JSON object"));
                return null;
            }

            var values = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var key in RequiredKeys.Concat(["num_key_value_heads", "head_dim"]))
            {
                if (Integer(document.RootElement, key, path, bytes, problems) is { } value)
                {
                    values[key] = value;
                }
            }

            foreach (var key in RequiredKeys.Where(k => !document.RootElement.TryGetProperty(k, out _)))
            {
                problems.Add(new(path, 0, 0, $"'{key}' is missing; the decoder needs {string.Join(", ", RequiredKeys)}"));
            }

            return RequiredKeys.All(values.ContainsKey) ? ModelShapes.From(values) : null;
        }
        catch (JsonException e)
        {
            problems.Add(new(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, $"config.json is not valid JSON: {e.Message}"));
            return null;
        }
    }

    private static long? Integer(JsonElement root, string key, string path, byte[] bytes, List<ModelFolderProblem> problems)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number > 0)
        {
            return number;
        }

        var (line, column) = JsonLines.Find(bytes, key);
        problems.Add(new(path, line, column, $"'{key}' must be a positive integer, not {value.GetRawText()}"));
        return null;
    }

    private static void CheckTokenizer(string folder, List<ModelFolderProblem> problems)
    {
        var path = Path.Combine(folder, HfTokenizer.TokenizerFileName);
        if (!File.Exists(path))
        {
            problems.Add(new(path, 0, 0, "tokenizer.json is missing: a checkpoint folder needs the tokenizer the weights were trained with"));
            return;
        }

        try
        {
            _ = HfTokenizer.Load(folder);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or JsonException or ArgumentException or InvalidOperationException)
        {
            var message = e.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? e.Message[(path.Length + 2)..] : e.Message;
            problems.Add(new(path, 0, 0, $"the tokenizer does not load: {message}"));
        }
    }
}
