using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.Testing;

namespace DataForge.Pipelines.Tests.Registry;

/// <summary>A build context over one model, recording the paths a factory resolves.</summary>
internal sealed class RecordingBuildContext(string pipelineDirectory, ILanguageModel model) : IStepBuildContext
{
    public List<string> Resolved { get; } = [];

    public string StepName => "step";

    public string RunId => "run";

    public long Seed => 1;

    public long? Limit => null;

    public string PipelineDirectory { get; } = pipelineDirectory;

    public string DataDirectory => Path.Combine(PipelineDirectory, "out", ".staging-run", "data");

    public IResultCache? Cache => null;

    public ITokenCounter TokenCounter { get; } = new WordTokenCounter();

    public ILanguageModel Model(string name) => model;

    public string ResolvePath(string path)
    {
        Resolved.Add(path);
        return Path.GetFullPath(path, PipelineDirectory);
    }
}
