using System.Security.Cryptography;
using System.Text;
using DataForge.Core.Steps;
using DataForge.Pipelines.Registry;

namespace DataForge.Pipelines.Runs;

/// <summary>
/// What a step obtained from its build context, as one line of its cache keys: the identity of every
/// model it asked for and the content hash of every file or folder it resolved. A step cannot forget
/// either: the engine adds this line to every key of the step.
/// </summary>
internal static class BuildIdentity
{
    /// <summary>The identity line of the step <paramref name="context"/> built (sources and sinks cache nothing: their paths are not hashed).</summary>
    public static string Of(StepBuildContext context, Step step)
    {
        var text = new StringBuilder();
        foreach (var (name, identity) in context.ModelIdentities)
        {
            text.Append("model ").Append(name).Append('=').Append(identity).Append('\n');
        }

        if (step is not (SourceStep or SinkStep))
        {
            foreach (var path in context.PathsUsed)
            {
                text.Append("file ").Append(Path.GetRelativePath(context.PipelineDirectory, path).Replace('\\', '/')).Append('=').Append(ContentHash(path)).Append('\n');
            }
        }

        return text.ToString();
    }

    // Relative paths and bytes of the file, or of every file under the folder (in reading order).
    private static string ContentHash(string path)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var file in InputFiles.Enumerate(path))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{Path.GetRelativePath(path, file).Replace('\\', '/')}\n"));
            using var stream = File.OpenRead(file);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
