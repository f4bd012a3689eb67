namespace DataForge.LintSeq.Linters;

/// <summary>
/// A real linter behind one interface: a program in, the messages that count as errors out.
/// Implementations apply their rule set themselves, so every message returned is an error.
/// </summary>
public interface ILinter
{
    /// <summary>The linter's name: <c>pylint</c>, <c>pyflakes</c> or <c>roslyn</c>.</summary>
    string Name { get; }

    /// <summary>A stable description of the rule set (and linter version); part of cache keys and of each record's meta.</summary>
    string RuleSet { get; }

    /// <summary>Lints one program. Throws <see cref="LinterFailedException"/> when the linter crashes or hangs, <see cref="LinterMissingException"/> when it is not installed.</summary>
    ValueTask<IReadOnlyList<LintMessage>> LintAsync(string program, CancellationToken cancellationToken);
}
