using System.Globalization;
using DataForge.Core.Seams;

namespace DataForge.Serving.Internal;

/// <summary>
/// Fits a request to the model's context: prompt and new tokens together may not exceed it. An
/// explicit <c>max_tokens</c> that does not fit is refused; the default one shrinks to the room left.
/// </summary>
internal sealed class ContextLimit(int? contextLength, Func<GenerationRequest, int>? promptTokens)
{
    public static ContextLimit For(ILanguageModel model, ModelServerOptions options) => new(model.ContextLength, options.PromptTokens);

    /// <summary>The new tokens to ask the model for.</summary>
    /// <param name="request">The request, with the asked-for (or default) <c>MaxTokens</c>.</param>
    /// <param name="explicitMaxTokens">Whether the client set <c>max_tokens</c> itself.</param>
    /// <param name="promptParam">The request member holding the prompt: <c>messages</c> or <c>prompt</c>.</param>
    /// <exception cref="RequestValidationException">The request cannot fit (code <c>context_length_exceeded</c>).</exception>
    public int Fit(GenerationRequest request, bool explicitMaxTokens, string promptParam)
    {
        if (contextLength is not { } context)
        {
            return request.MaxTokens;
        }

        if (explicitMaxTokens && request.MaxTokens > context)
        {
            throw Exceeded($"'max_tokens' is {N(request.MaxTokens)}, but this model's maximum context length is {N(context)} tokens, prompt included.", "max_tokens");
        }

        if (promptTokens is null)
        {
            return Math.Min(request.MaxTokens, context);
        }

        var prompt = promptTokens(request);
        var room = context - prompt;
        if (request.MaxTokens == 0 ? room < 0 : room < 1)
        {
            throw Exceeded($"This model's maximum context length is {N(context)} tokens, but the prompt has {N(prompt)}{(request.MaxTokens == 0 ? "" : ", leaving no room for a new token")}. Shorten the prompt.", promptParam);
        }

        if (!explicitMaxTokens)
        {
            return Math.Min(request.MaxTokens, room);
        }

        return request.MaxTokens <= room
            ? request.MaxTokens
            : throw Exceeded($"This model's maximum context length is {N(context)} tokens, but {N(prompt + request.MaxTokens)} were asked for ({N(prompt)} in the prompt, {N(request.MaxTokens)} for the completion). Lower 'max_tokens' or shorten the prompt.", promptParam);
    }

    private static RequestValidationException Exceeded(string message, string param) => new(message, param, "context_length_exceeded");

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
