using System.Globalization;
using System.Runtime.CompilerServices;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.LintSeq.Diffs;
using DataForge.LintSeq.Languages;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Sampling;

namespace DataForge.LintSeq;

/// <summary>Turns each (instruction, program) record into <c>s</c> records of insertion-only edit sequences whose every prefix lints clean.</summary>
/// <remarks>
/// Input fields: instruction, output (the program; fenced code blocks of its language are unwrapped
/// first, as the reference does), language. Output fields: kind = edit_sequence, edits, output (the
/// program as sampled: a BOM dropped, CRLF made LF), parent_id, root_id, operation = lintseq, meta (linter,
/// rule_set, sequence, lint_calls, preexisting_errors, round_cap_reached, program_source: the program's own
/// file:line; program_lead, program_tail, line_endings: what restores the input from the edits, see
/// <see cref="ProgramEnds"/>).
/// Drop reasons: <c>no_program</c>, <c>no_candidate_lines</c>, <c>unsupported_language</c>,
/// <c>syntax_error</c>, <c>linter_failed</c>, <c>linter_missing</c> (all but no_candidate_lines are errors).
/// Options: see <see cref="LintSeqExpanderOptions"/>.
/// Errors already in a program are deleted with the first edit, as the reference does.
/// References: Piterbarg, Pinto, Fergus, "Training Language Models on Synthetic Edit Sequences
/// Improves Code Synthesis" (ICLR 2025); github.com/upiterbarg/lintseq, github.com/upiterbarg/pylintseq.
/// </remarks>
public sealed class LintSeqExpander : ExpandStep, IAsyncDisposable
{
    private static readonly string[] Reasons = ["no_program", "no_candidate_lines", "unsupported_language", "syntax_error", "linter_failed", "linter_missing"];
    private readonly string? _language;
    private readonly LinterSet _linters;
    private readonly LintSeqOptions _sampler;

    /// <summary>Creates the step; it owns <paramref name="linters"/> and disposes them.</summary>
    /// <exception cref="ArgumentException">A key is out of range; the message names it.</exception>
    public LintSeqExpander(LintSeqExpanderOptions options, LinterSet linters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(linters);
        OptionSchema.Validate(options);
        _language = options.ForcedLanguage;
        _linters = linters;
        _sampler = options.ToSampler();
    }

    /// <summary>The <c>lintseq</c> step type: its linters are created on first use and cached through the run store.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<LintSeqExpander, LintSeqExpanderOptions>(
        "lintseq",
        "LintSeq: s insertion-only edit sequences per program, every prefix lint-clean.",
        new(
            ["instruction", "output", "language"],
            ["id", "kind", "output", "language", "edits", "parent_id", "root_id", "operation", "source", "meta"],
            Reasons),
        (options, context) => new LintSeqExpander(options, new LinterSet(options.Linter, options.ToPython(), options.ToRoslyn(), context.Cache, context.Work)));

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <summary>
    /// Cached per record: the key holds, besides the program and the options, the name, version and
    /// rule set of the linter the record goes to (<see cref="RecordIdentityAsync"/>), so a build with
    /// another pylint recomputes. Every lint answer is cached too, keyed the same way.
    /// </summary>
    public override bool Cacheable => true;

    /// <inheritdoc/>
    /// <remarks>Starts the record's linter if it is not running yet (its version is known only then); a linter that cannot start gives <c>missing</c>, and its records end as errors, which are never cached.</remarks>
    public override async ValueTask<string> RecordIdentityAsync(Sample sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var language = Normalize(_language ?? sample.Language);
        if (language is null || _linters.NameFor(language) is null)
        {
            return "none";
        }

        try
        {
            var linter = await _linters.ForAsync(language, cancellationToken).ConfigureAwait(false);
            return $"{linter.Name}\n{linter.RuleSet}";
        }
        catch (LinterMissingException)
        {
            return "missing";
        }
    }

    /// <inheritdoc/>
    protected override async IAsyncEnumerable<Outcome> ExpandAsync(Sample sample, StepContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(context);
        var language = Normalize(_language ?? sample.Language);
        if (string.IsNullOrWhiteSpace(sample.Output))
        {
            yield return Outcome.Error(sample.WithMeta("detail", "the record has no program in 'output'"), "no_program");
            yield break;
        }

        if (language is null || RulesFor(language) is not { } rules)
        {
            yield return Outcome.Error(sample.WithMeta("detail", $"language '{sample.Language}' is not supported (python, csharp)"), "unsupported_language");
            yield break;
        }

        if (_linters.NameFor(language) is null)
        {
            yield return Outcome.Error(sample.WithMeta("detail", $"the chosen linter does not lint {language}"), "unsupported_language");
            yield break;
        }

        var (program, ends) = ProgramEnds.Normalize(ChainOfThought.Strip(sample.Output, language));
        var lines = program.Split('\n');
        var structure = rules.Analyze(lines, _sampler.IndentBiasFactor);
        if (structure.Candidates.Count == 0)
        {
            yield return Outcome.Drop(sample.WithMeta("detail", "no line can start a deletion (only comments or blank lines)"), "no_candidate_lines");
            yield break;
        }

        var result = await SampleAllAsync(sample, language, (program, ends), lines, structure, context, cancellationToken).ConfigureAwait(false);
        foreach (var outcome in result)
        {
            yield return outcome;
        }
    }

    private async Task<IReadOnlyList<Outcome>> SampleAllAsync(Sample sample, string language, (string Text, ProgramEnds Ends) program, string[] lines, Languages.ProgramStructure structure, StepContext context, CancellationToken cancellationToken)
    {
        MemoLinter linter;
        try
        {
            linter = new MemoLinter(await _linters.ForAsync(language, cancellationToken).ConfigureAwait(false));
            var fullLint = await linter.LintAsync(program.Text, cancellationToken).ConfigureAwait(false);
            if (SyntaxCheck.FirstError(language, program.Text, fullLint) is { } syntax)
            {
                return [Outcome.Error(sample.WithMeta("detail", syntax), "syntax_error")];
            }

            var sampler = new LintSeqSampler(linter, _sampler);
            var outcomes = new List<Outcome>(_sampler.Sequences);
            for (var k = 0; k < _sampler.Sequences; k++)
            {
                var sequence = await sampler.SampleAsync(lines, structure, context.RandomFor($"{sample.Id}/{k}"), cancellationToken).ConfigureAwait(false);
                outcomes.Add(Outcome.Keep(ToRecord(sample, language, program, lines, sequence, k, linter, fullLint.Count)));
            }

            return outcomes;
        }
        catch (LinterMissingException e)
        {
            return [Outcome.Error(sample.WithMeta("detail", e.Message), "linter_missing")];
        }
        catch (LinterFailedException e)
        {
            return [Outcome.Error(sample.WithMeta("detail", e.Message), "linter_failed")];
        }
    }

    private Sample ToRecord(Sample parent, string language, (string Text, ProgramEnds Ends) program, string[] lines, SampledSequence sequence, int k, MemoLinter linter, int preexisting)
    {
        var edits = EditPath.Inflate(lines, sequence.Deletions, _sampler.KeepEmptyDiffs);
        var record = new Sample
        {
            Id = "",
            Kind = SampleKinds.EditSequence,
            Instruction = parent.Instruction,
            Input = parent.Input,
            Output = program.Text,
            Language = language,
            Edits = [.. edits],
            ParentId = parent.Id,
            RootId = parent.RootId ?? parent.Id,
            Operation = "lintseq",
            Round = parent.Round,
            Source = parent.Source,
            Origin = parent.Origin,
            Meta = program.Ends.AddTo(parent.Meta)
                .SetItem("linter", MetaValue.Of(linter.Name))
                .SetItem("rule_set", MetaValue.Of(linter.RuleSet))
                .SetItem("sequence", MetaValue.Of((long)k))
                .SetItem("lint_calls", MetaValue.Of((long)sequence.LintCalls))
                .SetItem("preexisting_errors", MetaValue.Of((long)preexisting))
                .SetItem("round_cap_reached", MetaValue.Of(sequence.ReachedRoundCap))
                .SetItem("program_source", MetaValue.Of(parent.Source ?? "")),
        };

        // The s sequences of one program may coincide (short programs); k keeps their ids apart.
        return record with { Id = SampleId.ForBytes(System.Text.Encoding.UTF8.GetBytes($"{SampleId.ForContent(record)}/{k}")) };
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _linters.DisposeAsync();

    private static ILanguageRules? RulesFor(string language) => language switch
    {
        "python" => new PythonRules(),
        "csharp" => new CSharpRules(),
        _ => null,
    };

    private static string? Normalize(string? language) => language?.Trim().ToLowerInvariant() switch
    {
        "python" or "py" or "python3" => "python",
        "csharp" or "cs" or "c#" => "csharp",
        _ => null,
    };
}
