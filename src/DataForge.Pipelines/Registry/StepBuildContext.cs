using DataForge.Core.Seams;

namespace DataForge.Pipelines.Registry;

/// <summary>What a step factory gets: the step's validated keys and the run's resources.</summary>
public sealed class StepBuildContext
{
    private readonly Lazy<ITokenCounter> _tokenCounter;
    private readonly HashSet<string> _modelsUsed = new(StringComparer.Ordinal);

    /// <summary>Creates a context.</summary>
    public StepBuildContext(string stepName, ResolvedOptions options, RunResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        StepName = stepName;
        Options = options;
        Resources = resources;
        _tokenCounter = new Lazy<ITokenCounter>(resources.TokenCounterFactory);
    }

    /// <summary>The step's name.</summary>
    public string StepName { get; }

    /// <summary>The step's keys.</summary>
    public ResolvedOptions Options { get; }

    /// <summary>Run-wide resources.</summary>
    public RunResources Resources { get; }

    /// <summary>The token counter (created on first use).</summary>
    public ITokenCounter TokenCounter => _tokenCounter.Value;

    /// <summary>The names of the models the step asked for with <see cref="Model"/>.</summary>
    public IReadOnlyCollection<string> ModelsUsed => _modelsUsed;

    /// <summary>The model a step names (a <c>[models.NAME]</c> entry), built on first use.</summary>
    public ILanguageModel Model(string name)
    {
        var model = (Resources.Models ?? throw new KeyNotFoundException($"no [models.{name}] in the pipeline")).Get(name);
        _modelsUsed.Add(name);
        return model;
    }

    /// <summary>A path of the pipeline file resolved against the file's folder.</summary>
    public string ResolvePath(string path) => System.IO.Path.GetFullPath(path, Resources.PipelineDirectory);
}
