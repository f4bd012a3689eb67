using DataForge.Core.Options;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;

namespace DataForge.Pipelines.Runs;

/// <summary>
/// The resolved configuration of a run and its id: a hash of that configuration (keys that change
/// only speed left out), of the content of every file the read steps see, and of the identity of
/// every model (a local folder's weights hash; what a server reports, or the <c>revision</c> key), so
/// other weights under the same model name make another run; and of the review verdicts, when a run
/// has any. The code version is not part of it, so a documentation change never moves a run.
/// </summary>
public sealed class RunIdentity
{
    private RunIdentity(JsonObject config, string seedsSha256, string runId)
    {
        Config = config;
        SeedsSha256 = seedsSha256;
        RunId = runId;
    }

    /// <summary>The resolved configuration (every key, defaults filled in).</summary>
    public JsonObject Config { get; }

    /// <summary>Hash of the read steps' input files (relative paths and bytes).</summary>
    public string SeedsSha256 { get; }

    /// <summary>The run id (16 hex digits).</summary>
    public string RunId { get; }

    /// <summary>Computes the identity of <paramref name="spec"/> (its models' identities not included).</summary>
    public static RunIdentity Compute(PipelineSpec spec) => Compute(spec, null);

    /// <summary>Computes the identity of <paramref name="spec"/> whose models have the identities given (by model name).</summary>
    public static RunIdentity Compute(PipelineSpec spec, IReadOnlyDictionary<string, string>? modelIdentities) => Compute(spec, modelIdentities, null);

    /// <summary>
    /// Computes the identity of <paramref name="spec"/> whose models have the identities given (by model
    /// name), under the review verdicts whose <see cref="Core.Review.ReviewVerdicts.ContentHash"/> is
    /// <paramref name="verdictsHash"/> (null for a run without verdicts: the id it always had).
    /// </summary>
    public static RunIdentity Compute(PipelineSpec spec, IReadOnlyDictionary<string, string>? modelIdentities, string? verdictsHash)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var seeds = SeedsHash(spec);
        var identityConfig = BuildConfig(spec, includeSpeedKeys: false).ToJsonString();
        var models = modelIdentities is { Count: > 0 }
            ? "\nmodels\n" + string.Concat(modelIdentities.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}\n"))
            : ""; // a pipeline without models keeps the id it always had
        var verdicts = verdictsHash is null ? "" : $"\nverdicts\n{verdictsHash}\n"; // likewise a run without verdicts
        var runId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{identityConfig}\n{seeds}{models}{verdicts}")))[..16];
        return new RunIdentity(BuildConfig(spec, includeSpeedKeys: true), seeds, runId);
    }

    /// <summary>Canonical text of a step's result-affecting options: part of the step's cache keys.</summary>
    public static string Fingerprint(StepSpec step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Options(step.Definition.Options, step.Options, includeSpeedKeys: false).ToJsonString();
    }

    private static JsonObject BuildConfig(PipelineSpec spec, bool includeSpeedKeys)
    {
        var run = new JsonObject
        {
            ["name"] = spec.Run.Name,
            ["seed"] = spec.Run.Seed,
            ["max_error_fraction"] = spec.Run.MaxErrorFraction,
            ["limit"] = spec.Run.Limit,
        };

        // The card's license and languages: in the configuration (and so the run id) only when set, so pipelines without them keep their ids.
        if (spec.Run.License is { } license)
        {
            run["license"] = license;
        }

        if (spec.Run.Language is { } language)
        {
            run["language"] = new JsonArray([.. language.Select(l => JsonValue.Create(l))]);
        }
        if (includeSpeedKeys)
        {
            run["parallelism"] = spec.Run.Parallelism;
            run["capacity"] = spec.Run.Capacity;
        }

        var models = new JsonObject();
        foreach (var (name, model) in spec.Models)
        {
            // Where the servers are and how hard to try change no result (the model's identity says which weights answer).
            models[name] = CommonKeys.Backends.TryGetValue(model.Backend, out var keys) ? Options(keys, model.Options, includeSpeedKeys) : ToJson(model.Options.Values);
        }

        var steps = new JsonArray();
        foreach (var step in spec.Steps)
        {
            var json = new JsonObject
            {
                ["name"] = step.Name,
                ["type"] = step.Definition.Type,
                ["input"] = new JsonArray([.. step.Inputs.Select(i => JsonValue.Create(i))]),
                ["options"] = Options(step.Definition.Options, step.Options, includeSpeedKeys),
            };
            if (includeSpeedKeys)
            {
                json["parallelism"] = step.Parallelism;
                json["capacity"] = step.Capacity;
            }

            steps.Add(json);
        }

        return new JsonObject { ["run"] = run, ["models"] = models, ["steps"] = steps };
    }

    private static JsonObject Options(IReadOnlyList<OptionDefinition> definitions, ResolvedOptions options, bool includeSpeedKeys)
        => ToJson(options.Values.Where(kv => includeSpeedKeys || definitions.FirstOrDefault(d => d.Key == kv.Key)?.AffectsResult != false));

    private static JsonObject ToJson(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var json = new JsonObject();
        foreach (var (key, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            json[key] = value switch
            {
                null => null,
                IReadOnlyList<string> list => new JsonArray([.. list.Select(s => JsonValue.Create(s))]),
                _ => JsonSerializer.SerializeToNode(value),
            };
        }

        return json;
    }

    private static string SeedsHash(PipelineSpec spec)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var step in spec.Steps.Where(s => s.Definition.Type == "read"))
        {
            var root = Path.GetFullPath(step.Options.GetString("path")!, spec.Directory);
            foreach (var file in InputFiles.Enumerate(root))
            {
                var relative = Path.GetRelativePath(spec.Directory, file).Replace('\\', '/');
                hash.AppendData(Encoding.UTF8.GetBytes($"{relative}\n{new FileInfo(file).Length}\n"));
                using var stream = File.OpenRead(file);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
