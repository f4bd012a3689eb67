using DataForge.Core.Diagnostics;
using DataForge.Core.Seams;
using DataForge.Models.OpenAi;
using DataForge.Pipelines.Validation;

namespace DataForge.Pipelines.Models;

/// <summary>
/// The <c>openai</c> backend: its model, and its identity — what the servers report in
/// <c>/v1/models</c> (<c>dataforge_identity</c>, with the <c>revision</c> key before it when set), else
/// the <c>revision</c> key, else the model name.
/// </summary>
internal static class OpenAiBackend
{
    public static OpenAiLanguageModel Create(ModelSpec spec, ModelBuildContext context)
    {
        var identity = context.Identities?.GetValueOrDefault(spec.Name) ?? Offline(spec);
        return new OpenAiLanguageModel(Options(spec) with { Identity = identity.Identity }, context.Cache);
    }

    public static async Task<ResolvedModelIdentity> ResolveAsync(ModelSpec spec, ModelBuildContext context, CancellationToken cancellationToken)
    {
        var options = Options(spec);
        if (await OpenAiIdentityProbe.ResolveAsync(options, null, cancellationToken).ConfigureAwait(false) is not { } reported)
        {
            return Offline(spec);
        }

        // A revision the user set stays part of the identity: changing it always means "recompute".
        var revision = spec.Options.GetString("revision") is { } r ? $"{r}@" : "";
        return new ResolvedModelIdentity($"openai:{options.Model}@{revision}{reported}", ResolvedModelIdentity.Server);
    }

    // Without asking the servers: the revision the user set, else the name alone.
    private static ResolvedModelIdentity Offline(ModelSpec spec)
    {
        var model = spec.Options.GetString("model") ?? spec.Name;
        return spec.Options.GetString("revision") is { } revision
            ? new ResolvedModelIdentity($"openai:{model}@{revision}", ResolvedModelIdentity.Revision)
            : new ResolvedModelIdentity($"openai:{model}", ResolvedModelIdentity.Name);
    }

    private static OpenAiModelOptions Options(ModelSpec spec)
    {
        var keyVariable = spec.Options.GetString("api_key_env");
        var key = keyVariable is null ? null : Environment.GetEnvironmentVariable(keyVariable);
        if (keyVariable is not null && string.IsNullOrEmpty(key))
        {
            throw new DataForgeConfigException($"[models.{spec.Name}]: api_key_env names {keyVariable}, which is not set");
        }

        return new OpenAiModelOptions
        {
            BaseUrls = [.. (spec.Options.GetStringList("urls") ?? []).Select(u => new Uri(u))],
            Model = spec.Options.GetString("model") ?? spec.Name,
            ApiKey = key,
            RequestTimeout = TimeSpan.FromSeconds(spec.Options.GetInteger("timeout_seconds") ?? 120),
            MaxRetries = (int)(spec.Options.GetInteger("max_retries") ?? 5),
            MaxConcurrencyPerEndpoint = (int)(spec.Options.GetInteger("concurrency") ?? 4),
            EjectAfterFailures = (int)(spec.Options.GetInteger("eject_after_failures") ?? 3),
            EjectionCoolDown = TimeSpan.FromSeconds(spec.Options.GetFloat("ejection_seconds") ?? 1),
            MaxEjectionCoolDown = TimeSpan.FromSeconds(spec.Options.GetFloat("max_ejection_seconds") ?? 30),
        };
    }
}
