using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataForge.Core.Seams;
using DataForge.Core.Serialization;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// Cache keys: lower-case hex SHA-256 of (format version, model identity, operation, canonical JSON
/// of the request). The URL and the API key are not part of it: any endpoint's answer will do.
/// </summary>
internal static class CacheKeys
{
    // Bump when the stored form or the meaning of a request changes.
    private const string Format = "openai-client/1";

    public static string For(string identity, string operation, byte[] canonicalRequest)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{Format}\n{identity}\n{operation}\n"));
        hash.AppendData(canonicalRequest);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static byte[] Canonical(GenerationRequest request) => JsonObjectBytes.Write(w =>
    {
        WriteMessages(w, request);
        w.WriteString("prompt", request.Prompt);
        w.WriteNumber("max_tokens", request.MaxTokens);
        w.WriteNumber("temperature", request.Temperature);
        w.WriteNumber("top_p", request.TopP);
        w.WriteNumber("top_k", request.TopK);
        w.WriteStartArray("stop");
        foreach (var stop in request.Stop)
        {
            w.WriteStringValue(stop);
        }

        w.WriteEndArray();
        w.WriteNumber("seed", request.Seed);
    });

    public static byte[] Canonical(ScoreRequest request) => JsonObjectBytes.Write(w =>
    {
        w.WriteString("context", request.Context);
        w.WriteString("continuation", request.Continuation);
    });

    private static void WriteMessages(Utf8JsonWriter w, GenerationRequest request)
    {
        if (request.Messages is null)
        {
            w.WriteNull("messages");
            return;
        }

        w.WriteStartArray("messages");
        foreach (var message in request.Messages)
        {
            w.WriteStartObject();
            w.WriteString("role", message.Role);
            w.WriteString("content", message.Content);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
