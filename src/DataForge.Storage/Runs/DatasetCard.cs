using System.Text;
using DataForge.Storage.Runs.Diff;

namespace DataForge.Storage.Runs;

/// <summary>Writes the run folder's <c>README.md</c>: a dataset card with the YAML front matter the Hugging Face hub reads.</summary>
public static class DatasetCard
{
    /// <summary>The card text for a manifest.</summary>
    public static string Render(RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append("configs:\n- config_name: default\n  data_files:\n  - split: train\n    path: data/train-*\n");
        text.Append("- config_name: rejects\n  data_files:\n  - split: train\n    path: rejects/rejects-*\n");
        text.Append("tags:\n- synthetic\n- instruction-tuning\n- dataforge\n");
        text.Append($"size_categories:\n- {SizeCategory(manifest.Counts.Kept)}\n");
        text.Append("---\n\n");
        text.Append($"# {manifest.Pipeline.Name}\n\n");
        text.Append($"Made by DataForge {manifest.CodeVersion} from `{manifest.Pipeline.File}`; run `{manifest.RunId}`.\n\n");
        text.Append($"- kept records: {manifest.Counts.Kept} (`data/`)\n- rejected records: {manifest.Counts.Rejected} (`rejects/`, with `reason` and `raw`)\n");
        text.Append($"- seeds sha256: `{manifest.SeedsSha256}`\n\n");
        text.Append("## Steps\n\n| step | in | out | dropped |\n|---|---|---|---|\n");
        foreach (var (name, count) in manifest.Counts.Steps)
        {
            var dropped = count.Dropped.Count == 0 ? "" : string.Join(", ", count.Dropped.Select(d => $"{d.Key}: {d.Value}"));
            text.Append($"| {name} | {count.In} | {count.Out} | {dropped} |\n");
        }

        if (manifest.Diff is { } diff)
        {
            text.Append('\n').Append(RunDiffFormat.Markdown(diff));
        }

        text.Append("\n## Loading\n\n```python\nfrom datasets import load_dataset\nds = load_dataset(\"parquet\", data_files=\"data/train-*.parquet\")\n```\n\n");
        text.Append("`manifest.json` beside this card holds the resolved configuration, model ids, per-step counts, shard hashes and timings.\n");
        return text.ToString();
    }

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
