namespace DataForge.LintSeq.Linters;

/// <summary>
/// pyflakes (Debian's 2.5.0) in warm worker processes; counts only messages that mean the program
/// cannot run as written.
/// </summary>
/// <remarks>
/// <para>Each worker runs <c>pyflakes.checker.Checker(ast.parse(program))</c>; a program that does
/// not parse gives one <c>SyntaxError</c> message at the error's line.</para>
/// <para>Counted (<see cref="CountedCodes"/>):
/// <c>SyntaxError</c>; names that do not exist: <c>UndefinedName</c>, <c>UndefinedLocal</c>,
/// <c>UndefinedExport</c>; what CPython rejects when compiling: <c>ReturnOutsideFunction</c>,
/// <c>YieldOutsideFunction</c>, <c>ContinueOutsideLoop</c>, <c>BreakOutsideLoop</c>,
/// <c>DuplicateArgument</c>, <c>TwoStarredExpressions</c>,
/// <c>TooManyExpressionsInStarredAssignment</c>, <c>DefaultExceptNotLast</c>,
/// <c>ImportStarNotPermitted</c>, <c>LateFutureImport</c>, <c>FutureFeatureNotDefined</c>; and
/// statements that always raise when reached: <c>InvalidPrintSyntax</c> (<c>print &gt;&gt; f</c>),
/// <c>RaiseNotImplemented</c>, <c>StringDotFormatInvalidFormat</c>,
/// <c>StringDotFormatMissingArgument</c>, <c>StringDotFormatMixingAutomatic</c>,
/// <c>PercentFormatInvalidFormat</c>, <c>PercentFormatMissingArgument</c>,
/// <c>PercentFormatMixedPositionalAndNamed</c>, <c>PercentFormatPositionalCountMismatch</c>,
/// <c>PercentFormatUnsupportedFormatCharacter</c>, <c>PercentFormatExpectedMapping</c>,
/// <c>PercentFormatExpectedSequence</c>, <c>PercentFormatStarRequiresSequence</c>.</para>
/// <para>Not counted (the program runs): unused imports and variables, redefinitions, shadowing
/// loop variables, star-import notes, <c>is</c> with literals, tuple conditions and asserts,
/// repeated dict keys, f-strings without placeholders, unused format arguments, syntax errors
/// inside string or comment annotations and doctests, <c>continue</c> in <c>finally</c>
/// (allowed since Python 3.8).</para>
/// </remarks>
public sealed class PyflakesLinter : ILinter, IAsyncDisposable
{
    private readonly PythonWorkerPool _pool;

    private PyflakesLinter(PythonWorkerPool pool)
    {
        _pool = pool;
        RuleSet = $"pyflakes-{pool.Version}:errors-{PyflakesRules.Fingerprint}";
    }

    /// <summary>The counted message classes (pyflakes class names plus <c>SyntaxError</c>), sorted ordinally.</summary>
    public static IReadOnlyList<string> CountedCodes => PyflakesRules.Counted;

    /// <inheritdoc/>
    public string Name => "pyflakes";

    /// <inheritdoc/>
    /// <remarks><c>pyflakes-&lt;version&gt;:errors-&lt;12 hex digits of the SHA-256 of the comma-joined <see cref="CountedCodes"/>&gt;</c>.</remarks>
    public string RuleSet { get; }

    /// <summary>The worker pool (for tests).</summary>
    internal PythonWorkerPool Pool => _pool;

    /// <summary>Starts the workers. Throws <see cref="LinterMissingException"/> when python or pyflakes is missing.</summary>
    public static async Task<PyflakesLinter> CreateAsync(PythonLinterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var pool = await PythonWorkerPool.StartAsync("pyflakes", options ?? new PythonLinterOptions(), cancellationToken).ConfigureAwait(false);
        return new PyflakesLinter(pool);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<LintMessage>> LintAsync(string program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        var messages = await _pool.SendAsync(program, null, cancellationToken).ConfigureAwait(false);
        return PyflakesRules.Apply(messages);
    }

    /// <summary>Kills the workers.</summary>
    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}
