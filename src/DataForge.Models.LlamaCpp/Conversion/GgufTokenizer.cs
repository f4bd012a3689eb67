using System.Text.Json;
using DataForge.Models.Tokenization;

namespace DataForge.Models.LlamaCpp.Conversion;

/// <summary>
/// The <c>tokenizer.ggml.*</c> metadata of a byte-level BPE <c>tokenizer.json</c>: the tokens by id
/// (ids the tokenizer leaves unused, up to the embedding's rows, become <c>[PADn]</c> of type unused),
/// their types (normal; control for added tokens marked special; user-defined for other added
/// tokens), the merges, and llama.cpp's name of the pre-tokenizer (see <see cref="PreTokenizerName"/>).
/// </summary>
internal sealed record GgufTokenizer(IReadOnlyList<string> Tokens, IReadOnlyList<int> TokenTypes, IReadOnlyList<string> Merges, string PreTokenizer, string Json)
{
    private const int Normal = 1;
    private const int Control = 3;
    private const int UserDefined = 4;
    private const int Unused = 5;

    // The Split regexes of the Qwen2 and Llama 3 tokenizers, as their tokenizer.json spells them.
    private const string Qwen2Regex = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";
    private const string Llama3Regex = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>Reads <c>tokenizer.json</c> of <paramref name="folder"/> for an embedding of <paramref name="rows"/> rows.</summary>
    /// <exception cref="InvalidDataException">An id is beyond the embedding, or the pre-tokenizer is not one llama.cpp knows.</exception>
    public static GgufTokenizer Read(string folder, int rows)
    {
        var path = Path.Combine(folder, HfTokenizer.TokenizerFileName);
        var json = File.ReadAllText(path);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var model = root.GetProperty("model");
        var tokens = new string?[rows];
        var types = new int[rows];
        foreach (var entry in model.GetProperty("vocab").EnumerateObject())
        {
            Place(tokens, types, entry.Value.GetInt32(), entry.Name, Normal, path);
        }

        if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in added.EnumerateArray())
            {
                var special = token.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True;
                Place(tokens, types, token.GetProperty("id").GetInt32(), token.GetProperty("content").GetString() ?? "", special ? Control : UserDefined, path);
            }
        }

        for (var id = 0; id < rows; id++)
        {
            if (tokens[id] is null)
            {
                tokens[id] = $"[PAD{id}]";
                types[id] = Unused;
            }
        }

        var merges = model.TryGetProperty("merges", out var m) ? m.EnumerateArray().Select(Merge).ToList() : [];
        return new GgufTokenizer([.. tokens.Select(t => t!)], types, merges, PreTokenizerName(root, path), json);
    }

    /// <summary>
    /// llama.cpp's pre-tokenizer for a <c>tokenizer.json</c>: <c>gpt-2</c> for a lone ByteLevel with its regex
    /// (GPT-2, and the tokenizers DataForge trains), <c>qwen2</c> and <c>llama-bpe</c> for the Qwen2 and Llama 3
    /// Split regexes, <c>smollm</c> for single digits then ByteLevel (SmolLM2).
    /// </summary>
    public static string PreTokenizerName(JsonElement root, string path)
    {
        if (!root.TryGetProperty("pre_tokenizer", out var pre) || pre.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: $.pre_tokenizer: missing; llama.cpp needs a pre-tokenizer it knows");
        }

        var stages = Type(pre) == "Sequence" ? [.. pre.GetProperty("pretokenizers").EnumerateArray()] : new List<JsonElement> { pre };
        var shape = string.Join(",", stages.Select(Describe));
        return shape switch
        {
            "ByteLevel+regex" => "gpt-2",
            "Split:" + Qwen2Regex + ",ByteLevel" => "qwen2",
            "Split:" + Llama3Regex + ",ByteLevel" => "llama-bpe",
            "Digits:individual,ByteLevel+regex" => "smollm",
            _ => throw new InvalidDataException($"{path}: $.pre_tokenizer: [{shape}] is not a pre-tokenizer this converter maps to llama.cpp's (GPT-2 ByteLevel, Qwen2, Llama 3, SmolLM2)"),
        };
    }

    private static string Describe(JsonElement stage) => Type(stage) switch
    {
        "ByteLevel" => stage.TryGetProperty("use_regex", out var r) && r.ValueKind == JsonValueKind.False ? "ByteLevel" : "ByteLevel+regex",
        "Split" => "Split:" + (stage.GetProperty("pattern").TryGetProperty("Regex", out var regex) ? regex.GetString() : "?"),
        "Digits" => stage.TryGetProperty("individual_digits", out var d) && d.ValueKind == JsonValueKind.True ? "Digits:individual" : "Digits",
        var other => other,
    };

    private static string Type(JsonElement stage) => stage.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";

    private static string Merge(JsonElement merge)
        => merge.ValueKind == JsonValueKind.Array ? string.Join(' ', merge.EnumerateArray().Select(p => p.GetString())) : merge.GetString() ?? "";

    private static void Place(string?[] tokens, int[] types, int id, string text, int type, string path)
    {
        if (id < 0 || id >= tokens.Length)
        {
            throw new InvalidDataException($"{path}: token '{text}' has id {id}, beyond the model's {tokens.Length} embedding rows (config.json vocab_size)");
        }

        tokens[id] = text;
        types[id] = type == Normal && types[id] != 0 ? types[id] : type;
    }
}
