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
    public async Task SendAsync_WorkerCrashesOrAnswersGarbage_ThrowsLinterFailedThenNextCallSucceeds(string debug, string expected)
    {
        // Arrange
        var options = new PythonLinterOptions { WorkerCount = 1, WorkerEnvironment = TestHooks };
        await using var linter = await PylintLinter.CreateAsync(options);

        // Act
        var failure = await Assert.ThrowsAsync<LinterFailedException>(() => linter.Pool.SendAsync(null, debug, CancellationToken.None));
        var next = await linter.LintAsync("print(y)\n", CancellationToken.None);

        // Assert
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.Equal("E0602", Assert.Single(next).Code);
    }

    [Fact]
    public async Task SendAsync_WorkerKilledFromOutside_ThrowsLinterFailedThenNextCallSucceeds()
    {
        // Arrange
        var options = new PythonLinterOptions { WorkerCount = 1 };
        await using var linter = await PyflakesLinter.CreateAsync(options);
        using (var process = System.Diagnostics.Process.GetProcessById(linter.Pool.ProcessIds.Single()))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        // Act
        var failure = await Assert.ThrowsAsync<LinterFailedException>(() => linter.LintAsync("x = 1\n", CancellationToken.None).AsTask());
        var next = await linter.LintAsync("x = 1\n", CancellationToken.None);

        // Assert
        Assert.Contains("pyflakes", failure.Message, StringComparison.Ordinal);
        Assert.Empty(next);
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
}
