using DataForge.Core.Seams;
using DataForge.Core.Work;
using DataForge.Pipelines.Validation;

namespace DataForge.Pipelines.Models;

/// <summary>
/// The models of one run, by their <c>[models.NAME]</c> names: each is built on first use (so a
/// pipeline that never asks for a model loads none) and disposed with the catalog.
/// </summary>
public sealed class ModelCatalog : IDisposable
{
    private readonly IReadOnlyDictionary<string, ModelSpec> _specs;
    private readonly ModelBackendRegistry _backends;
    private readonly ModelBuildContext _context;
    private readonly IReadOnlySet<string> _refresh;
    private readonly WorkCounters? _work;
    private readonly Dictionary<string, ILanguageModel> _built = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IEndpointStatsSource> _fleets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates a catalog over the pipeline's model specs.</summary>
    /// <param name="specs">The <c>[models.NAME]</c> entries.</param>
    /// <param name="backends">How each backend builds its model.</param>
    /// <param name="context">What backends may use.</param>
    /// <param name="refresh">Models named by <c>--refresh</c>: their own request caches never hit (fresh answers are still stored).</param>
    /// <param name="work">The run's work counters; null counts nothing (the models are handed out as built).</param>
    public ModelCatalog(IReadOnlyDictionary<string, ModelSpec> specs, ModelBackendRegistry backends, ModelBuildContext context, IReadOnlySet<string>? refresh = null, WorkCounters? work = null)
    {
        _work = work;
        _refresh = refresh ?? new HashSet<string>(StringComparer.Ordinal);
        _specs = specs ?? throw new ArgumentNullException(nameof(specs));
        _backends = backends ?? throw new ArgumentNullException(nameof(backends));
        _context = context ?? throw new ArgumentNullException(nameof(context));
    }

    /// <summary>The models built so far: name and identity (model id plus weights hash).</summary>
    public IReadOnlyDictionary<string, string> Identities
    {
        get
        {
            lock (_gate)
            {
                return _built.ToDictionary(p => p.Key, p => p.Value.Identity, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// Per model built so far that sends requests to servers (by name): what each server did. Empty
    /// when no such model was built.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<EndpointStats>> EndpointStats
    {
        get
        {
            lock (_gate)
            {
                return new SortedDictionary<string, IReadOnlyList<EndpointStats>>(_fleets.ToDictionary(p => p.Key, p => p.Value.EndpointStats()), StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The model named <paramref name="name"/>, built on first use.</summary>
    /// <exception cref="KeyNotFoundException">The pipeline has no <c>[models.NAME]</c> of that name.</exception>
    public ILanguageModel Get(string name)
    {
        lock (_gate)
        {
            if (_built.TryGetValue(name, out var model))
            {
                return model;
            }

            var spec = _specs.TryGetValue(name, out var found) ? found : throw new KeyNotFoundException($"no [models.{name}] in the pipeline");
            var context = _refresh.Contains(name) && _context.Cache is { } cache ? _context with { Cache = new WriteOnlyCache(cache) } : _context;
            if (_work is not null && context.Cache is { } counted)
            {
                context = context with { Cache = new HitCountingCache(counted, _work) };
            }

            model = _backends.Create(spec, context);
            if (model is IEndpointStatsSource fleet)
            {
                _fleets[name] = fleet;
            }

            model = _work is null ? model : CountingLanguageModel.Wrap(model, _work);
            _built[name] = model;
            return model;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var model in _built.Values)
            {
                (model as IDisposable)?.Dispose();
            }

            _built.Clear();
            _fleets.Clear();
        }
    }
}
