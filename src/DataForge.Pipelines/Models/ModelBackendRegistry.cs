using DataForge.Core.Diagnostics;
using DataForge.Core.Seams;
using DataForge.Pipelines.Validation;

namespace DataForge.Pipelines.Models;

/// <summary>
/// How each <c>backend</c> of a <c>[models.NAME]</c> table becomes an <see cref="ILanguageModel"/>, and
/// how its identity is known before the run starts (it is part of the run id). The default registry
/// knows <c>openai</c>; the CLI adds <c>torch</c> and <c>tiny</c>, whose TorchSharp dependency stays out
/// of this project.
/// </summary>
public sealed class ModelBackendRegistry
{
    private readonly Dictionary<string, Func<ModelSpec, ModelBuildContext, ILanguageModel>> _factories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<ModelSpec, ModelBuildContext, CancellationToken, Task<ResolvedModelIdentity>>> _identities = new(StringComparer.Ordinal);

    /// <summary>A registry with the <c>openai</c> backend.</summary>
    public static ModelBackendRegistry CreateDefault()
    {
        var registry = new ModelBackendRegistry();
        registry.Register("openai", OpenAiBackend.Create, OpenAiBackend.ResolveAsync);
        return registry;
    }

    /// <summary>Adds or replaces the factory of a backend (and, optionally, how its identity is resolved before the run).</summary>
    public ModelBackendRegistry Register(string backend, Func<ModelSpec, ModelBuildContext, ILanguageModel> factory, Func<ModelSpec, ModelBuildContext, CancellationToken, Task<ResolvedModelIdentity>>? identity = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backend);
        _factories[backend] = factory ?? throw new ArgumentNullException(nameof(factory));
        if (identity is null)
        {
            _identities.Remove(backend);
        }
        else
        {
            _identities[backend] = identity;
        }

        return this;
    }

    /// <summary>Builds the model of a spec.</summary>
    /// <exception cref="DataForgeConfigException">No factory is registered for the spec's backend.</exception>
    public ILanguageModel Create(ModelSpec spec, ModelBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return _factories.TryGetValue(spec.Backend, out var factory)
            ? factory(spec, context)
            : throw new DataForgeConfigException($"[models.{spec.Name}]: backend '{spec.Backend}' is not available in this build");
    }

    /// <summary>
    /// The identity of every model of <paramref name="models"/> whose backend can tell it without
    /// loading the model: local folders are hashed, servers are asked (the
    /// <c>openai</c> rule). Backends registered without an identity rule are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ResolvedModelIdentity>> ResolveIdentitiesAsync(IReadOnlyDictionary<string, ModelSpec> models, ModelBuildContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        var identities = new SortedDictionary<string, ResolvedModelIdentity>(StringComparer.Ordinal);
        foreach (var (name, spec) in models)
        {
            if (_identities.TryGetValue(spec.Backend, out var resolve))
            {
                identities[name] = await resolve(spec, context, cancellationToken).ConfigureAwait(false);
            }
        }

        return identities;
    }
}
