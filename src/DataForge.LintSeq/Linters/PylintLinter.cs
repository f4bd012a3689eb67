namespace DataForge.LintSeq.Linters;

/// <summary>
/// pylint (Debian's 2.16.2) in warm worker processes, with the reference LintSeq rule set.
/// </summary>
/// <remarks>
/// Each worker runs <c>pylint.lint.Run</c> in-process on the program text (<c>--from-stdin</c>, no
/// temporary files) with <c>--disable=all --enable=E,F,W0311,W0231 --unsafe-load-any-extension=y
/// --generated-members=cv2.* --persistent=n --rcfile=/dev/null</c>. Counted: every E and F
/// message, and W0311 (bad-indentation) and W0231 (super-init-not-called); for E0001 whose text
/// says "on line N" the line is that N (as the reference driver, github.com/upiterbarg/lintseq). Between calls the worker forgets the
/// program's module and undoes what the program assigned into cached modules (<c>os.x = 1</c>), so
/// a result depends on the program only.
/// </remarks>
public sealed class PylintLinter : ILinter, IAsyncDisposable
{
    private readonly PythonWorkerPool _pool;

    private PylintLinter(PythonWorkerPool pool)
    {
        _pool = pool;
        RuleSet = $"pylint-{pool.Version}:{PylintRules.Enabled}";
    }

    /// <inheritdoc/>
    public string Name => "pylint";

    /// <inheritdoc/>
    /// <remarks>For example <c>pylint-2.16.2:E,F,W0311,W0231</c>.</remarks>
    public string RuleSet { get; }

    /// <summary>The worker pool (for tests).</summary>
    internal PythonWorkerPool Pool => _pool;

    /// <summary>Starts the workers. Throws <see cref="LinterMissingException"/> when python or pylint is missing.</summary>
    public static async Task<PylintLinter> CreateAsync(PythonLinterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var pool = await PythonWorkerPool.StartAsync("pylint", options ?? new PythonLinterOptions(), cancellationToken).ConfigureAwait(false);
        return new PylintLinter(pool);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<LintMessage>> LintAsync(string program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        var messages = await _pool.SendAsync(program, null, cancellationToken).ConfigureAwait(false);
        return PylintRules.Apply(messages);
    }

    /// <summary>Kills the workers.</summary>
    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}
