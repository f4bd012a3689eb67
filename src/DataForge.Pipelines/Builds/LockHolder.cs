using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataForge.Pipelines.Builds;

/// <summary>Who holds a build lock: written into <c>build.lock</c> as JSON.</summary>
/// <param name="Host">The holder's host name.</param>
/// <param name="Pid">The holder's process id.</param>
/// <param name="PidStart">The process's start time as the kernel counts it (clock ticks since boot), so a reused pid is not taken for the holder; null where unknown.</param>
/// <param name="StartedUtc">When the holder took the lock.</param>
/// <param name="Token">A random token: the holder's own lock is the one carrying its token.</param>
public sealed record LockHolder(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("pid_start")] long? PidStart,
    [property: JsonPropertyName("started_utc")] DateTimeOffset StartedUtc,
    [property: JsonPropertyName("token")] string Token)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The holder record of this process, taking the lock now.</summary>
    public static LockHolder ForThisProcess(DateTimeOffset now)
        => new(Environment.MachineName, Environment.ProcessId, ProcessStart(Environment.ProcessId), now, Guid.NewGuid().ToString("N"));

    /// <summary>Parses a lock file's text; null when it is not a holder record (torn or foreign).</summary>
    public static LockHolder? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<LockHolder>(text, Json) is { Host: not null, Token: not null } holder ? holder : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The lock file's text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>True when the holder is a process of this host that is gone (its pid is free, or now names another process).</summary>
    public bool IsGoneOnThisHost()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal))
        {
            return false;
        }

        var start = ProcessStart(Pid);
        return start is null ? !ProcessExists(Pid) : PidStart is { } recorded && recorded != start;
    }

    /// <summary>One line naming the holder, for messages.</summary>
    public string Describe(DateTimeOffset now)
        => string.Create(CultureInfo.InvariantCulture, $"pid {Pid} on {Host}, since {StartedUtc.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} ({Age(now)} ago)");

    private string Age(DateTimeOffset now)
    {
        var age = now - StartedUtc;
        return age.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:F1} h")
            : age.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:F0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, age.TotalSeconds):F0} s");
    }

    // Field 22 of /proc/PID/stat (after the parenthesised command name): the start time in clock ticks since boot.
    private static long? ProcessStart(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static bool ProcessExists(int pid)
    {
        if (Directory.Exists("/proc/self"))
        {
            return Directory.Exists($"/proc/{pid}");
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
