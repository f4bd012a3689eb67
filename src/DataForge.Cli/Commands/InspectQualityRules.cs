using System.Globalization;
using System.Text.Json.Nodes;
using DataForge.Core.Quality;
using DataForge.Storage.Runs;

namespace DataForge.Cli.Commands;

/// <summary>The <c>inspect</c> section of each <c>quality-filter</c> step: every rule in checking order with its drops (the first failing rule decides).</summary>
internal static class InspectQualityRules
{
    /// <summary>Prints one table per quality-filter step of the run (none when it has none).</summary>
    public static void Print(RunManifest manifest)
    {
        foreach (var (name, options) in QualitySteps(manifest.Config))
        {
            if (!manifest.Counts.Steps.TryGetValue(name, out var count))
            {
                continue;
            }

            Console.WriteLine();
            var keeping = options?["drop"]?.GetValue<bool>() == false;
            Console.WriteLine(keeping
                ? $"quality rules of step '{name}': drop = false, every record kept (meta.quality.failed holds each one's failed rules)"
                : $"quality rules of step '{name}' ({count.In} in, {count.Out} kept; each drop counted under the first rule it failed):");
            var skipped = options?["skip"] is JsonArray skip ? skip.Select(s => s?.GetValue<string>()).ToHashSet(StringComparer.Ordinal) : [];
            foreach (var reason in QualityRules.Reasons)
            {
                var rule = reason["quality_".Length..];
                var dropped = count.Dropped.GetValueOrDefault(reason);
                var share = count.In == 0 || dropped == 0 ? "" : (100.0 * dropped / count.In).ToString("0.0", CultureInfo.InvariantCulture) + "%";
                var note = skipped.Contains(rule) ? "skipped" : reason == QualityRules.ParserFailedReason ? "error" : "";
                Console.WriteLine($"  {rule,-20} {dropped,8} {share,7}  {note}".TrimEnd());
            }
        }
    }

    private static IEnumerable<(string Name, JsonObject? Options)> QualitySteps(JsonObject config)
        => config["steps"] is JsonArray steps
            ? steps.OfType<JsonObject>()
                .Where(s => s["type"]?.GetValue<string>() == "quality-filter")
                .Select(s => (s["name"]!.GetValue<string>(), s["options"] as JsonObject))
            : [];
}
