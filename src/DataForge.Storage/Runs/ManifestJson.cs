using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataForge.Storage.Runs;

/// <summary>Reads and writes <c>manifest.json</c> (snake_case, indented).</summary>
public static class ManifestJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Writes the manifest to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(RunManifest manifest, string path, CancellationToken cancellationToken)
    {
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, manifest, Options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a manifest.</summary>
    public static RunManifest Read(string path)
        => JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Options)
           ?? throw new InvalidDataException($"{path}: empty manifest");
}
