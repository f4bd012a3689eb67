using DataForge.Core.Diagnostics;
using DataForge.Core.Seams;
using DataForge.Core.Steps;

namespace DataForge.Scoring.Less;

/// <summary>Builds a <see cref="LessSelector"/> from a pipeline's keys: the target file, the datastore folder, the model.</summary>
internal static class LessSelectorFactory
{
    /// <summary>The step: targets read first (their diagnostics come before any model is built), then the model.</summary>
    /// <exception cref="DataForgeConfigException">The target file has bad lines, or the model cannot be trained.</exception>
    public static LessSelector Build(LessSelectorOptions options, IStepBuildContext context)
    {
        // The datastore is a cache the step writes: resolved without the build context's content
        // hashing (its content must not enter the cache keys; the key is speed-only).
        var resolved = options with
        {
            Datastore = options.Datastore is { } folder
                ? Path.GetFullPath(folder, context.PipelineDirectory)
                : DefaultDatastore(context.DataDirectory),
        };
        var targets = LoadTargets(options.Target, context.ResolvePath(options.Target));
        var model = context.Model(options.Model) as ITrainableModelSource
            ?? throw new DataForgeConfigException($"step '{context.StepName}': model '{options.Model}' cannot be trained; select-less needs a local model (backend torch or tiny)");
        return new LessSelector(model, targets, resolved);
    }

    // Every bad line of the target file, as diagnostics pointing at it.
    private static LessTargetSet LoadTargets(string written, string path)
    {
        var (set, problems) = LessTargetSet.Parse(File.ReadAllText(path));
        return set ?? throw new DataForgeConfigException([.. problems.Select(p => new Diagnostic(DiagnosticCodes.InvalidValue, written, p.Line, p.Line > 0 ? 1 : 0, $"target example: {p.Message}"))]);
    }

    // Beside the run folder and its run store (output/<pipeline>/less-datastore), so runs with other target sets find it.
    private static string DefaultDatastore(string dataDirectory)
        => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(dataDirectory))!)!, "less-datastore");
}
