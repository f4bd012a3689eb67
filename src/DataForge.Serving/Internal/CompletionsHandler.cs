using Microsoft.AspNetCore.Http;

namespace DataForge.Serving.Internal;

/// <summary><c>POST /v1/completions</c>: raw prompts, generation and echo/logprobs scoring.</summary>
internal sealed class CompletionsHandler(ModelGate gate, ContextLimit limit, ModelServerOptions options)
{
    public async Task HandleAsync(HttpContext context, RequestBody body)
    {
        var call = CompletionCall.Parse(body.Root, options.DefaultMaxTokens).FitTo(limit);
        var choices = await gate.RunAsync((model, ct) => CompletionRunner.RunAsync(model, call, ct), context.RequestAborted).ConfigureAwait(false);
        var response = ResponseBodies.Completion($"cmpl-{body.Hash}", options.ModelName, choices);
        await HttpWrites.JsonAsync(context, StatusCodes.Status200OK, response).ConfigureAwait(false);
    }
}
