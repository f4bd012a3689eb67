namespace DataForge.Pipelines.Models;

/// <summary>The identity of a <c>[models.NAME]</c> entry, known before the run starts, and where it came from.</summary>
/// <param name="Identity">What goes into the run id, cache keys and provenance (e.g. <c>tiny@0123456789abcdef</c>, <c>openai:qwen@tiny@0123456789abcdef</c>).</param>
/// <param name="Source"><c>weights</c> (a hash of a local folder), <c>server</c> (reported by the server), <c>revision</c> (the <c>revision</c> key), or <c>name</c> (only the model name).</param>
public sealed record ResolvedModelIdentity(string Identity, string Source)
{
    /// <summary>A hash of a local checkpoint folder's files.</summary>
    public const string Weights = "weights";

    /// <summary>Reported by the server in <c>/v1/models</c> (<c>dataforge_identity</c>).</summary>
    public const string Server = "server";

    /// <summary>The <c>revision</c> key of the <c>[models.NAME]</c> table.</summary>
    public const string Revision = "revision";

    /// <summary>Only the model's name: other weights under the same name are not told apart.</summary>
    public const string Name = "name";
}
