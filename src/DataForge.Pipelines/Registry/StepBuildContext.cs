using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.Core.Work;

namespace DataForge.Pipelines.Registry;

/// <summary>What a step factory gets: the step's validated keys and the run's resources; it records the models and paths the step asked for.</summary>
public sealed class StepBuildContext : IStepBuildContext
{
    private readonly Lazy<ITokenCounter> _tokenCounter;
    private readonly SortedDictionary<string, string> _models = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _paths = new(StringComparer.Ordinal);

    /// <summary>Creates a context.</summary>
    public StepBuildContext(string stepName, ResolvedOptions options, RunResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        StepName = stepName;
        Options = options;
        Resources = resources;
        _tokenCounter = new Lazy<ITokenCounter>(resources.TokenCounterFactory);
    }

    /// <inheritdoc/>
    public string StepName { get; }

    /// <summary>The step's keys.</summary>
    public ResolvedOptions Options { get; }

    /// <summary>Run-wide resources.</summary>
    public RunResources Resources { get; }

    /// <inheritdoc/>
    public string RunId => Resources.RunId;

    /// <inheritdoc/>
    public long Seed => Resources.Seed;

    /// <inheritdoc/>
    public long? Limit => Resources.Limit;

    /// <inheritdoc/>
    public string PipelineDirectory => Resources.PipelineDirectory;

    /// <inheritdoc/>
    public string DataDirectory => Resources.DataDirectory;

    /// <inheritdoc/>
    public IResultCache? Cache => Resources.Cache;

    /// <inheritdoc/>
    public ITokenCounter TokenCounter => _tokenCounter.Value;

    /// <inheritdoc/>
    public WorkCounters? Work => Resources.Work;

    /// <inheritdoc/>
    public IReadOnlyList<string> Languages => Resources.Languages is { Count: > 0 } languages ? languages : ["en"];

    /// <summary>The names of the models the step asked for with <see cref="Model"/>.</summary>
    public IReadOnlyCollection<string> ModelsUsed => _models.Keys;

    /// <summary>The identities of the models the step asked for, by model name.</summary>
    public IReadOnlyDictionary<string, string> ModelIdentities => _models;

    /// <summary>The full paths the step resolved with <see cref="ResolvePath"/>, sorted.</summary>
    public IReadOnlyCollection<string> PathsUsed => _paths;

    /// <inheritdoc/>
    public ILanguageModel Model(string name)
    {
        var model = (Resources.Models ?? throw new KeyNotFoundException($"no [models.{name}] in the pipeline")).Get(name);
        _models[name] = model.Identity;
        return model;
    }

    /// <inheritdoc/>
    public string ResolvePath(string path)
    {
        var full = System.IO.Path.GetFullPath(path, Resources.PipelineDirectory);
        _paths.Add(full);
        return full;
    }
}
