using DataForge.LintSeq.Linters;
using Xunit;

namespace DataForge.LintSeq.Tests.Linters;

/// <summary>A warm pylint linter (2 workers) shared by a test class.</summary>
public sealed class PylintFixture : IAsyncLifetime
{
    public PylintLinter Linter { get; private set; } = null!;

    public async Task InitializeAsync() => Linter = await PylintLinter.CreateAsync(new PythonLinterOptions { WorkerCount = 2 });

    public async Task DisposeAsync() => await Linter.DisposeAsync();
}

/// <summary>A warm pyflakes linter (2 workers) shared by a test class.</summary>
public sealed class PyflakesFixture : IAsyncLifetime
{
    public PyflakesLinter Linter { get; private set; } = null!;

    public async Task InitializeAsync() => Linter = await PyflakesLinter.CreateAsync(new PythonLinterOptions { WorkerCount = 2 });

    public async Task DisposeAsync() => await Linter.DisposeAsync();
}
