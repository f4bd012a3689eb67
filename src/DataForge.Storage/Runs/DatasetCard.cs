using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataForge.Storage.Runs.Diff;

namespace DataForge.Storage.Runs;

/// <summary>
/// Writes the run folder's <c>README.md</c>: a dataset card with the YAML front matter the Hugging Face hub
/// reads (configs, license, language, task categories, size, features with types) and a body that says
/// what the pipeline did, how to load the data from anywhere, what each column holds, and how lineage and
/// rejects work.
/// </summary>
public static class DatasetCard
{
    /// <summary>The license written when <c>[run] license</c> is not set.</summary>
    public const string UnknownLicense = "unknown";

    private static readonly string[] SelectionTypes = ["select", "select-s2l", "select-less"];

    /// <summary>The card text for a manifest; <paramref name="runFolder"/> (the published folder) makes the load snippets work from any working folder.</summary>
    public static string Render(RunManifest manifest, string? runFolder = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var run = manifest.Config["run"] as JsonObject;
        var text = new StringBuilder();
        text.Append("---\n");
        var configs = CardConfigs.Of(manifest);
        text.Append(CardConfigs.Yaml(configs));
        text.Append($"license: {Yaml(License(manifest))}\n");
        text.Append("language:\n").Append(string.Concat(Languages(manifest).Select(l => $"- {Yaml(l)}\n")));
        text.Append("task_categories:\n- text-generation\n");
        text.Append("tags:\n- synthetic\n- instruction-tuning\n- dataforge\n");
        text.Append($"size_categories:\n- {SizeCategory(manifest.Counts.Kept)}\n");
        text.Append("dataset_info:\n  features:\n");
        foreach (var (name, dtype, _) in CardColumns.All)
        {
            text.Append($"  - name: {name}\n");
            text.Append(dtype switch
            {
                null => "    list:\n    - name: role\n      dtype: string\n    - name: content\n      dtype: string\n",
                "sequence" => "    sequence: string\n",
                _ => $"    dtype: {dtype}\n",
            });
        }

        text.Append("---\n\n");
        text.Append($"# {manifest.Pipeline.Name}\n\n");
        text.Append($"Made by DataForge {manifest.CodeVersion} from `{manifest.Pipeline.File}`; run `{manifest.RunId}`.\n\n");
        text.Append($"- kept records: {manifest.Counts.Kept} (`data/`: {string.Join(", ", configs.SkipLast(1).Select(c => $"`{c.Name}`"))})\n- rejected records: {manifest.Counts.Rejected} (`rejects/`, with `reason` and `raw`)\n");
        text.Append($"- seeds sha256: `{manifest.SeedsSha256}`\n- license: {License(manifest)}{(License(manifest) == UnknownLicense ? " (set `license` in the pipeline's `[run]`)" : "")}\n\n");
        Steps(text, manifest);
        if (manifest.Models.Count > 0)
        {
            text.Append("\n## Models\n\n| name | identity | weights sha256 |\n|---|---|---|\n");
            foreach (var model in manifest.Models)
            {
                text.Append($"| {model.Name} | `{model.Id}` | `{model.WeightsSha256}` |\n");
            }
        }

        if (manifest.Diff is { } diff)
        {
            text.Append('\n').Append(RunDiffFormat.Markdown(diff));
        }

        Loading(text, runFolder, configs);
        text.Append("\n## Columns\n\n| column | type | meaning |\n|---|---|---|\n");
        foreach (var (name, dtype, meaning) in CardColumns.All)
        {
            text.Append($"| `{name}` | {dtype switch { null => "list of {role, content}", "sequence" => "list of string", _ => dtype }} | {meaning} |\n");
        }

        text.Append("\n## Lineage and rejects\n\n");
        text.Append("Every derived record names its parent (`parent_id`) and its seed (`root_id`); `operation`, `round`, `model` and `prompt_id` say how it was made. ");
        text.Append("Nothing is dropped silently: every record a step dropped is in `rejects/` with the same columns, plus `raw` (the rejected input line or model output), ");
        text.Append("`step` (the step that dropped it) and `reason`; its counts per step and reason are in the table above. ");
        text.Append("`manifest.json` beside this card holds the resolved configuration, model identities, per-step counts, shard hashes and timings.\n");
        return text.ToString();
    }

    /// <summary>The license the card states: <c>[run] license</c>, or <see cref="UnknownLicense"/>.</summary>
    public static string License(RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return (manifest.Config["run"] as JsonObject)?["license"]?.GetValue<string>() is { Length: > 0 } license ? license : UnknownLicense;
    }

    /// <summary>What to tell the user when the card's license is unknown; null when one is set.</summary>
    public static string? LicenseNote(RunManifest manifest)
        => License(manifest) == UnknownLicense ? "the dataset card says license: unknown; set license in the pipeline's [run] (e.g. license = \"apache-2.0\")" : null;

    private static IReadOnlyList<string> Languages(RunManifest manifest)
        => (manifest.Config["run"] as JsonObject)?["language"] is JsonArray languages && languages.Count > 0
            ? [.. languages.Select(l => l!.GetValue<string>())]
            : ["en"];

    // The steps with their counts; the sink's row says what it wrote; selections show their budget.
    private static void Steps(StringBuilder text, RunManifest manifest)
    {
        var types = (manifest.Config["steps"] as JsonArray)?.OfType<JsonObject>()
            .ToDictionary(s => s["name"]?.GetValue<string>() ?? "", s => s, StringComparer.Ordinal) ?? [];
        text.Append("## Steps\n\n| step | type | in | out | dropped |\n|---|---|---|---|---|\n");
        foreach (var (name, count) in manifest.Counts.Steps)
        {
            var step = types.GetValueOrDefault(name);
            var type = step?["type"]?.GetValue<string>() ?? "";
            var dropped = count.Dropped.Count == 0 ? "" : string.Join(", ", count.Dropped.Select(d => $"{d.Key}: {d.Value}"));
            var output = type.StartsWith("write", StringComparison.Ordinal) && count.Out == 0
                ? $"wrote {count.In.ToString(CultureInfo.InvariantCulture)}"
                : count.Out.ToString(CultureInfo.InvariantCulture);
            if (SelectionTypes.Contains(type) && step?["options"] is JsonObject options)
            {
                var budget = string.Join(", ", options.Where(o => o.Key is "top_k" or "top_fraction" or "min" or "max" or "budget" or "fraction" or "keep" or "keep_fraction" or "score" && o.Value is not null)
                    .Select(o => $"{o.Key} = {o.Value!.ToJsonString()}"));
                dropped = budget.Length == 0 ? dropped : $"{dropped}{(dropped.Length > 0 ? "; " : "")}budget: {budget}";
            }

            text.Append($"| {name} | {type} | {count.In} | {output} | {dropped} |\n");
        }
    }

    private static void Loading(StringBuilder text, string? runFolder, IReadOnlyList<CardConfigs.Config> configs)
    {
        string At(string relative) => runFolder is null ? relative : Path.Combine(runFolder, relative).Replace('\\', '/');
        var first = configs[0];
        var files = string.Join(", ", first.Splits.Select(s => $"{JsonSerializer.Serialize(s.Split)}: {JsonSerializer.Serialize(At(s.Path + ".parquet"))}"));
        var data = At("data/*.parquet");
        text.Append("\n## Loading\n\n");
        text.Append("Each record kind is a config of its own (`instructions`: instruction records and whole conversations; `edit_sequences`: LintSeq programs with their edits), ");
        text.Append("each with a `train` split and, when the write step sets `validation_fraction`, a `validation` split drawn per seed (`root_id`), so a seed and everything derived from it stay on one side; `rejects` holds the dropped records. ");
        text.Append("The paths in the `configs` above are relative to this card: `load_dataset` on this folder (or on the hub, once uploaded) finds them. ");
        text.Append(runFolder is null ? "From elsewhere, put the run folder's path in front of `data/`.\n\n" : "From any working folder, with this run folder's path as it was written:\n\n");
        text.Append($"```python\nfrom datasets import load_dataset\nds = load_dataset(\"parquet\", data_files={{{files}}})  # config {first.Name}\n```\n\n");
        text.Append($"```sql\n-- DuckDB\nSELECT kind, count(*) FROM read_parquet('{data.Replace("'", "''", StringComparison.Ordinal)}') GROUP BY kind;\n```\n");
    }

    // A YAML scalar: plain when safe, else JSON-quoted (which YAML reads as a double-quoted scalar).
    private static string Yaml(string value)
        => value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_') ? value : JsonSerializer.Serialize(value);

    private static string SizeCategory(long n) => n switch
    {
        < 1_000 => "n<1K",
        < 10_000 => "1K<n<10K",
        < 100_000 => "10K<n<100K",
        < 1_000_000 => "100K<n<1M",
        < 10_000_000 => "1M<n<10M",
        _ => "n>10M",
    };
}
