using DataForge.Core.Seams;
using DataForge.Models.OpenAi;
using DataForge.Pipelines.Validation;

namespace DataForge.Pipelines.Models;

/// <summary>
/// How each <c>backend</c> of a <c>[models.NAME]</c> table becomes an <see cref="ILanguageModel"/>.
/// The default registry knows <c>openai</c>; the CLI adds <c>torch</c> and <c>tiny</c>, whose
/// TorchSharp dependency stays out of this project.
/// </summary>
public sealed class ModelBackendRegistry
{
    private readonly Dictionary<string, Func<ModelSpec, ModelBuildContext, ILanguageModel>> _factories = new(StringComparer.Ordinal);

    /// <summary>A registry with the <c>openai</c> backend.</summary>
    public static ModelBackendRegistry CreateDefault()
    {
        var registry = new ModelBackendRegistry();
        registry.Register("openai", CreateOpenAi);
        return registry;
    }

    /// <summary>Adds or replaces the factory of a backend.</summary>
    public ModelBackendRegistry Register(string backend, Func<ModelSpec, ModelBuildContext, ILanguageModel> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backend);
        _factories[backend] = factory ?? throw new ArgumentNullException(nameof(factory));
        return this;
    }

    /// <summary>Builds the model of a spec.</summary>
    /// <exception cref="InvalidOperationException">No factory is registered for the spec's backend.</exception>
    public ILanguageModel Create(ModelSpec spec, ModelBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return _factories.TryGetValue(spec.Backend, out var factory)
            ? factory(spec, context)
            : throw new InvalidOperationException($"[models.{spec.Name}]: backend '{spec.Backend}' is not available in this build");
    }

    private static OpenAiLanguageModel CreateOpenAi(ModelSpec spec, ModelBuildContext context)
    {
        var keyVariable = spec.Options.GetString("api_key_env");
        var key = keyVariable is null ? null : Environment.GetEnvironmentVariable(keyVariable);
        if (keyVariable is not null && string.IsNullOrEmpty(key))
        {
            throw new InvalidOperationException($"[models.{spec.Name}]: api_key_env names {keyVariable}, which is not set");
        }

        var options = new OpenAiModelOptions
        {
            BaseUrls = [.. (spec.Options.GetStringList("urls") ?? []).Select(u => new Uri(u))],
            Model = spec.Options.GetString("model") ?? spec.Name,
            ApiKey = key,
            RequestTimeout = TimeSpan.FromSeconds(spec.Options.GetInteger("timeout_seconds") ?? 120),
            MaxRetries = (int)(spec.Options.GetInteger("max_retries") ?? 5),
            MaxConcurrencyPerEndpoint = (int)(spec.Options.GetInteger("concurrency") ?? 4),
        };
        return new OpenAiLanguageModel(options, context.Cache);
    }
}
