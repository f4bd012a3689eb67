using System.Globalization;
using System.Text;
using DataForge.Core.Options;

namespace DataForge.Pipelines.Registry;

/// <summary>
/// Renders the pipeline reference (docs/reference.md) from the step definitions: every step type
/// with its role, summary, keys and drop reasons. The docs tests compare the committed file with
/// this rendering, so the reference cannot go stale; <c>dataforge steps --markdown</c> prints it.
/// </summary>
public static class PipelineReference
{
    /// <summary>The whole reference as Markdown.</summary>
    public static string Render(StepRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var text = new StringBuilder();
        text.Append("# Step reference\n\n");
        text.Append("Generated from the step definitions by `dataforge steps --markdown`; a test fails when this file\n");
        text.Append("is stale. Every step also takes the common keys `name`, `type`, `input`, `parallelism` and\n");
        text.Append("`capacity` (see [pipelines.md](pipelines.md)). Keys marked *speed only* never change results:\n");
        text.Append("they stay out of the run id and the cache keys.\n\n");
        text.Append(string.Join(" · ", registry.Types.Select(t => $"[`{t.Type}`](#{t.Type})"))).Append("\n\n");
        foreach (var type in registry.Types)
        {
            text.Append(CultureInfo.InvariantCulture, $"## {type.Type}\n\n");
            text.Append(CultureInfo.InvariantCulture, $"{type.Summary} Role: {type.Role.ToString().ToLowerInvariant()}.\n\n");
            if (type.Options.Count > 0)
            {
                text.Append("| key | type | default | allowed | meaning |\n|---|---|---|---|---|\n");
                foreach (var option in type.Options)
                {
                    text.Append(CultureInfo.InvariantCulture, $"| `{option.Key}` | {KindName(option.Kind)} | {Default(option)} | {Range(option)} | {Escape(option.Description)}{(option.AffectsResult ? "" : " (*speed only*)")} |\n");
                }

                text.Append('\n');
            }

            if (type.Declaration?.Contract.DropReasons is { Count: > 0 } reasons)
            {
                text.Append("Drop reasons: ").Append(string.Join(", ", reasons.Select(r => $"`{r}`"))).Append(".\n\n");
            }

            if (type.Declaration?.Notes is { } notes)
            {
                text.Append(notes.TrimEnd()).Append("\n\n");
            }
        }

        return text.ToString();
    }

    private static string KindName(OptionKind kind) => kind switch
    {
        OptionKind.StringList => "string list",
        OptionKind.ModelRef => "model name",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>A validated value as it would be written in TOML (null: "–").</summary>
    public static string FormatValue(object? value) => value switch
    {
        null => "–",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyList<string> list => $"[{string.Join(", ", list.Select(s => $"\"{s}\""))}]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Default(OptionDefinition option)
        => option.Required ? "*required*" : option.DefaultText is { } text ? text : option.Default is null ? "–" : $"`{FormatValue(option.Default)}`";

    private static string Range(OptionDefinition option)
    {
        if (option.Allowed is { } allowed)
        {
            return string.Join(", ", allowed.Select(a => $"`{a}`"));
        }

        var min = option.Min?.ToString("R", CultureInfo.InvariantCulture);
        var max = option.Max?.ToString("R", CultureInfo.InvariantCulture);
        return (min, max) switch
        {
            (null, null) => "",
            (_, null) => $"≥ {min}",
            (null, _) => $"≤ {max}",
            _ => $"{min} … {max}",
        };
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
