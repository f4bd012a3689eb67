using System.Globalization;
using DataForge.Core.Diagnostics;
using DataForge.Core.Engine;

namespace DataForge.Cli.Commands;

/// <summary>
/// <c>--partition I/N</c>, or <c>auto</c>: the index from a Slurm job array (<c>SLURM_ARRAY_TASK_ID</c>,
/// N from <c>SLURM_ARRAY_TASK_COUNT</c> or <c>--partitions</c>) or a Kubernetes Indexed Job
/// (<c>JOB_COMPLETION_INDEX</c>, N from <c>--partitions</c>).
/// </summary>
internal static class PartitionArgument
{
    /// <summary>Parses <c>I/N</c> with 0 &lt;= I &lt; N.</summary>
    public static bool TryParse(string text, out RecordPartition partition)
    {
        partition = new RecordPartition(0, 1);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index < count)
        {
            partition = new RecordPartition(index, count);
            return true;
        }

        return false;
    }

    /// <summary>The partition <paramref name="text"/> names, reading <paramref name="environment"/> for <c>auto</c>.</summary>
    public static RecordPartition Resolve(string text, int? partitions, Func<string, string?> environment)
    {
        if (text != "auto")
        {
            return TryParse(text, out var given) ? given : throw new DataForgeConfigException($"--partition {text}: expected I/N (0 <= I < N) or auto");
        }

        if (Number(environment, "SLURM_ARRAY_TASK_ID") is { } task)
        {
            var count = Number(environment, "SLURM_ARRAY_TASK_COUNT");
            if (partitions is { } n && count is { } c && n != c)
            {
                throw new DataForgeConfigException($"--partitions {n} but the Slurm job array has SLURM_ARRAY_TASK_COUNT={c} tasks");
            }

            return Checked(task, partitions ?? count ?? throw new DataForgeConfigException("--partition auto: SLURM_ARRAY_TASK_ID is set but not SLURM_ARRAY_TASK_COUNT; give --partitions N"), "SLURM_ARRAY_TASK_ID");
        }

        if (Number(environment, "JOB_COMPLETION_INDEX") is { } index)
        {
            return Checked(index, partitions ?? throw new DataForgeConfigException("--partition auto: JOB_COMPLETION_INDEX is set; give --partitions N (the Indexed Job's completions)"), "JOB_COMPLETION_INDEX");
        }

        throw new DataForgeConfigException("--partition auto: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give --partition I/N");
    }

    private static RecordPartition Checked(int index, int count, string variable)
        => index < count ? new RecordPartition(index, count) : throw new DataForgeConfigException($"--partition auto: {variable}={index} is not below the {count} partitions (array indices must run from 0)");

    private static int? Number(Func<string, string?> environment, string name)
        => environment(name) is { Length: > 0 } value
            ? int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : throw new DataForgeConfigException($"--partition auto: {name}={value} is not a whole number")
            : null;
}
