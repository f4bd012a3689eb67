using System.Collections.Concurrent;

namespace DataForge.LintSeq.Linters;

/// <summary>
/// Remembers the answers for one program's sampling: its s sequences revisit the same states
/// (the full program, the same first closures, the residue), which then cost one lint, not s.
/// Lives only as long as one record; the run store caches across records and runs.
/// </summary>
internal sealed class MemoLinter(ILinter inner) : ILinter
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<LintMessage>> _answers = new(StringComparer.Ordinal);

    public string Name => inner.Name;

    public string RuleSet => inner.RuleSet;

    public async ValueTask<IReadOnlyList<LintMessage>> LintAsync(string program, CancellationToken cancellationToken)
    {
        if (_answers.TryGetValue(program, out var known))
        {
            return known;
        }

        var answer = await inner.LintAsync(program, cancellationToken).ConfigureAwait(false);
        _answers.TryAdd(program, answer);
        return answer;
    }
}
