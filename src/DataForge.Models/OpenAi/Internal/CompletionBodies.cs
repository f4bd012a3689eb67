using DataForge.Core.Seams;
using DataForge.Core.Serialization;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>Request bodies for <c>/v1/completions</c>.</summary>
internal static class CompletionBodies
{
    public static byte[] Generation(string model, GenerationRequest request) => JsonObjectBytes.Write(w =>
    {
        w.WriteString("model", model);
        w.WriteString("prompt", request.Prompt);
        w.WriteNumber("max_tokens", request.MaxTokens);
        w.WriteNumber("temperature", request.Temperature);
        w.WriteNumber("top_p", request.TopP);
        if (request.TopK > 0)
        {
            w.WriteNumber("top_k", request.TopK);
        }

        if (request.Stop.Count > 0)
        {
            w.WriteStartArray("stop");
            foreach (var stop in request.Stop)
            {
                w.WriteStringValue(stop);
            }

            w.WriteEndArray();
        }

        w.WriteNumber("seed", WireSeed.Of(request.Seed));
    });

    /// <summary>Echo the prompt with the log-probability of each of its tokens, generating <paramref name="maxTokens"/> (0, or 1 where 0 is refused).</summary>
    public static byte[] Scoring(string model, string prompt, int maxTokens) => JsonObjectBytes.Write(w =>
    {
        w.WriteString("model", model);
        w.WriteString("prompt", prompt);
        w.WriteNumber("max_tokens", maxTokens);
        w.WriteNumber("temperature", 0);
        w.WriteBoolean("echo", true);
        w.WriteNumber("logprobs", 1);
    });
}
