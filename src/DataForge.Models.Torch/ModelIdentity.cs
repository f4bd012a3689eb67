using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace DataForge.Models.Torch;

/// <summary>A checkpoint's identity: its name and a hash of the bytes that decide its outputs.</summary>
public static class ModelIdentity
{
    private static readonly string[] Hashed = ["config.json", "tokenizer.json", "tokenizer_config.json"];

    // Hashes already computed in this process, by the files' paths, sizes and write times.
    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);

    /// <summary>
    /// <c>NAME@HASH</c>, HASH being the first 16 hex digits of SHA-256 over <c>config.json</c>, the
    /// tokenizer files and every <c>*.safetensors</c> file (name and content, in ordinal order).
    /// A folder whose files are unchanged (paths, sizes, write times) is hashed once per process.
    /// </summary>
    public static string Of(string folder, string name)
    {
        var files = Files(folder);
        var stamp = string.Join('\n', files.Select(f => new FileInfo(f)).Select(f => $"{f.FullName}\t{f.Length}\t{f.LastWriteTimeUtc.Ticks}"));
        return $"{name}@{Known.GetOrAdd(stamp, _ => Hash(files))}";
    }

    /// <summary>
    /// <c>NAME@HASH</c> of a single weights file (a GGUF file), HASH being the first 16 hex digits of SHA-256
    /// over its bytes; remembered per process like a folder's.
    /// </summary>
    public static string OfFile(string path, string name)
    {
        var file = new FileInfo(path);
        var stamp = $"file\t{file.FullName}\t{file.Length}\t{file.LastWriteTimeUtc.Ticks}";
        return $"{name}@{Known.GetOrAdd(stamp, _ => HashFile(file.FullName))}";
    }

    /// <summary>A file's name without its extension: <c>tiny-q8_0</c> for <c>models/tiny-q8_0.gguf</c>.</summary>
    public static string NameOfFile(string path) => Path.GetFileNameWithoutExtension(Path.GetFullPath(path));

    /// <summary>The identity of a folder under its own name (what <see cref="TorchLanguageModel.Load"/> gives it by default).</summary>
    public static string OfFolder(string folder) => Of(folder, NameOf(folder));

    /// <summary>A folder's name: <c>tiny</c> for <c>models/tiny/</c>.</summary>
    public static string NameOf(string folder) => Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));

    private static List<string> Files(string folder)
        => [.. Hashed.Select(f => Path.Combine(folder, f)).Where(File.Exists)
            .Concat(Directory.EnumerateFiles(folder, "*.safetensors").Order(StringComparer.Ordinal))];

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }

    private static string Hash(List<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (var file in files)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0"));
            using var stream = File.OpenRead(file);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer.AsSpan(0, read));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
