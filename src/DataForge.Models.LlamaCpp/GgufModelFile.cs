using System.Text.Json.Nodes;
using DataForge.Models.LlamaCpp.Gguf;
using DataForge.Models.Tokenization;

namespace DataForge.Models.LlamaCpp;

/// <summary>
/// What DataForge reads from a GGUF file's metadata before llama.cpp loads it: the tokenizer (the
/// <c>tokenizer.huggingface.json</c> that <c>dataforge model convert</c> stores, with its BOS, EOS, padding,
/// <c>add_bos_token</c> and chat template from the <c>tokenizer.ggml.*</c> keys), the context length and the EOS ids.
/// </summary>
internal sealed record GgufModelFile(HfTokenizer Tokenizer, int ContextLength, IReadOnlyList<int> EosIds)
{
    public static GgufModelFile Read(string path)
    {
        var file = GgufFile.Read(path);
        var arch = file.Architecture;
        var json = file.String("tokenizer.huggingface.json")
            ?? throw new InvalidDataException($"{path}: no tokenizer.huggingface.json in the file's metadata; DataForge tokenizes with the checkpoint's own tokenizer, so convert the checkpoint folder with `dataforge model convert`");
        var tokens = file.Metadata.TryGetValue("tokenizer.ggml.tokens", out var list) ? list.AsArray() : [];
        string? Token(string key) => file.Integer(key) is long id && id >= 0 && id < tokens.Count ? (string)tokens[(int)id] : null;
        var config = new JsonObject
        {
            ["bos_token"] = Token("tokenizer.ggml.bos_token_id"),
            ["eos_token"] = Token("tokenizer.ggml.eos_token_id"),
            ["pad_token"] = Token("tokenizer.ggml.padding_token_id"),
            ["add_bos_token"] = file.Bool("tokenizer.ggml.add_bos_token") ?? false,
            ["chat_template"] = file.String("tokenizer.chat_template"),
        };
        var tokenizer = HfTokenizer.FromJson(path, json, config.ToJsonString());
        var context = file.Integer($"{arch}.context_length") ?? throw new InvalidDataException($"{path}: no {arch}.context_length");
        int[] eos = [.. new[] { file.Integer("tokenizer.ggml.eos_token_id"), file.Integer("tokenizer.ggml.eot_token_id") }.OfType<long>().Select(i => (int)i).Distinct()];
        return new GgufModelFile(tokenizer, (int)context, eos);
    }
}
