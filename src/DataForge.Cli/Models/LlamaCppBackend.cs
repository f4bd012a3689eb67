using DataForge.Core.Seams;
using DataForge.Models.LlamaCpp;
using DataForge.Models.Tokenization;
using DataForge.Models.Torch;
using DataForge.Pipelines.Models;
using DataForge.Pipelines.Validation;

namespace DataForge.Cli.Models;

/// <summary>The <c>llamacpp</c> backend: a GGUF file (from <c>dataforge model convert</c>) run by llama.cpp on the CPU.</summary>
internal static class LlamaCppBackend
{
    /// <summary>Adds <c>llamacpp</c> to <paramref name="registry"/>.</summary>
    public static ModelBackendRegistry Register(ModelBackendRegistry registry) => registry.Register("llamacpp", Create, IdentityOf);

    private static ILanguageModel Create(ModelSpec spec, ModelBuildContext context)
        => LlamaCppLanguageModel.Load(context.ResolvePath(spec.Options.GetString("path")!), Options(spec));

    // The identity the loaded model will have (ModelIdentity remembers the hash, so loading does not hash again).
    private static Task<ResolvedModelIdentity> IdentityOf(ModelSpec spec, ModelBuildContext context, CancellationToken cancellationToken)
    {
        var path = context.ResolvePath(spec.Options.GetString("path")!);
        return Task.FromResult(new ResolvedModelIdentity(ModelIdentity.OfFile(path, ModelIdentity.NameOfFile(path)), ResolvedModelIdentity.Weights));
    }

    private static LlamaCppModelOptions Options(ModelSpec spec) => new()
    {
        ChatFormat = spec.Options.GetString("chat_format") is { } format ? ChatFormat.Parse(format).Kind : null,
        Threads = (int)(spec.Options.GetInteger("threads") ?? Environment.ProcessorCount),
        FlashAttention = spec.Options.GetBoolean("flash_attention") ?? false,
        KvCacheType = spec.Options.GetString("kv_cache_type") ?? "f32",
        ContextLength = spec.Options.GetInteger("context_length") is long length ? (int)length : null,
        BatchSize = (int)(spec.Options.GetInteger("batch_size") ?? 512),
    };
}
