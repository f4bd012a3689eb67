using System.Diagnostics;

namespace DataForge.Pipelines.Runs;

/// <summary>
/// Named points where a run or build can be killed on purpose (SIGKILL to itself, as <c>kill -9</c>
/// would), so tests can show that the next run recovers from a crash at exactly that point. Set
/// <c>DATAFORGE_CRASH_AT</c> to a point's name; unset, the points cost one environment lookup.
/// </summary>
public static class CrashPoint
{
    /// <summary>The environment variable naming the point to die at.</summary>
    public const string Variable = "DATAFORGE_CRASH_AT";

    /// <summary>Every result is in the run store and the staging folder is complete; nothing is published yet.</summary>
    public const string BeforePublish = "before-publish";

    /// <summary>The run or build folder is published; <c>latest</c> is not switched yet.</summary>
    public const string Published = "published";

    /// <summary>A build's <c>latest</c> is switched; old builds are not pruned yet and the lock is still held.</summary>
    public const string LatestSwitched = "latest-switched";

    /// <summary>Dies here (SIGKILL) when <see cref="Variable"/> names <paramref name="point"/>.</summary>
    public static void Reach(string point)
    {
        if (string.Equals(Environment.GetEnvironmentVariable(Variable), point, StringComparison.Ordinal))
        {
            using var self = Process.GetCurrentProcess();
            self.Kill();
        }
    }
}
