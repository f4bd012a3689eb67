using System.Globalization;
using System.Text.Json;

namespace DataForge.Cli.Commands;

/// <summary>
/// The two Kubernetes Jobs of a partitioned run, as YAML: an Indexed Job whose pod I runs partition I
/// (<c>--partition auto</c> reads <c>JOB_COMPLETION_INDEX</c>), and the merge Job, whose init container
/// waits until every partition folder is complete. Every string is written JSON-quoted (valid YAML).
/// </summary>
internal static class K8sManifest
{
    public static string Render(K8sManifestSettings settings, string name)
    {
        var root = $"{settings.Data.TrimEnd('/')}/{name}";
        var parts = $"{root}/partitions";
        var job = Slug(name);
        var options = settings.PipelineOptions();
        var partition = new List<string> { $"{settings.WorkDirectory.TrimEnd('/')}/dataforge", "run", settings.Pipeline, "--partition", "auto", "--partitions", Number(settings.Partitions), "--out", $"{parts}/part-$(JOB_COMPLETION_INDEX)" };
        partition.AddRange(options);
        var merge = new List<string> { $"{settings.WorkDirectory.TrimEnd('/')}/dataforge", "merge", settings.Pipeline };
        merge.AddRange(Enumerable.Range(0, settings.Partitions).Select(i => $"{parts}/part-{Number(i)}"));
        merge.AddRange(["--out", $"{root}/run"]);
        merge.AddRange(options);
        var wait = $"until [ \"$(ls {parts}/part-*/partition.json 2>/dev/null | wc -l)\" -ge {Number(settings.Partitions)} ]; do sleep 30; done";

        var labels = $"{{app.kubernetes.io/name: dataforge, dataforge/run: {Q(job)}}}";
        var mount = $"[{{name: data, mountPath: {Q(settings.Data)}}}]";
        var volumes = $"[{{name: data, persistentVolumeClaim: {{claimName: {Q(settings.Volume)}}}}}]";
        var resources = $"{{requests: {{cpu: {Q(settings.Cpu)}, memory: {Q(settings.Memory)}}}}}";
        string[] lines =
        [
            $"# The partitions of pipeline {Q(settings.Pipeline)} (run.name {Q(name)}) on Kubernetes: apply both Jobs at once;",
            $"# the merge waits for all {Number(settings.Partitions)} partition folders on the shared claim, then writes {Q(root + "/run")}.",
            "#   dataforge k8s manifest ... | kubectl apply -f -",
            "apiVersion: batch/v1",
            "kind: Job",
            "metadata:",
            $"  name: {Q(job + "-partitions")}",
            $"  labels: {labels}",
            "spec:",
            "  completionMode: Indexed",
            $"  completions: {Number(settings.Partitions)}",
            $"  parallelism: {Number(settings.Parallelism ?? settings.Partitions)}",
            "  # A failed partition is retried on its own (it resumes from its run store); the others go on.",
            "  backoffLimitPerIndex: 2",
            "  podFailurePolicy:",
            "    rules:",
            "      # Configuration error (2) or over run.max_error_fraction (3): a retry cannot help.",
            "      - action: FailIndex",
            "        onExitCodes: {containerName: partition, operator: In, values: [2, 3]}",
            "      - action: Ignore",
            "        onPodConditions: [{type: DisruptionTarget}]",
            "  template:",
            "    metadata:",
            $"      labels: {labels}",
            "    spec:",
            "      restartPolicy: Never",
            "      containers:",
            "        - name: partition",
            $"          image: {Q(settings.Image)}",
            $"          workingDir: {Q(settings.WorkDirectory)}",
            $"          command: {List(partition)}",
            "          env:",
            "            - name: JOB_COMPLETION_INDEX",
            "              valueFrom: {fieldRef: {fieldPath: \"metadata.annotations['batch.kubernetes.io/job-completion-index']\"}}",
            $"          resources: {resources}",
            $"          volumeMounts: {mount}",
            $"      volumes: {volumes}",
            "---",
            "apiVersion: batch/v1",
            "kind: Job",
            "metadata:",
            $"  name: {Q(job + "-merge")}",
            $"  labels: {labels}",
            "spec:",
            "  completions: 1",
            "  backoffLimit: 2",
            "  template:",
            "    metadata:",
            $"      labels: {labels}",
            "    spec:",
            "      restartPolicy: Never",
            "      initContainers:",
            "        - name: wait-for-partitions",
            $"          image: {Q(settings.Image)}",
            $"          command: {List(["/bin/sh", "-c", wait])}",
            $"          volumeMounts: {mount}",
            "      containers:",
            "        - name: merge",
            $"          image: {Q(settings.Image)}",
            $"          workingDir: {Q(settings.WorkDirectory)}",
            $"          command: {List(merge)}",
            $"          resources: {resources}",
            $"          volumeMounts: {mount}",
            $"      volumes: {volumes}",
        ];
        return string.Join('\n', lines) + "\n";
    }

    // Kubernetes names: lower-case letters, digits and '-', at most 63 characters with the suffixes.
    private static string Slug(string name)
    {
        var slug = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        slug = slug.Length == 0 ? "dataforge" : slug;
        return slug[..Math.Min(slug.Length, 40)];
    }

    // JSON strings are YAML double-quoted scalars; the relaxed encoder keeps quotes and '>' readable (\" and >).
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Q(string text) => JsonSerializer.Serialize(text, Quoting);

    private static string List(IEnumerable<string> items) => $"[{string.Join(", ", items.Select(Q))}]";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
