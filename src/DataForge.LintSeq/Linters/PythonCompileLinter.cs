namespace DataForge.LintSeq.Linters;

/// <summary>
/// Python's own <c>compile()</c> in warm worker processes (the lint worker's <c>compile</c> backend):
/// one <c>SyntaxError</c> message when a program does not compile, none otherwise. It needs only
/// Debian's python3, no linter.
/// </summary>
public sealed class PythonCompileLinter : ILinter, IAsyncDisposable
{
    private readonly PythonWorkerPool _pool;

    private PythonCompileLinter(PythonWorkerPool pool)
    {
        _pool = pool;
        RuleSet = $"compile-python-{pool.Version}";
    }

    /// <inheritdoc/>
    public string Name => "python-compile";

    /// <inheritdoc/>
    /// <remarks><c>compile-python-&lt;Python version&gt;</c>.</remarks>
    public string RuleSet { get; }

    /// <summary>Starts the workers. Throws <see cref="LinterMissingException"/> when python cannot start the worker.</summary>
    public static async Task<PythonCompileLinter> CreateAsync(PythonLinterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var pool = await PythonWorkerPool.StartAsync("compile", options ?? new PythonLinterOptions(), cancellationToken).ConfigureAwait(false);
        return new PythonCompileLinter(pool);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<LintMessage>> LintAsync(string program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        var messages = await _pool.SendAsync(program, null, cancellationToken).ConfigureAwait(false);
        return [.. messages.Select(m => new LintMessage(m.Line, m.Column, m.Code, m.Message))];
    }

    /// <summary>Kills the workers.</summary>
    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}
