using System.Text.Encodings.Web;
using System.Text.Json;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>Writes a trained byte-level BPE in the Hugging Face <c>tokenizer.json</c> / <c>tokenizer_config.json</c> layout.</summary>
internal static class HfTokenizerWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] TokenizerJson(TrainedBpe bpe)
    {
        return Write(json =>
        {
            json.WriteString("version", "1.0");
            json.WriteNull("truncation");
            json.WriteNull("padding");
            WriteAddedTokens(json, bpe);
            json.WriteNull("normalizer");
            WriteByteLevel(json, "pre_tokenizer", addPrefixSpace: false, trimOffsets: true);
            WriteByteLevel(json, "post_processor", addPrefixSpace: false, trimOffsets: false);
            WriteByteLevel(json, "decoder", addPrefixSpace: false, trimOffsets: true);
            WriteModel(json, bpe);
        });
    }

    public static byte[] ConfigJson(ChatFormat format, int modelMaxLength)
    {
        var llama = format.Kind == ChatFormatKind.Llama3;
        return Write(json =>
        {
            json.WriteBoolean("add_bos_token", false);
            json.WriteBoolean("add_eos_token", false);
            WriteOptional(json, "bos_token", llama ? "<|begin_of_text|>" : null);
            json.WriteString("chat_template", format.Template);
            json.WriteBoolean("clean_up_tokenization_spaces", false);
            json.WriteString("eos_token", format.EndOfTurn);
            json.WriteNumber("model_max_length", modelMaxLength);
            json.WriteString("pad_token", llama ? "<|end_of_text|>" : "<|endoftext|>");
            json.WriteString("tokenizer_class", "PreTrainedTokenizerFast");
            json.WriteNull("unk_token");
        });
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteAddedTokens(Utf8JsonWriter json, TrainedBpe bpe)
    {
        json.WriteStartArray("added_tokens");
        foreach (var token in bpe.SpecialTokens)
        {
            json.WriteStartObject();
            json.WriteNumber("id", bpe.Vocabulary[token]);
            json.WriteString("content", token);
            json.WriteBoolean("single_word", false);
            json.WriteBoolean("lstrip", false);
            json.WriteBoolean("rstrip", false);
            json.WriteBoolean("normalized", false);
            json.WriteBoolean("special", true);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteByteLevel(Utf8JsonWriter json, string name, bool addPrefixSpace, bool trimOffsets)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "ByteLevel");
        json.WriteBoolean("add_prefix_space", addPrefixSpace);
        json.WriteBoolean("trim_offsets", trimOffsets);
        json.WriteBoolean("use_regex", true);
        json.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter json, TrainedBpe bpe)
    {
        json.WriteStartObject("model");
        json.WriteString("type", "BPE");
        json.WriteNull("dropout");
        json.WriteNull("unk_token");
        json.WriteNull("continuing_subword_prefix");
        json.WriteNull("end_of_word_suffix");
        json.WriteBoolean("fuse_unk", false);
        json.WriteBoolean("byte_fallback", false);
        json.WriteBoolean("ignore_merges", false);
        json.WriteStartObject("vocab");
        for (var id = 0; id < bpe.Tokens.Count; id++)
        {
            json.WriteNumber(bpe.Tokens[id], id);
        }

        json.WriteEndObject();
        json.WriteStartArray("merges");
        foreach (var (left, right) in bpe.Merges)
        {
            json.WriteStringValue(left + " " + right);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
