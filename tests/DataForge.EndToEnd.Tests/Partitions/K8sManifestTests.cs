using System.Diagnostics;
using DataForge.Testing;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace DataForge.EndToEnd.Tests.Partitions;

/// <summary>
/// <c>dataforge k8s manifest</c>: no cluster is reachable here, so the two Jobs are parsed and their fields
/// checked, and then their containers' commands are run locally the way Kubernetes would run them (each index
/// with <c>JOB_COMPLETION_INDEX</c> set, the merge after its init container): the result is the single-machine run.
/// </summary>
public sealed class K8sManifestTests
{
    [Fact]
    public async Task Manifest_IndexedJobAndMergeJob_RunLocally_EqualTheSingleMachineRun()
    {
        // Arrange: the claim's mount is a temporary folder and the image's checkout is this repository.
        using var temp = new TempFolder();
        var data = temp.Combine("data");
        var printed = await CliRunner.RunAsync(CliRunner.RepoRoot, "k8s", "manifest", "pipelines/lintseq.toml", "--partitions", "3", "--image", "registry.example.com/dataforge:1", "--volume", "shared", "--data", data, "--workdir", CliRunner.RepoRoot, "--limit", "4");
        Assert.True(printed.ExitCode == 0, printed.ToString());
        var yaml = new YamlStream();
        yaml.Load(new StringReader(printed.Stdout));
        var (partitions, merge) = (Root(yaml, 0), Root(yaml, 1));

        // Assert: the fields Kubernetes needs.
        Assert.Equal("Indexed", Scalar(partitions, "spec", "completionMode"));
        Assert.Equal("3", Scalar(partitions, "spec", "completions"));
        Assert.Equal("3", Scalar(partitions, "spec", "parallelism"));
        Assert.Equal("Never", Scalar(partitions, "spec", "template", "spec", "restartPolicy"));
        var partition = Single(partitions, "spec", "template", "spec", "containers");
        Assert.Equal("registry.example.com/dataforge:1", Scalar(partition, "image"));
        var index = (YamlMappingNode)((YamlSequenceNode)partition.Children["env"]).Single();
        Assert.Equal("JOB_COMPLETION_INDEX", Scalar(index, "name"));
        Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", Scalar(index, "valueFrom", "fieldRef", "fieldPath"));
        Assert.All(new[] { partitions, merge }, job => Assert.Equal("shared", Scalar((YamlMappingNode)((YamlSequenceNode)At(job, "spec", "template", "spec", "volumes")).Single(), "persistentVolumeClaim", "claimName")));
        var wait = Single(merge, "spec", "template", "spec", "initContainers");
        var merger = Single(merge, "spec", "template", "spec", "containers");

        // Act: the three indices, then the merge Job (its init container first), as their pods would run them.
        for (var i = 0; i < 3; i++)
        {
            var run = await RunContainerAsync(partition, new() { ["JOB_COMPLETION_INDEX"] = $"{i}" });
            Assert.True(run.ExitCode == 0, run.Output);
        }

        var waited = await RunContainerAsync(wait, []);
        var merged = await RunContainerAsync(merger, []);
        var single = await CliRunner.RunAsync(CliRunner.RepoRoot, "run", "pipelines/lintseq.toml", "--limit", "4", "--out", temp.Combine("single"), "--store", temp.Combine("single.sqlite"));

        // Assert
        Assert.True(waited.ExitCode == 0, waited.Output);
        Assert.True(merged.ExitCode == 0, merged.Output);
        Assert.True(single.ExitCode == 0, single.ToString());
        PartitionRuns.AssertSameRun(temp.Combine("single"), Path.Combine(data, "lintseq", "run"));
    }

    [Fact]
    public async Task CommittedExample_IsWhatTheCommandPrints()
    {
        // Act: the command of deploy/README.md.
        var printed = await CliRunner.RunAsync(CliRunner.RepoRoot, "k8s", "manifest", "pipelines/lintseq.toml", "--partitions", "4", "--image", "registry.example.com/dataforge:latest", "--volume", "dataforge-data");

        // Assert
        Assert.True(printed.ExitCode == 0, printed.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "deploy", "kubernetes", "partitioned-jobs.yaml")), printed.Stdout);
    }

    // A container's command as its pod runs it: $(VAR) expanded from its env, the checkout's ./dataforge as the built CLI.
    private static async Task<(int ExitCode, string Output)> RunContainerAsync(YamlMappingNode container, Dictionary<string, string> environment)
    {
        var command = ((YamlSequenceNode)container.Children["command"]).Select(n => ((YamlScalarNode)n).Value!)
            .Select(a => environment.Aggregate(a, (text, v) => text.Replace($"$({v.Key})", v.Value, StringComparison.Ordinal))).ToList();
        var info = command[0] == Path.Combine(CliRunner.RepoRoot, "dataforge")
            ? CliRunner.StartInfo(CliRunner.RepoRoot, [.. command.Skip(1)])
            : new ProcessStartInfo(command[0], command.Skip(1)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        return (process.ExitCode, $"{string.Join(' ', command)}\n{await stdout}{await stderr}");
    }

    private static YamlMappingNode Root(YamlStream yaml, int document) => (YamlMappingNode)yaml.Documents[document].RootNode;

    private static YamlNode At(YamlMappingNode node, params string[] path)
        => path.Aggregate((YamlNode)node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlMappingNode node, params string[] path) => ((YamlScalarNode)At(node, path)).Value!;

    private static YamlMappingNode Single(YamlMappingNode node, params string[] path) => (YamlMappingNode)((YamlSequenceNode)At(node, path)).Single();
}
