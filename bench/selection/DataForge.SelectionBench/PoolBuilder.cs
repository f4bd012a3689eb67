using System.Text.Json;
using DataForge.Models.Torch;

namespace DataForge.SelectionBench;

/// <summary>
/// Assembles the candidate pool from the seeds and the project's own generation and LintSeq runs, and
/// the target set of one kind, held out of the pool with everything derived from it.
/// </summary>
/// <remarks>
/// Parts, in this order (the first copy of an exact duplicate wins): <c>seeds</c> (the instruction seeds
/// of every file but the target's, and the seed programs), <c>evol</c> and <c>code-evol</c> (the
/// rewrites of round 1 and later; a rewrite whose <c>root_id</c> is a target seed is dropped), and
/// <c>lintseq</c> (each edit sequence as one record: the instruction, answered by its diffs joined by
/// <c>&lt;|diff|&gt;</c>, the reference's training text). Records longer than <c>maxTokens</c> tiny-model
/// tokens as a chat example are left out: IC-IFD never truncates and the tiny model's context is 1,024.
/// The target file is split: every third record goes to LESS as its target set, the rest are the
/// held-out examples the loss is measured on, so LESS never sees them.
/// </remarks>
internal sealed class PoolBuilder(string repository, string targetFile, int maxTokens, double fraction)
{
    private const string DiffToken = "<|diff|>";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<int> BuildAsync(string evolRun, string codeEvolRun, string lintseqRun, string outDirectory)
    {
        Directory.CreateDirectory(outDirectory);
        var targetName = Path.GetFileName(targetFile);
        var targets = PoolRecord.ReadJsonl(Path.Combine(repository, targetFile));
        var heldOutRoots = await HeldOutRootsAsync(evolRun, targetName);

        var parts = new List<(string Name, List<PoolRecord> Records)>
        {
            ("seeds", SeedRecords()),
            ("evol", await EvolvedAsync(evolRun, heldOutRoots, targetName)),
            ("code-evol", await EvolvedAsync(codeEvolRun, [], targetName)),
            ("lintseq", await EditSequencesAsync(lintseqRun)),
        };

        using var model = TorchLanguageModel.Load(Path.Combine(repository, "models", "tiny"));
        var targetInstructions = targets.Select(t => t.Instruction).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, object>();
        var total = 0;
        foreach (var (name, records) in parts)
        {
            var kept = records.Where(r => r.Output.Length > 0 && !targetInstructions.Contains(r.Instruction) && seen.Add(r.Key) && Fits(model, r)).ToList();
            PoolRecord.WriteJsonl(Path.Combine(outDirectory, name + ".jsonl"), kept);
            counts[name] = new { made = records.Count, kept = kept.Count };
            total += kept.Count;
            Console.Error.WriteLine($"pool: {name}: {kept.Count} of {records.Count} (duplicates, empty outputs and records over {maxTokens} tokens left out)");
        }

        var budget = (int)Math.Round(total * fraction, MidpointRounding.AwayFromZero);
        PoolRecord.WriteJsonl(Path.Combine(outDirectory, "less-target.jsonl"), targets.Where((_, i) => i % 3 == 0), subtask: Path.GetFileNameWithoutExtension(targetFile));
        PoolRecord.WriteJsonl(Path.Combine(outDirectory, "heldout.jsonl"), targets.Where((_, i) => i % 3 != 0));
        var info = new { pool = total, budget, fraction, target_file = targetFile, held_out_roots = heldOutRoots.Count, max_tokens = maxTokens, parts = counts };
        File.WriteAllText(Path.Combine(outDirectory, "pool.json"), JsonSerializer.Serialize(info, Indented));
        Console.Error.WriteLine($"pool: {total} records, budget {budget} ({fraction:P0}); target {targetFile}: {targets.Count} records, {heldOutRoots.Count} lineage roots held out");
        return budget;
    }

    private List<PoolRecord> SeedRecords()
    {
        var files = Directory.GetFiles(Path.Combine(repository, "seeds", "instructions"), "*.jsonl")
            .Concat(Directory.GetFiles(Path.Combine(repository, "seeds", "programs"), "*.jsonl"))
            .Where(f => Path.GetFullPath(f) != Path.GetFullPath(Path.Combine(repository, targetFile)))
            .Order(StringComparer.Ordinal);
        return [.. files.SelectMany(PoolRecord.ReadJsonl)];
    }

    // Root ids of the target file's seeds, from the generation run's kept and rejected rows.
    private static async Task<HashSet<string>> HeldOutRootsAsync(string run, string targetName)
    {
        var roots = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in RunShards.KeptAsync(run))
        {
            AddIfTarget(roots, row.Source, row.RootId ?? row.Id, targetName);
        }

        await foreach (var row in RunShards.RejectedAsync(run))
        {
            AddIfTarget(roots, row.Source, row.RootId ?? row.Id, targetName);
        }

        return roots;
    }

    private static void AddIfTarget(HashSet<string> roots, string? source, string root, string targetName)
    {
        if (source is not null && source.Contains(targetName, StringComparison.Ordinal))
        {
            roots.Add(root);
        }
    }

    private static async Task<List<PoolRecord>> EvolvedAsync(string run, HashSet<string> heldOutRoots, string targetName)
    {
        var records = new List<PoolRecord>();
        await foreach (var row in RunShards.KeptAsync(run))
        {
            var derivedFromTarget = row.RootId is { } root && heldOutRoots.Contains(root);
            if ((row.Round ?? 0) > 0 && !derivedFromTarget && !(row.Source ?? "").Contains(targetName, StringComparison.Ordinal))
            {
                records.Add(new PoolRecord(row.Instruction ?? "", row.Input ?? "", row.Output ?? ""));
            }
        }

        return records;
    }

    private static async Task<List<PoolRecord>> EditSequencesAsync(string run)
    {
        var records = new List<PoolRecord>();
        await foreach (var row in RunShards.KeptAsync(run))
        {
            if (row.Edits is { Count: > 0 } edits)
            {
                records.Add(new PoolRecord(row.Instruction ?? "", "", DiffToken + string.Join("\n" + DiffToken, edits)));
            }
        }

        return records;
    }

    private bool Fits(TorchLanguageModel model, PoolRecord record)
    {
        var example = model.Example(record.Prompt, record.Output);
        return model.Tokenizer.Encode(example.Prompt + example.Response, allowSpecial: true).Length <= maxTokens;
    }
}
