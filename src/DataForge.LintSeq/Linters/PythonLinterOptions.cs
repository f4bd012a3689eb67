namespace DataForge.LintSeq.Linters;

/// <summary>Settings of the warm Python worker processes behind <see cref="PylintLinter"/> and <see cref="PyflakesLinter"/>.</summary>
public sealed record PythonLinterOptions
{
    /// <summary>The install command named by <see cref="LinterMissingException"/> messages.</summary>
    public const string InstallCommand = "apt-get install -y --no-install-recommends pylint pyflakes3";

    /// <summary>Worker processes kept warm (one call at a time each); default: one per core.</summary>
    public int WorkerCount { get; init; } = Environment.ProcessorCount;

    /// <summary>Longest wait for one answer; past it the worker is killed and the call fails. Default 60 s.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait for a new worker to import its linter and warm up (slow on a loaded machine). Default 120 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>A worker is replaced by a fresh process after this many calls, which caps its memory. Default 2000.</summary>
    public int RestartAfterCalls { get; init; } = 2000;

    /// <summary>
    /// Retries of a call whose worker crashed (exited, was killed, broke the protocol), each on a
    /// fresh or another worker, before the program is rejected as <c>linter_failed</c>. A crash is
    /// taken for an infrastructure fault; only a program that crashes the linter every time is
    /// rejected. A call that times out or makes the linter raise is not retried. Default 2.
    /// </summary>
    public int CrashRetries { get; init; } = 2;

    /// <summary>The Python interpreter; Debian's, which can import the apt-installed linters. Default <c>/usr/bin/python3</c>.</summary>
    public string PythonPath { get; init; } = "/usr/bin/python3";

    /// <summary>Extra environment variables of the worker processes (tests set <c>DATAFORGE_LINT_WORKER_TEST=1</c> to enable the debug requests).</summary>
    internal IReadOnlyDictionary<string, string>? WorkerEnvironment { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(WorkerCount, 1, nameof(WorkerCount));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CallTimeout, TimeSpan.Zero, nameof(CallTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StartTimeout, TimeSpan.Zero, nameof(StartTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(RestartAfterCalls, 1, nameof(RestartAfterCalls));
        ArgumentOutOfRangeException.ThrowIfNegative(CrashRetries, nameof(CrashRetries));
        ArgumentException.ThrowIfNullOrWhiteSpace(PythonPath, nameof(PythonPath));
    }
}
