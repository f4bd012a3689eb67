using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge k8s manifest</c>.</summary>
internal sealed class K8sManifestSettings : CommandSettings
{
    [CommandArgument(0, "<PIPELINE>")]
    [Description("The pipeline file, as the container sees it (relative to --workdir, or absolute).")]
    public string Pipeline { get; init; } = "";

    [CommandOption("--partitions <N>")]
    [Description("How many partitions: the Indexed Job's completions.")]
    public int Partitions { get; init; }

    [CommandOption("--image <IMAGE>")]
    [Description("The container image: the repository checkout with the CLI built and the Debian packages the pipeline needs (pylint, pyflakes3).")]
    public string Image { get; init; } = "";

    [CommandOption("--volume <CLAIM>")]
    [Description("The PersistentVolumeClaim every pod mounts at --data (ReadWriteMany when pods may land on several nodes): partitions, their run stores and the merged run go there.")]
    public string Volume { get; init; } = "dataforge-data";

    [CommandOption("--data <PATH>")]
    [Description("Where the claim is mounted (default /data); the job writes under <data>/<run.name>/.")]
    public string Data { get; init; } = "/data";

    [CommandOption("--workdir <PATH>")]
    [Description("The checkout in the image (default /opt/dataforge).")]
    public string WorkDirectory { get; init; } = "/opt/dataforge";

    [CommandOption("--parallelism <N>")]
    [Description("Partitions running at once (default: all).")]
    public int? Parallelism { get; init; }

    [CommandOption("--cpu <CPU>")]
    [Description("CPU request of each partition's pod (default 2).")]
    public string Cpu { get; init; } = "2";

    [CommandOption("--memory <SIZE>")]
    [Description("Memory request of each pod (default 4Gi).")]
    public string Memory { get; init; } = "4Gi";

    [CommandOption("--set <KEY=VALUE>")]
    [Description("Overrides passed to every partition and to the merge (repeatable).")]
    public string[] Set { get; init; } = [];

    [CommandOption("--limit <N>")]
    [Description("Passed to every partition and to the merge.")]
    public long? Limit { get; init; }

    public override ValidationResult Validate()
    {
        if (Partitions < 1)
        {
            return ValidationResult.Error("--partitions N is required (at least 1)");
        }

        if (string.IsNullOrWhiteSpace(Image))
        {
            return ValidationResult.Error("--image is required");
        }

        return Parallelism is < 1 ? ValidationResult.Error("--parallelism must be at least 1") : ValidationResult.Success();
    }

    /// <summary>The pipeline options every partition and the merge get.</summary>
    public IReadOnlyList<string> PipelineOptions()
        => [.. Set.SelectMany(s => new[] { "--set", s }), .. Limit is { } limit ? new[] { "--limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture) } : []];
}
