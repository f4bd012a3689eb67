using DataForge.LintSeq.Linters;
using Xunit;

namespace DataForge.LintSeq.Tests.Linters;

public sealed class PythonWorkerPoolTests
{
    private static readonly Dictionary<string, string> TestHooks = new() { ["DATAFORGE_LINT_WORKER_TEST"] = "1" };

    [Fact]
    public async Task SendAsync_WorkerHangs_ThrowsLinterFailedThenNextCallSucceeds()
    {
        // Arrange
        var options = new PythonLinterOptions { WorkerCount = 1, CallTimeout = TimeSpan.FromSeconds(3), WorkerEnvironment = TestHooks };
        await using var linter = await PyflakesLinter.CreateAsync(options);
        var before = linter.Pool.ProcessIds.Single();

        // Act
        var failure = await Assert.ThrowsAsync<LinterFailedException>(() => linter.Pool.SendAsync(null, "hang", CancellationToken.None));
        var next = await linter.LintAsync("print(y)\n", CancellationToken.None);

        // Assert
        Assert.Contains("did not answer within 3 s", failure.Message, StringComparison.Ordinal);
        Assert.Equal("UndefinedName", Assert.Single(next).Code);
        Assert.NotEqual(before, linter.Pool.ProcessIds.Single());
    }

    [Theory]
    [InlineData("crash", "exited")]
    [InlineData("garbage", "not a protocol line")]
    public async Task SendAsync_RequestCrashesOrGarblesEveryWorker_ThrowsLinterFailedAfterTwoRetriesThenNextCallSucceeds(string debug, string expected)
    {
        // Arrange
        var options = new PythonLinterOptions { WorkerCount = 1, WorkerEnvironment = TestHooks };
        await using var linter = await PylintLinter.CreateAsync(options);

        // Act
        var failure = await Assert.ThrowsAsync<LinterFailedException>(() => linter.Pool.SendAsync(null, debug, CancellationToken.None));
        var next = await linter.LintAsync("print(y)\n", CancellationToken.None);

        // Assert
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.Contains("3 times", failure.Message, StringComparison.Ordinal);
        Assert.Equal("E0602", Assert.Single(next).Code);
    }

    [Fact]
    public async Task LintAsync_WorkerKilledBetweenCalls_NextCallSucceedsOnARestartedWorker()
    {
        // Arrange
        var options = new PythonLinterOptions { WorkerCount = 1 };
        await using var linter = await PyflakesLinter.CreateAsync(options);
        var killed = linter.Pool.ProcessIds.Single();
        await KillAsync(killed);

        // Act
        var messages = await linter.LintAsync("print(y)\n", CancellationToken.None);

        // Assert
        Assert.Equal("UndefinedName", Assert.Single(messages).Code);
        Assert.NotEqual(killed, linter.Pool.ProcessIds.Single());
    }

    [Fact]
    public async Task LintAsync_WorkersKilledDuringARun_EveryProgramGetsItsUndisturbedResult()
    {
        // Arrange: program i reads the undefined name `name_i` on line (i % 5) + 1; every live worker
        // is killed with SIGKILL when the 10th and the 25th answers arrive, while 30 or more calls wait.
        await using var linter = await PylintLinter.CreateAsync(new PythonLinterOptions { WorkerCount = 2 });
        var programs = Enumerable.Range(0, 60)
            .Select(i => string.Concat(Enumerable.Repeat("x = 1\n", i % 5)) + $"print(name_{i})\n")
            .ToList();
        var answered = 0;
        var killedPids = new List<int>();

        async Task<IReadOnlyList<LintMessage>> LintAndMaybeKill(string program)
        {
            var result = await linter.LintAsync(program, CancellationToken.None);
            if (Interlocked.Increment(ref answered) is 10 or 25)
            {
                foreach (var pid in linter.Pool.ProcessIds)
                {
                    await KillAsync(pid);
                    lock (killedPids)
                    {
                        killedPids.Add(pid);
                    }
                }
            }

            return result;
        }

        // Act
        var results = await Task.WhenAll(programs.Select(LintAndMaybeKill));

        // Assert
        Assert.NotEmpty(killedPids);
        for (var i = 0; i < programs.Count; i++)
        {
            var message = Assert.Single(results[i]);
            Assert.Equal((i % 5) + 1, message.Line);
            Assert.Equal($"Undefined variable 'name_{i}'", message.Message);
        }

        Assert.Empty(linter.Pool.ProcessIds.Intersect(killedPids));
    }

    [Fact]
    public async Task CreateAsync_PythonMissing_ThrowsLinterMissingNamingTheInstallCommand()
    {
        // Arrange
        var options = new PythonLinterOptions { WorkerCount = 1, PythonPath = "/nonexistent/python3" };

        // Act
        var failure = await Assert.ThrowsAsync<LinterMissingException>(() => PylintLinter.CreateAsync(options));

        // Assert
        Assert.Contains("apt-get install -y --no-install-recommends pylint pyflakes3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/python3", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_ModuleMissing_ThrowsLinterMissingNamingTheInstallCommand()
    {
        // Arrange: the worker's test hook makes `import pylint` fail as on a python without the package.
        var environment = new Dictionary<string, string>(TestHooks) { ["DATAFORGE_LINT_WORKER_HIDE"] = "pylint" };
        var options = new PythonLinterOptions { WorkerCount = 1, WorkerEnvironment = environment };

        // Act
        var failure = await Assert.ThrowsAsync<LinterMissingException>(() => PylintLinter.CreateAsync(options));

        // Assert
        Assert.Contains("No module named 'pylint'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y --no-install-recommends pylint pyflakes3", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RestartAfterCalls_ReplacesTheWorker()
    {
        // Arrange
        var options = new PythonLinterOptions { WorkerCount = 1, RestartAfterCalls = 2 };
        await using var linter = await PyflakesLinter.CreateAsync(options);
        var first = linter.Pool.ProcessIds.Single();

        // Act
        await linter.LintAsync("x = 1\n", CancellationToken.None);
        var afterOne = linter.Pool.ProcessIds.Single();
        await linter.LintAsync("x = 1\n", CancellationToken.None);
        var third = await linter.LintAsync("print(z)\n", CancellationToken.None);

        // Assert
        Assert.Equal(first, afterOne);
        Assert.NotEqual(first, linter.Pool.ProcessIds.Single());
        Assert.Equal("UndefinedName", Assert.Single(third).Code);
    }

    [Fact]
    public async Task LintAsync_200ParallelCallsOverTwoWorkers_EachAnswerMatchesItsProgram()
    {
        // Arrange: program i reads the undefined name `name_i` on line (i % 7) + 1.
        await using var linter = await PylintLinter.CreateAsync(new PythonLinterOptions { WorkerCount = 2 });
        var programs = Enumerable.Range(0, 200)
            .Select(i => string.Concat(Enumerable.Repeat("x = 1\n", i % 7)) + $"print(name_{i})\n")
            .ToList();

        // Act
        var results = await Task.WhenAll(programs.Select(p => linter.LintAsync(p, CancellationToken.None).AsTask()));

        // Assert
        for (var i = 0; i < programs.Count; i++)
        {
            var message = Assert.Single(results[i]);
            Assert.Equal((i % 7) + 1, message.Line);
            Assert.Equal($"Undefined variable 'name_{i}'", message.Message);
        }
    }

    // kill -9 (Process.Kill sends SIGKILL on Linux); a worker that is already gone is left alone.
    private static async Task KillAsync(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
            await process.WaitForExitAsync();
        }
        catch (ArgumentException)
        {
            // Not running any more.
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }
}
