using System.Diagnostics;
using System.Text.RegularExpressions;
using DataForge.Testing;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace DataForge.EndToEnd.Tests;

/// <summary>
/// The scheduler examples in deploy/: the systemd units pass <c>systemd-analyze verify</c>, the
/// Kubernetes CronJob mounts its claim where the builds go, and the crontab line runs the build
/// without a flock wrapper (the build locks itself).
/// </summary>
public sealed partial class DeployExamplesTests
{
    private static readonly string Deploy = Path.Combine(CliRunner.RepoRoot, "deploy");

    [Fact]
    public async Task SystemdUnits_PassSystemdAnalyzeVerify()
    {
        // Arrange
        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        Assert.True(analyze is not null, "systemd-analyze is missing: install the Debian package systemd (sudo apt-get install systemd); `./dataforge test` installs it");
        using var temp = new TempFolder();
        var service = temp.Combine("dataforge-build.service");
        var timer = temp.Combine("dataforge-build.timer");
        await File.WriteAllLinesAsync(service, RunnableHere(await File.ReadAllLinesAsync(Path.Combine(Deploy, "systemd", "dataforge-build.service"))));
        File.Copy(Path.Combine(Deploy, "systemd", "dataforge-build.timer"), timer);

        // Act
        var (exit, output) = await RunAsync(analyze!, "verify", service, timer);

        // Assert
        // Hosts without a running systemd may print lines about themselves; only lines about the units count.
        var aboutUnits = output.Split('\n').Where(line => line.Contains("dataforge-build.", StringComparison.Ordinal)).ToList();
        Assert.True(aboutUnits.Count == 0, $"systemd-analyze verify (exit {exit}):\n{output}");
    }

    [Fact]
    public void SystemdUnits_OneshotWhereLockedIsNoFailure_TimerCatchesUp()
    {
        // Arrange
        var service = File.ReadAllLines(Path.Combine(Deploy, "systemd", "dataforge-build.service"));
        var timer = File.ReadAllLines(Path.Combine(Deploy, "systemd", "dataforge-build.timer"));

        // Act
        string? Key(string[] unit, string key) => unit.LastOrDefault(l => l.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..];

        // Assert
        Assert.Equal("oneshot", Key(service, "Type"));
        Assert.Matches(@"/dataforge build\b", Key(service, "ExecStart"));
        Assert.Contains("75", Key(service, "SuccessExitStatus")!.Split(' '));
        Assert.Contains("75", Key(service, "RestartPreventExitStatus")!.Split(' '));
        Assert.NotNull(Key(service, "User"));
        Assert.NotNull(Key(service, "TimeoutStartSec"));
        Assert.NotNull(Key(timer, "OnCalendar"));
        Assert.Equal("true", Key(timer, "Persistent"));
        Assert.NotNull(Key(timer, "RandomizedDelaySec"));
    }

    [Fact]
    public void KubernetesCronJob_ForbidsOverlap_MountsTheClaimWhereTheBuildsGo()
    {
        // Arrange
        var job = Load("cronjob.yaml");
        var pvc = Load("pvc.yaml");

        // Act
        var claim = Scalar(pvc, "metadata", "name");
        var pod = Mapping(job, "spec", "jobTemplate", "spec", "template", "spec");
        var container = (YamlMappingNode)Sequence(pod, "containers").Single();
        string[] command = [.. Strings(container, "command"), .. Strings(container, "args")];
        var builds = command.SkipWhile(a => a != "--builds").Skip(1).FirstOrDefault();
        var volume = Sequence(pod, "volumes").Cast<YamlMappingNode>().Single(v => Child(v, "persistentVolumeClaim") is YamlMappingNode c && Scalar(c, "claimName") == claim);
        var mount = Sequence(container, "volumeMounts").Cast<YamlMappingNode>().Single(m => Scalar(m, "name") == Scalar(volume, "name"));
        var mountPath = Scalar(mount, "mountPath").TrimEnd('/');

        // Assert
        Assert.Equal("batch/v1", Scalar(job, "apiVersion"));
        Assert.Equal("CronJob", Scalar(job, "kind"));
        Assert.Equal(5, Scalar(job, "spec", "schedule").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("Forbid", Scalar(job, "spec", "concurrencyPolicy"));
        Assert.True(long.Parse(Scalar(job, "spec", "startingDeadlineSeconds"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains(Scalar(pod, "restartPolicy"), new[] { "Never", "OnFailure" });
        Assert.NotEmpty(Scalar(job, "spec", "jobTemplate", "spec", "backoffLimit"));
        Assert.Contains("build", command);
        Assert.True(builds is not null && (builds.TrimEnd('/') == mountPath || builds.StartsWith(mountPath + "/", StringComparison.Ordinal)), $"--builds {builds} is not under the claim's mount {mountPath}");
        Assert.NotEmpty(Scalar(container, "resources", "requests", "cpu"));
        Assert.NotEmpty(Scalar(container, "resources", "requests", "memory"));
        Assert.NotEmpty(Scalar(container, "image"));
        Assert.Equal("PersistentVolumeClaim", Scalar(pvc, "kind"));
        Assert.Contains("ReadWriteOnce", Strings(Mapping(pvc, "spec"), "accessModes"));
    }

    [Fact]
    public void Crontab_NightlyLine_RunsTheBuildWithoutFlock()
    {
        // Arrange
        var lines = File.ReadAllLines(Path.Combine(Deploy, "cron", "dataforge.crontab"));

        // Act
        var entries = lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !EnvironmentLine().IsMatch(l)).ToList();

        // Assert
        var entry = Assert.Single(entries);
        var fields = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(fields[..5], field => Assert.Matches(ScheduleField(), field));
        var command = string.Join(' ', fields[5..]);
        Assert.Matches(@"(^|[\s/])dataforge build\b", command);
        Assert.DoesNotContain("flock", command, StringComparison.Ordinal);
        Assert.DoesNotContain('%', command); // cron would turn it into a newline
    }

    // The service as it can be verified here: the repository's own script, its folder, and no dedicated user (verify checks that the executable exists).
    private static IEnumerable<string> RunnableHere(string[] service)
    {
        var script = Path.Combine(CliRunner.RepoRoot, "dataforge");
        foreach (var line in service)
        {
            if (line.StartsWith("ExecStart=", StringComparison.Ordinal))
            {
                var path = line["ExecStart=".Length..].Split(' ')[0];
                Assert.EndsWith("/dataforge", path, StringComparison.Ordinal);
                yield return "ExecStart=" + script + line["ExecStart=".Length..][path.Length..];
            }
            else if (line.StartsWith("WorkingDirectory=", StringComparison.Ordinal))
            {
                yield return "WorkingDirectory=" + CliRunner.RepoRoot;
            }
            else if (!line.StartsWith("User=", StringComparison.Ordinal) && !line.StartsWith("Group=", StringComparison.Ordinal))
            {
                yield return line;
            }
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout + await stderr);
    }

    private static YamlMappingNode Load(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Deploy, "kubernetes", file)))
        {
            yaml.Load(reader);
        }

        return Assert.IsType<YamlMappingNode>(Assert.Single(yaml.Documents).RootNode);
    }

    private static YamlNode? Child(YamlMappingNode node, string key)
        => node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static YamlNode At(YamlMappingNode node, string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            current = (current is YamlMappingNode map ? Child(map, key) : null) ?? throw new Xunit.Sdk.XunitException($"no {string.Join('.', path)} (at {key}, line {current.Start.Line})");
        }

        return current;
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, params string[] path) => Assert.IsType<YamlMappingNode>(At(node, path));

    private static YamlSequenceNode Sequence(YamlMappingNode node, params string[] path) => Assert.IsType<YamlSequenceNode>(At(node, path));

    private static string Scalar(YamlMappingNode node, params string[] path) => Assert.IsType<YamlScalarNode>(At(node, path)).Value ?? "";

    private static IEnumerable<string> Strings(YamlMappingNode node, string key)
        => Child(node, key) is YamlSequenceNode items ? items.Cast<YamlScalarNode>().Select(s => s.Value ?? "") : [];

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=")]
    private static partial Regex EnvironmentLine();

    [GeneratedRegex(@"^([0-9]+(-[0-9]+)?(/[0-9]+)?|\*(/[0-9]+)?)(,([0-9]+(-[0-9]+)?(/[0-9]+)?))*$")]
    private static partial Regex ScheduleField();
}
