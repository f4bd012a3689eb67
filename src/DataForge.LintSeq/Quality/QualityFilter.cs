using DataForge.Core.Diagnostics;
using DataForge.Core.Options;
using DataForge.Core.Quality;
using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.LintSeq.Linters;
using DataForge.LintSeq.Sampling;

namespace DataForge.LintSeq.Quality;

/// <summary>Drops records that fail a quality rule: gibberish, fragments, repetition, cut-off answers, text in another script, code that does not parse.</summary>
/// <remarks>
/// Input fields: instruction, input, output, messages (those <c>fields</c> names), language. Output
/// fields: meta.quality (every computed rule value and <c>failed</c>, the names of all failed rules).
/// Drop reasons: one per rule, <c>quality_</c> + the rule's name, the first failing rule in
/// <see cref="QualityRule"/> order deciding; error: <c>quality_parser_failed</c>. The text rules are
/// <see cref="QualityEvaluator"/>'s; this step adds <c>parses</c> for records whose <c>language</c> is
/// Python or C# (the program: the output's fenced blocks of that language, else the whole output).
/// Options: see <see cref="QualityFilterOptions"/>; thresholds and their reasons: docs/reference.md.
/// </remarks>
public sealed class QualityFilter : MapStep, IAsyncDisposable
{
    private readonly QualityFilterOptions _options;
    private readonly QualityEvaluator _evaluator;
    private readonly CodeParser _parser;

    /// <summary>Creates the step; it owns <paramref name="parser"/>.</summary>
    public QualityFilter(QualityFilterOptions options, QualityEvaluator evaluator, CodeParser parser)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(parser);
        OptionSchema.Validate(options);
        _options = options;
        _evaluator = evaluator;
        _parser = parser;
    }

    /// <summary>The <c>quality-filter</c> step type.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<QualityFilter, QualityFilterOptions>(
        "quality-filter",
        "Drops records that fail a quality rule (Gopher-style text rules adapted to instruction pairs, a dictionary, truncation, script, code parses); every record's rule values go to meta.quality.",
        new(["instruction", "input", "output", "messages", "language"], ["meta"], QualityRules.Reasons),
        Create,
        QualityNotes.Text);

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <summary>Builds the step for a pipeline: the run's languages, the word lists (resolved and hashed into the step's identity), the parsers.</summary>
    /// <exception cref="DataForgeConfigException">A word list is missing, or a language has no known script.</exception>
    public static QualityFilter Create(QualityFilterOptions options, IStepBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var dictionary = QualityEvaluator.NeedsDictionary(options, context.Languages)
                ? WordList.Load(options.Dictionary.Select(context.ResolvePath))
                : null;
            var evaluator = new QualityEvaluator(options, dictionary, context.Languages);
            return new QualityFilter(options, evaluator, new CodeParser(new PythonLinterOptions { WorkerCount = 1 }, context.Cache, context.Work));
        }
        catch (Exception e) when (e is FileNotFoundException or ArgumentException)
        {
            throw new DataForgeConfigException($"step '{context.StepName}' (quality-filter): {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask<Outcome> MapAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var report = _evaluator.Evaluate(sample);
        var language = QualityText.CodeLanguage(sample.Language);
        if (_options.Checks(QualityRule.Parses) && _options.Reads(QualityField.Output) && language is not null && !string.IsNullOrWhiteSpace(sample.Output))
        {
            try
            {
                var error = await _parser.FirstErrorAsync(language, ChainOfThought.Strip(sample.Output, language), cancellationToken).ConfigureAwait(false);
                report.Add("parses", error is null);
                if (error is not null)
                {
                    report.Add("parse_error", error);
                    report.Fail(QualityRule.Parses);
                }
            }
            catch (Exception e) when (e is LinterMissingException or LinterFailedException)
            {
                return Outcome.Error(sample.WithMetaJson("quality", report.ToJson()).WithMeta("detail", e.Message), QualityRules.ParserFailedReason);
            }
        }

        var record = sample.WithMetaJson("quality", report.ToJson());
        return _options.Drop && report.FirstFailed is { } rule ? Outcome.Drop(record, QualityRules.Reason(rule)) : Outcome.Keep(record);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _parser.DisposeAsync();
}
