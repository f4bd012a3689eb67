using System.Security.Cryptography;

namespace DataForge.Models.Torch;

/// <summary>A checkpoint's identity: its name and a hash of the bytes that decide its outputs.</summary>
public static class ModelIdentity
{
    private static readonly string[] Hashed = ["config.json", "tokenizer.json", "tokenizer_config.json"];

    /// <summary>
    /// <c>NAME@HASH</c>, HASH being the first 16 hex digits of SHA-256 over <c>config.json</c>, the
    /// tokenizer files and every <c>*.safetensors</c> file (name and content, in ordinal order).
    /// </summary>
    public static string Of(string folder, string name)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Hashed.Select(f => Path.Combine(folder, f)).Where(File.Exists)
            .Concat(Directory.EnumerateFiles(folder, "*.safetensors").Order(StringComparer.Ordinal));
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

        return $"{name}@{Convert.ToHexStringLower(hash.GetHashAndReset())[..16]}";
    }
}
