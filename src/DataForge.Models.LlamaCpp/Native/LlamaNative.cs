using System.Collections.Concurrent;
using LLama.Native;

namespace DataForge.Models.LlamaCpp.Native;

/// <summary>
/// llama.cpp's native library, loaded once per process (LLamaSharp picks the build for this CPU: AVX-512,
/// AVX2, AVX or none). Its log goes nowhere but a short ring of warnings and errors, which the
/// exceptions of a failed load or decode quote.
/// </summary>
internal static class LlamaNative
{
    private const int Kept = 20;
    private static readonly Lock Gate = new();
    private static readonly ConcurrentQueue<string> Recent = new();
    private static readonly NativeLogConfig.LLamaLogCallback Callback = Log; // held: native code calls it
    private static bool _loaded;

    /// <summary>Loads the library (once) with the log routed to <see cref="RecentErrors"/>.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded)
            {
                return;
            }

            NativeLibraryConfig.All.WithLogCallback(Callback);
            NativeApi.llama_empty_call();
            NativeLogConfig.llama_log_set(Callback);
            _loaded = true;
        }
    }

    /// <summary>The last warnings and errors llama.cpp logged, oldest first, joined by "; " (empty when none).</summary>
    public static string RecentErrors() => string.Join("; ", Recent.ToArray());

    /// <summary>Forgets the logged lines (before an operation whose failure should quote only its own).</summary>
    public static void ClearErrors() => Recent.Clear();

    private static void Log(LLamaLogLevel level, string message)
    {
        if (level is not (LLamaLogLevel.Warning or LLamaLogLevel.Error) || string.IsNullOrWhiteSpace(message))
        {
            return;
        }

        Recent.Enqueue(message.Trim());
        while (Recent.Count > Kept && Recent.TryDequeue(out _))
        {
        }
    }
}
