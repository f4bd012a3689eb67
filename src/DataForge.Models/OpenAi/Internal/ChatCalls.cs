using System.ClientModel;
using System.ClientModel.Primitives;
using DataForge.Core.Seams;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>Chat generation through Microsoft.Extensions.AI's <see cref="IChatClient"/> over the OpenAI library.</summary>
internal static class ChatCalls
{
    /// <summary>A chat client for <paramref name="baseUrl"/> that sends through <paramref name="http"/> and never retries by itself.</summary>
    public static IChatClient Create(Uri baseUrl, string model, string? apiKey, HttpClient http)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = baseUrl,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };

        // The library insists on a key; servers that need none ignore it.
        return new OpenAIClient(new ApiKeyCredential(apiKey ?? "none"), options).GetChatClient(model).AsIChatClient();
    }

    public static async Task<GenerationResult> GenerateAsync(Endpoint endpoint, GenerationRequest request, CancellationToken cancellationToken)
    {
        List<AiChatMessage> messages = [.. request.Messages!.Select(m => new AiChatMessage(new ChatRole(m.Role), m.Content))];
        var response = await endpoint.Chat.GetResponseAsync(messages, Options(request), cancellationToken).ConfigureAwait(false);
        var usage = response.Usage;
        return new GenerationResult(response.Text, response.FinishReason?.Value ?? "stop", (int)(usage?.InputTokenCount ?? 0), (int)(usage?.OutputTokenCount ?? 0));
    }

    private static ChatOptions Options(GenerationRequest request) => new()
    {
        MaxOutputTokens = request.MaxTokens,
        Temperature = (float)request.Temperature,
        TopP = (float)request.TopP,
        StopSequences = request.Stop.Count > 0 ? [.. request.Stop] : null,
        Seed = WireSeed.Of(request.Seed),
        RawRepresentationFactory = request.TopK > 0 ? _ => WithTopK(request.TopK) : null,
    };

    // OpenAI's chat API has no top_k; vLLM, llama.cpp and dataforge serve read it as an extra member.
    private static ChatCompletionOptions WithTopK(int topK)
    {
        var options = new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch is marked experimental; it is the library's only way to add a member.
        options.Patch.Set("$.top_k"u8, topK);
#pragma warning restore SCME0001
        return options;
    }
}
