using System.Text.Json.Nodes;
using DataForge.Models.Tokenization;

namespace DataForge.Models.Tests.Tokenization;

/// <summary>
/// The hand-made Qwen2-shaped checkpoint in Data/Tokenizers/qwen-style: NFC, Split(Qwen regex) then
/// ByteLevel, merges as arrays, specials at ids 300..302 after a gap, and a non-special added token.
/// </summary>
internal static class QwenStyleTokenizer
{
    public const int Hello = 261;
    public const int SpaceWorld = 266;
    public const int Twelve = 269;
    public const int EndOfText = 300;
    public const int ImStart = 301;
    public const int ImEnd = 302;
    public const int ToolCall = 303;

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Data", "Tokenizers", "qwen-style");

    public static HfTokenizer Load() => HfTokenizer.Load(Folder);

    /// <summary>Copies the checkpoint into <paramref name="folder"/>, changing its tokenizer.json with <paramref name="edit"/>.</summary>
    public static void CopyWith(string folder, Action<JsonObject> edit, Action<JsonObject>? editConfig = null)
    {
        var tokenizer = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "tokenizer.json")))!.AsObject();
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "tokenizer_config.json")))!.AsObject();
        edit(tokenizer);
        editConfig?.Invoke(config);
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), tokenizer.ToJsonString());
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), config.ToJsonString());
    }

    /// <summary>The id of a byte token, given by its character in the byte-level alphabet.</summary>
    public static int ByteId(char c, HfTokenizer tokenizer) => tokenizer.IdOf(c.ToString()) ?? throw new ArgumentException(c.ToString());
}
