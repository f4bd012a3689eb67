using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Models.Tokenization;

namespace DataForge.Models.Torch.Tiny;

/// <summary>
/// The embedded model's training text: every JSONL record with an <c>instruction</c> and an
/// <c>output</c> becomes a ChatML conversation (so the model learns the chat format it is used
/// with); Markdown, TOML, Python and C# files are plain documents. Each JSONL file's records also
/// appear in the two plain-text task formats the generation steps prompt with: numbered lists of
/// instructions (<c>"1. {instruction} |EoS|"</c>, eight to a document) and task blocks
/// (<c>instruction:</c> / <c>input:</c> / <c>output:</c> lines, then <c>|EoS|</c>, four to a
/// document), so the model can continue those prompts. Files are read in ordinal path order, so the
/// corpus depends only on the files' content.
/// </summary>
public sealed class TinyCorpus
{
    private static readonly string[] Extensions = [".jsonl", ".md", ".txt", ".toml", ".py", ".cs"];

    private TinyCorpus(IReadOnlyList<string> documents, IReadOnlyList<string> plainTexts, long bytes)
    {
        Documents = documents;
        PlainTexts = plainTexts;
        Bytes = bytes;
    }

    /// <summary>Training documents (conversations already in ChatML).</summary>
    public IReadOnlyList<string> Documents { get; }

    /// <summary>The same text without chat markup, for training the tokenizer.</summary>
    public IReadOnlyList<string> PlainTexts { get; }

    /// <summary>UTF-8 bytes read.</summary>
    public long Bytes { get; }

    /// <summary>SHA-256 (hex) of the training documents in order: two trainings saw the same text exactly when these agree.</summary>
    public string Sha256
    {
        get
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var document in Documents)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(document));
                hash.AppendData([0]);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
    }

    /// <summary>Reads the given files and folders (recursively; hidden folders, <c>bin</c>, <c>obj</c> and <c>output</c> skipped).</summary>
    public static TinyCorpus Read(IEnumerable<string> roots)
    {
        var files = roots.SelectMany(Files).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var documents = new List<string>();
        var plain = new List<string>();
        long bytes = 0;
        var chat = ChatFormat.For(ChatFormatKind.ChatMl);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file, Encoding.UTF8);
            bytes += Encoding.UTF8.GetByteCount(text);
            if (file.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                var tasks = Tasks(text).ToList();
                foreach (var task in tasks)
                {
                    var example = chat.RenderTraining([new ChatMessage("user", task.Prompt)], task.Output);
                    documents.Add(example.Prompt + example.Response);
                    plain.Add(task.Prompt);
                    plain.Add(task.Output);
                }

                foreach (var document in TaskFormats(tasks))
                {
                    documents.Add(document);
                    plain.Add(document);
                }
            }
            else if (text.Trim().Length > 0)
            {
                documents.Add(text);
                plain.Add(text);
            }
        }

        return new TinyCorpus(documents, plain, bytes);
    }

    private static IEnumerable<string> Files(string root)
    {
        if (File.Exists(root))
        {
            return [Path.GetFullPath(root)];
        }

        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"corpus folder not found: {root}");
        }

        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.') || part is "bin" or "obj" or "output"))
            .Select(Path.GetFullPath);
    }

    // Numbered instruction lists (eight per document) and instruction / input / output blocks (four per document).
    private static IEnumerable<string> TaskFormats(IReadOnlyList<SeedTask> tasks)
    {
        foreach (var chunk in tasks.Chunk(8))
        {
            var list = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                list.Append(i + 1).Append(". ").Append(string.Join(' ', chunk[i].Instruction.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Append(" |EoS|\n");
            }

            yield return list.ToString();
        }

        foreach (var chunk in tasks.Chunk(4))
        {
            var blocks = new StringBuilder();
            foreach (var task in chunk)
            {
                blocks.Append("instruction: ").Append(task.Instruction.Trim()).Append('\n');
                if (!string.IsNullOrWhiteSpace(task.Input))
                {
                    blocks.Append("input: ").Append(task.Input.Trim()).Append('\n');
                }

                blocks.Append("output: ").Append(task.Output.Trim()).Append("\n|EoS|\n\n");
            }

            yield return blocks.ToString();
        }
    }

    private static IEnumerable<SeedTask> Tasks(string jsonl)
    {
        foreach (var line in jsonl.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            JsonElement root;
            try
            {
                root = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException)
            {
                continue; // the corpus is best effort: a bad line is skipped, not fatal
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("instruction", out var instruction) || !root.TryGetProperty("output", out var output)
                || instruction.ValueKind != JsonValueKind.String || output.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var input = root.TryGetProperty("input", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            yield return new SeedTask(instruction.GetString()!, input, output.GetString()!);
        }
    }

    private sealed record SeedTask(string Instruction, string? Input, string Output)
    {
        public string Prompt => string.IsNullOrWhiteSpace(Input) ? Instruction : $"{Instruction}\n\n{Input}";
    }
}
