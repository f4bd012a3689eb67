using System.Globalization;
using DataForge.Core.Seams;
using DataForge.Core.Work;
using DataForge.LintSeq.Linters;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DataForge.LintSeq.Quality;

/// <summary>
/// Whether a program parses: C# with Roslyn's parser (no compilation), Python with Python's own
/// <c>compile()</c> in the lint worker (started on the first Python program; its answers are cached
/// in the run store like lint results).
/// </summary>
public sealed class CodeParser : IAsyncDisposable
{
    private static readonly CSharpParseOptions CSharpOptions = new(LanguageVersion.Latest);
    private readonly PythonLinterOptions _python;
    private readonly IResultCache? _cache;
    private readonly WorkCounters? _work;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PythonCompileLinter? _worker;
    private ILinter? _linter;

    /// <summary>Creates the parser; nothing starts until a Python program arrives.</summary>
    /// <param name="python">Settings of the Python worker.</param>
    /// <param name="cache">The run store's result cache, or null.</param>
    /// <param name="work">Counts each program the Python worker actually checks; null counts nothing.</param>
    public CodeParser(PythonLinterOptions python, IResultCache? cache, WorkCounters? work)
    {
        ArgumentNullException.ThrowIfNull(python);
        _python = python;
        _cache = cache;
        _work = work;
    }

    /// <summary>The first syntax error as <c>line N: message</c>, or null when the program parses.</summary>
    /// <param name="language"><c>python</c> or <c>csharp</c>.</param>
    /// <param name="program">The program.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="LinterMissingException">The Python worker cannot start.</exception>
    /// <exception cref="LinterFailedException">The Python worker crashed or hung.</exception>
    public async ValueTask<string?> FirstErrorAsync(string language, string program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (language == "csharp")
        {
            var error = CSharpSyntaxTree.ParseText(program, CSharpOptions, cancellationToken: cancellationToken)
                .GetDiagnostics(cancellationToken).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            return error is null ? null : $"line {error.Location.GetLineSpan().StartLinePosition.Line + 1}: {error.Id} {error.GetMessage(CultureInfo.InvariantCulture)}";
        }

        var linter = await PythonAsync(cancellationToken).ConfigureAwait(false);
        var messages = await linter.LintAsync(program, cancellationToken).ConfigureAwait(false);
        return messages.Count == 0 ? null : $"line {messages[0].Line}: {messages[0].Message}";
    }

    /// <summary>Stops the Python worker.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private async ValueTask<ILinter> PythonAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_linter is null)
            {
                _worker = await PythonCompileLinter.CreateAsync(_python, cancellationToken).ConfigureAwait(false);
                ILinter linter = _work is null ? _worker : new WorkCountingLinter(_worker, _work);
                _linter = _cache is null ? linter : new CachingLinter(linter, _cache);
            }

            return _linter;
        }
        finally
        {
            _gate.Release();
        }
    }
}
