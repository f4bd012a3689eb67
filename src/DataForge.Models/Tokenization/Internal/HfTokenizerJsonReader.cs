using System.Text.Json;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>Reads a Hugging Face <c>tokenizer.json</c> of a byte-level BPE model; refuses anything else by name.</summary>
internal static class HfTokenizerJsonReader
{
    public static HfTokenizerDefinition Read(string path)
    {
        using var file = JsonFile.Open(path);
        return Read(file);
    }

    public static HfTokenizerDefinition Read(JsonFile file)
    {
        var root = file.Root.ValueKind == JsonValueKind.Object ? file.Root : throw file.Error("$", "expected an object");
        var model = file.RequiredObject(root, "model", "$.model");
        CheckModel(file, model);
        var vocab = ReadVocab(file, model);
        var merges = ReadMerges(file, model);
        return new HfTokenizerDefinition
        {
            Vocab = vocab,
            Merges = merges,
            AddedTokens = ReadAddedTokens(file, root),
            Nfc = ReadNormalizer(file, file.OptionalObject(root, "normalizer", "$.normalizer"), "$.normalizer"),
            PreTokenizer = new PreTokenizerReader(file).Read(root),
            IgnoreMerges = file.OptionalBool(model, "ignore_merges", "$.model.ignore_merges") ?? false,
            TemplateFirstToken = PostProcessorReader.FirstSpecialToken(root),
        };
    }

    private static void CheckModel(JsonFile file, JsonElement model)
    {
        var type = file.OptionalString(model, "type", "$.model.type");
        if (type is not null and not "BPE")
        {
            throw file.Error("$.model.type", $"model type '{type}' is not supported; only byte-level BPE is");
        }

        if (file.OptionalBool(model, "byte_fallback", "$.model.byte_fallback") == true)
        {
            throw file.Error("$.model.byte_fallback", "byte fallback (SentencePiece-style BPE) is not supported; only byte-level BPE is");
        }

        foreach (var affix in new[] { "continuing_subword_prefix", "end_of_word_suffix" })
        {
            if (!string.IsNullOrEmpty(file.OptionalString(model, affix, "$.model." + affix)))
            {
                throw file.Error("$.model." + affix, "subword affixes are not supported in a byte-level BPE");
            }
        }

        if (model.TryGetProperty("dropout", out var dropout) && dropout.ValueKind == JsonValueKind.Number && dropout.GetDouble() > 0)
        {
            throw file.Error("$.model.dropout", "BPE dropout is not supported");
        }
    }

    private static Dictionary<string, int> ReadVocab(JsonFile file, JsonElement model)
    {
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in file.RequiredObject(model, "vocab", "$.model.vocab").EnumerateObject())
        {
            vocab[entry.Name] = file.RequiredInt(entry.Value, $"$.model.vocab['{entry.Name}']");
        }

        return vocab.Count > 0 ? vocab : throw file.Error("$.model.vocab", "is empty");
    }

    private static List<string> ReadMerges(JsonFile file, JsonElement model)
    {
        var merges = new List<string>();
        var index = 0;
        foreach (var merge in file.RequiredArray(model, "merges", "$.model.merges").EnumerateArray())
        {
            var path = $"$.model.merges[{index++}]";
            var parts = merge.ValueKind switch
            {
                JsonValueKind.String => merge.GetString()!.Split(' '),
                JsonValueKind.Array => [.. merge.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString()! : " ")],
                _ => [],
            };
            if (parts.Length != 2 || parts.Any(p => p.Length == 0 || p.Contains(' ', StringComparison.Ordinal)))
            {
                throw file.Error(path, "expected \"left right\" or [\"left\", \"right\"] with two non-empty tokens without spaces");
            }

            merges.Add(parts[0] + " " + parts[1]);
        }

        return merges;
    }

    /// <summary>As Hugging Face's BPE builder: both sides of every merge, and what they merge into, are tokens of the vocabulary.</summary>
    /// <exception cref="InvalidDataException">A merge names a token outside the vocabulary.</exception>
    public static void CheckMerges(HfTokenizerDefinition definition, string path)
    {
        for (var i = 0; i < definition.Merges.Count; i++)
        {
            var parts = definition.Merges[i].Split(' ');
            var missing = new[] { parts[0], parts[1], parts[0] + parts[1] }.FirstOrDefault(t => !definition.Vocab.ContainsKey(t));
            if (missing is not null)
            {
                throw new InvalidDataException($"{path}: $.model.merges[{i}]: '{definition.Merges[i]}' names token '{missing}', which is not in $.model.vocab");
            }
        }
    }

    private static List<AddedToken> ReadAddedTokens(JsonFile file, JsonElement root)
    {
        var tokens = new List<AddedToken>();
        if (!root.TryGetProperty("added_tokens", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return tokens;
        }

        var index = 0;
        foreach (var item in file.RequiredArray(root, "added_tokens", "$.added_tokens").EnumerateArray())
        {
            var path = $"$.added_tokens[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw file.Error(path, "expected an object");
            }

            var id = file.RequiredInt(item.TryGetProperty("id", out var idElement) ? idElement : default, path + ".id");
            var content = file.RequiredString(item, "content", path + ".content");
            var special = file.OptionalBool(item, "special", path + ".special") ?? false;
            tokens.Add(content.Length > 0 ? new AddedToken(id, content, special) : throw file.Error(path + ".content", "is empty"));
        }

        return tokens;
    }

    private static bool ReadNormalizer(JsonFile file, JsonElement? node, string path)
    {
        if (node is not { } normalizer)
        {
            return false;
        }

        var type = file.RequiredString(normalizer, "type", path + ".type");
        if (type == "NFC")
        {
            return true;
        }

        if (type != "Sequence")
        {
            throw file.Error(path + ".type", $"unsupported normalizer type '{type}' (supported: NFC, or a Sequence of NFC)");
        }

        var nfc = false;
        var index = 0;
        foreach (var item in file.RequiredArray(normalizer, "normalizers", path + ".normalizers").EnumerateArray())
        {
            nfc |= ReadNormalizer(file, item, $"{path}.normalizers[{index++}]");
        }

        return nfc;
    }
}
