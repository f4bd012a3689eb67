using DataForge.Core.Seams;
using DataForge.Core.Work;

namespace DataForge.Core.Steps;

/// <summary>
/// What a step's factory may use besides its options: the run's resources. Steps never read files,
/// TOML or environment variables themselves; everything they need comes through here, so the
/// engine knows every model a step obtained (its identity goes into the step's cache keys).
/// </summary>
public interface IStepBuildContext
{
    /// <summary>The step's name in the pipeline.</summary>
    string StepName { get; }

    /// <summary>The run id.</summary>
    string RunId { get; }

    /// <summary>The run seed.</summary>
    long Seed { get; }

    /// <summary>Most kept records per read step (<c>run.limit</c> / <c>--limit</c>), or null.</summary>
    long? Limit { get; }

    /// <summary>Folder of the pipeline file; relative paths resolve against it.</summary>
    string PipelineDirectory { get; }

    /// <summary>The staging <c>data/</c> folder the run's sinks fill.</summary>
    string DataDirectory { get; }

    /// <summary>The run store's result cache (model requests, lint results), or null when caching is off.</summary>
    IResultCache? Cache { get; }

    /// <summary>The token counter (created on first use).</summary>
    ITokenCounter TokenCounter { get; }

    /// <summary>The model a step names (a <c>[models.NAME]</c> entry), built on first use; its identity becomes part of the step's cache keys.</summary>
    ILanguageModel Model(string name);

    /// <summary>A path of the pipeline file resolved against the file's folder.</summary>
    string ResolvePath(string path);

    /// <summary>The run's work counters (a step counts work done outside its models there, such as linter checks), or null when nothing is counted.</summary>
    WorkCounters? Work => null;

    /// <summary>The natural languages of the run's data (<c>[run] language</c>, ISO 639-1 codes); English when the run names none.</summary>
    IReadOnlyList<string> Languages => ["en"];
}
