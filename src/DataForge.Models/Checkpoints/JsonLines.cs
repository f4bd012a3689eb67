using System.Text;

namespace DataForge.Models.Checkpoints;

/// <summary>Where a key of a JSON file is written, for located messages.</summary>
internal static class JsonLines
{
    /// <summary>The 1-based line and column of the first <c>"key"</c> in <paramref name="bytes"/>; (0, 0) when not found.</summary>
    public static (int Line, int Column) Find(byte[] bytes, string key)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var at = text.IndexOf($"\"{key}\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return (0, 0);
        }

        var lineStart = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        return (text.AsSpan(0, at).Count('\n') + 1, at - lineStart + 1);
    }
}
