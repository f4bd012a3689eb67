using DataForge.Core.Seams;
using DataForge.Core.Work;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Linters.Roslyn;

namespace DataForge.LintSeq;

/// <summary>
/// The linters of one run, created on first use (no Python worker starts unless a Python program
/// arrives) and cached through the run store, keyed by (linter, rule set, program).
/// </summary>
public sealed class LinterSet : IAsyncDisposable
{
    private readonly string _choice;
    private readonly PythonLinterOptions _python;
    private readonly RoslynLinterOptions _roslyn;
    private readonly IResultCache? _cache;
    private readonly WorkCounters? _work;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ILinter> _created = new(StringComparer.Ordinal);
    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>Creates the set. <paramref name="choice"/> is <c>auto</c> (pylint for Python, roslyn for C#), <c>pylint</c>, <c>pyflakes</c> or <c>roslyn</c>.</summary>
    /// <param name="choice">The linter choice.</param>
    /// <param name="python">Python linter settings.</param>
    /// <param name="roslyn">Roslyn linter settings.</param>
    /// <param name="cache">The run store's result cache, or null.</param>
    /// <param name="work">The run's work counters: each program a linter actually checks (no cache hit) is counted there; null counts nothing.</param>
    public LinterSet(string choice, PythonLinterOptions python, RoslynLinterOptions roslyn, IResultCache? cache, WorkCounters? work = null)
    {
        _work = work;
        ArgumentNullException.ThrowIfNull(choice);
        _choice = choice;
        _python = python;
        _roslyn = roslyn;
        _cache = cache;
    }

    /// <summary>The linter name used for a language, or null when the chosen linter cannot lint it.</summary>
    public string? NameFor(string language) => (_choice, language) switch
    {
        ("auto", "python") => "pylint",
        ("auto", "csharp") => "roslyn",
        ("pylint" or "pyflakes", "python") => _choice,
        ("roslyn", "csharp") => "roslyn",
        _ => null,
    };

    /// <summary>The (cached) linter for <paramref name="language"/>; throws <see cref="LinterMissingException"/> when it cannot start.</summary>
    public async ValueTask<ILinter> ForAsync(string language, CancellationToken cancellationToken)
    {
        var name = NameFor(language) ?? throw new ArgumentException($"linter '{_choice}' does not lint {language}", nameof(language));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created.TryGetValue(name, out var linter))
            {
                linter = await CreateAsync(name, cancellationToken).ConfigureAwait(false);
                linter = _work is null ? linter : new WorkCountingLinter(linter, _work);
                _created[name] = _cache is null ? linter : new CachingLinter(linter, _cache);
            }

            return _created[name];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops every worker process.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }

        _owned.Clear();
        _gate.Dispose();
    }

    private async Task<ILinter> CreateAsync(string name, CancellationToken cancellationToken)
    {
        switch (name)
        {
            case "pylint":
                var pylint = await PylintLinter.CreateAsync(_python, cancellationToken).ConfigureAwait(false);
                _owned.Add(pylint);
                return pylint;
            case "pyflakes":
                var pyflakes = await PyflakesLinter.CreateAsync(_python, cancellationToken).ConfigureAwait(false);
                _owned.Add(pyflakes);
                return pyflakes;
            default:
                return RoslynLinter.Create(_roslyn);
        }
    }
}
