using DataForge.Core.Diagnostics;
using DataForge.Core.Seams;
using DataForge.Models.Tokenization;
using DataForge.Models.Torch;
using DataForge.Pipelines.Models;
using DataForge.Pipelines.Validation;

namespace DataForge.Cli.Models;

/// <summary>The TorchSharp backends: <c>torch</c> (any checkpoint folder) and <c>tiny</c> (the embedded model).</summary>
internal static class TorchBackends
{
    /// <summary>The folder of the embedded model, relative to the repository root.</summary>
    public static readonly string TinyFolder = Path.Combine("models", "tiny");

    /// <summary>The default registry plus the TorchSharp backends and <c>llamacpp</c>.</summary>
    public static ModelBackendRegistry CreateRegistry()
        => LlamaCppBackend.Register(ModelBackendRegistry.CreateDefault().Register("torch", CreateTorch, IdentityOfTorch).Register("tiny", CreateTiny, IdentityOfTiny));

    /// <summary>
    /// The embedded model's folder: <paramref name="start"/> and each folder above it are searched for
    /// <c>models/tiny/config.json</c>, then the folder of the <c>dataforge</c> script that started this process.
    /// </summary>
    public static string? FindTiny(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, TinyFolder);
            if (File.Exists(Path.Combine(candidate, "config.json")))
            {
                return candidate;
            }
        }

        var home = Environment.GetEnvironmentVariable("DATAFORGE_HOME");
        return home is not null && File.Exists(Path.Combine(home, TinyFolder, "config.json")) ? Path.Combine(home, TinyFolder) : null;
    }

    private static ILanguageModel CreateTorch(ModelSpec spec, ModelBuildContext context)
        => TorchLanguageModel.Load(context.ResolvePath(spec.Options.GetString("path")!), Options(spec));

    private static ILanguageModel CreateTiny(ModelSpec spec, ModelBuildContext context)
        => TorchLanguageModel.Load(TinyPath(spec, context), Options(spec)); // named after its folder: tiny, tiny-medium, ...

    // The identity the loaded model will have (ModelIdentity remembers the hash, so loading does not hash again).
    private static Task<ResolvedModelIdentity> IdentityOfTorch(ModelSpec spec, ModelBuildContext context, CancellationToken cancellationToken)
        => Task.FromResult(new ResolvedModelIdentity(ModelIdentity.OfFolder(context.ResolvePath(spec.Options.GetString("path")!)), ResolvedModelIdentity.Weights));

    private static Task<ResolvedModelIdentity> IdentityOfTiny(ModelSpec spec, ModelBuildContext context, CancellationToken cancellationToken)
        => Task.FromResult(new ResolvedModelIdentity(ModelIdentity.OfFolder(TinyPath(spec, context)), ResolvedModelIdentity.Weights));

    private static string TinyPath(ModelSpec spec, ModelBuildContext context)
        => spec.Options.GetString("path") is { } path
            ? context.ResolvePath(path)
            : FindTiny(context.PipelineDirectory)
              ?? throw new DataForgeConfigException($"[models.{spec.Name}]: the embedded model ({TinyFolder}) was not found from {context.PipelineDirectory} upwards; run `dataforge model train-tiny` in the repository or set path");

    private static TorchModelOptions Options(ModelSpec spec) => new()
    {
        ChatFormat = spec.Options.GetString("chat_format") is { } format ? ChatFormat.Parse(format).Kind : null,
        BatchSize = (int)(spec.Options.GetInteger("batch_size") ?? 8),
        Device = spec.Options.GetString("device") ?? "cpu",
    };
}
