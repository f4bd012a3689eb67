using DataForge.Core.Seams;
using Microsoft.AspNetCore.Http;

namespace DataForge.Serving.Internal;

/// <summary><c>POST /v1/chat/completions</c>: one generation, answered whole or as server-sent events.</summary>
internal sealed class ChatHandler(ModelGate gate, ContextLimit limit, ModelServerOptions options)
{
    private static readonly byte[] Done = "[DONE]"u8.ToArray();

    public async Task HandleAsync(HttpContext context, RequestBody body)
    {
        var call = ChatCall.Parse(body.Root, options.DefaultMaxTokens).FitTo(limit);
        var results = await gate.RunAsync((model, ct) => model.GenerateAsync([call.Request], ct), context.RequestAborted).ConfigureAwait(false);
        var id = $"chatcmpl-{body.Hash}";
        if (call.Stream)
        {
            await StreamAsync(context, id, results[0], call.IncludeUsage).ConfigureAwait(false);
            return;
        }

        await HttpWrites.JsonAsync(context, StatusCodes.Status200OK, ResponseBodies.Chat(id, options.ModelName, results[0])).ConfigureAwait(false);
    }

    // The text is known whole before the first event, so it goes as one content chunk between the role and the finish.
    private async Task StreamAsync(HttpContext context, string id, GenerationResult result, bool includeUsage)
    {
        var model = options.ModelName;
        HttpWrites.StartEvents(context);
        await HttpWrites.EventAsync(context, ResponseBodies.ChatChunk(id, model, w => { w.WriteString("role", "assistant"); w.WriteString("content", ""); }, null)).ConfigureAwait(false);
        if (result.Text.Length > 0)
        {
            await HttpWrites.EventAsync(context, ResponseBodies.ChatChunk(id, model, w => w.WriteString("content", result.Text), null)).ConfigureAwait(false);
        }

        await HttpWrites.EventAsync(context, ResponseBodies.ChatChunk(id, model, _ => { }, result.FinishReason)).ConfigureAwait(false);
        if (includeUsage)
        {
            await HttpWrites.EventAsync(context, ResponseBodies.UsageChunk(id, model, result)).ConfigureAwait(false);
        }

        await HttpWrites.EventAsync(context, Done).ConfigureAwait(false);
    }
}
