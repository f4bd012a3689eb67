using System.Text.RegularExpressions;

namespace DataForge.EndToEnd.Tests.Slurm;

/// <summary>One record of <c>scontrol show job -o</c>: a job, or one task of a job array.</summary>
/// <param name="JobId">The record's own job id.</param>
/// <param name="ArrayTaskId">The array task id (or range, while pending), empty for a plain job.</param>
/// <param name="State">PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, ...</param>
/// <param name="Reason">Why it waits (e.g. Dependency, DependencyNeverSatisfied) or None.</param>
/// <param name="ExitCode">The batch script's exit code and signal, as <c>code:signal</c>.</param>
public sealed partial record SlurmJob(string JobId, string ArrayTaskId, string State, string Reason, string ExitCode)
{
    private static readonly HashSet<string> Ended =
        ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE"];

    /// <summary>The job has ended, one way or another.</summary>
    public bool HasEnded => Ended.Contains(State);

    /// <summary>The records of <c>scontrol show job -o</c> output, one a line.</summary>
    public static IReadOnlyList<SlurmJob> Parse(string output)
        => [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseLine)];

    /// <inheritdoc />
    public override string ToString() => $"{JobId}{(ArrayTaskId.Length > 0 ? $" (task {ArrayTaskId})" : "")} {State} reason={Reason} exit={ExitCode}";

    private static SlurmJob ParseLine(string line)
    {
        var fields = Field().Matches(line).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        string Get(string key) => fields.GetValueOrDefault(key, "");
        return new SlurmJob(Get("JobId"), Get("ArrayTaskId"), Get("JobState"), Get("Reason"), Get("ExitCode"));
    }

    [GeneratedRegex(@"(?:^|\s)(\w+)=(\S*)")]
    private static partial Regex Field();
}
