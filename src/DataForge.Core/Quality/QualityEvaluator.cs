using DataForge.Core.Records;

namespace DataForge.Core.Quality;

/// <summary>
/// The text rules of the <c>quality-filter</c> step (every rule but <see cref="QualityRule.Parses"/>,
/// which needs the parsers the step holds), applied to one record. Pure and deterministic: the same
/// record, options, word list and languages give the same report.
/// </summary>
public sealed class QualityEvaluator
{
    private readonly QualityFilterOptions _options;
    private readonly WordList? _dictionary;
    private readonly IReadOnlyList<string> _languages;
    private readonly bool _english;

    /// <summary>Creates the evaluator.</summary>
    /// <param name="options">Thresholds, fields and skipped rules.</param>
    /// <param name="dictionary">The word list; needed when the dictionary rule is on in an English run.</param>
    /// <param name="languages">The run's languages (ISO 639-1); the English-only rules run when they hold <c>en</c>.</param>
    /// <exception cref="ArgumentException">The script rule is on and a language has no known script, or the dictionary rule has no word list.</exception>
    public QualityEvaluator(QualityFilterOptions options, WordList? dictionary, IReadOnlyList<string> languages)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(languages);
        _options = options;
        _dictionary = dictionary;
        _languages = languages.Count == 0 ? ["en"] : languages;
        _english = _languages.Any(l => string.Equals(l, "en", StringComparison.OrdinalIgnoreCase));
        if (options.Checks(QualityRule.Script) && !Scripts.AllKnown(_languages, out var unknown))
        {
            throw new ArgumentException($"no script is known for language '{unknown}' (known: {string.Join(", ", Scripts.KnownLanguages)}); add \"script\" to 'skip'", nameof(languages));
        }

        if (UsesDictionary && dictionary is null)
        {
            throw new ArgumentException("the dictionary rule needs a word list", nameof(dictionary));
        }
    }

    /// <summary>True when the dictionary rule runs (it is on and the run is English): the step then loads the word list.</summary>
    public static bool NeedsDictionary(QualityFilterOptions options, IReadOnlyList<string> languages)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(languages);
        return options.Checks(QualityRule.Dictionary) && (languages.Count == 0 || languages.Any(l => string.Equals(l, "en", StringComparison.OrdinalIgnoreCase)));
    }

    private bool UsesDictionary => _options.Checks(QualityRule.Dictionary) && _english;

    /// <summary>The report of every text rule that is on.</summary>
    public QualityReport Evaluate(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var isProgram = QualityText.CodeLanguage(sample.Language) is not null;
        var proses = Texts(sample).Select(t => QualityText.Prose(t.Text, t.IsProgram)).ToList();
        var joined = string.Join("\n", proses);
        var words = QualityText.Words(joined);
        var report = new QualityReport();
        if (_options.Checks(QualityRule.WordCount))
        {
            report.Add("word_count", (long)words.Length);
            FailIf(report, QualityRule.WordCount, words.Length < _options.MinWords || words.Length > _options.MaxWords);
        }

        if (_options.Checks(QualityRule.MeanWordLength))
        {
            var mean = report.Add("mean_word_length", WordMeasures.MeanWordLength(words));
            FailIf(report, QualityRule.MeanWordLength, mean < _options.MinMeanWordLength || mean > _options.MaxMeanWordLength);
        }

        if (_options.Checks(QualityRule.NonLetterWords))
        {
            FailIf(report, QualityRule.NonLetterWords, report.Add("non_letter_words", WordMeasures.NonLetterShare(words)) > _options.MaxNonLetterWords);
        }

        if (_options.Checks(QualityRule.SymbolRatio))
        {
            FailIf(report, QualityRule.SymbolRatio, report.Add("symbol_ratio", WordMeasures.SymbolRatio(joined, words.Length)) > _options.MaxSymbolRatio);
        }

        if (_options.Checks(QualityRule.StopWords) && _english)
        {
            var stop = WordMeasures.StopWords(words);
            report.Add("stop_words", (long)stop);
            FailIf(report, QualityRule.StopWords, stop < _options.MinStopWords);
        }

        if (UsesDictionary)
        {
            FailIf(report, QualityRule.Dictionary, report.Add("dictionary_words", WordMeasures.DictionaryShare(words, _dictionary!)) < _options.MinDictionaryWords);
        }

        if (_options.Checks(QualityRule.Repetition))
        {
            AddRepetition(report, proses);
        }

        if (_options.Checks(QualityRule.Truncated) && Answer(sample, isProgram) is { } answer)
        {
            var truncated = Truncation.EndsMidSentence(answer);
            report.Add("truncated", truncated);
            FailIf(report, QualityRule.Truncated, truncated);
        }

        if (_options.Checks(QualityRule.Script))
        {
            FailIf(report, QualityRule.Script, report.Add("script_share", Scripts.Share(joined, _languages)) < _options.MinScriptShare);
        }

        return report;
    }

    private void AddRepetition(QualityReport report, List<string> proses)
    {
        // Each field on its own (an answer may repeat its question); a record's value is the largest of its fields'.
        var measured = proses.Where(p => p.Length > 0).Select(p => Repetition.Measure(p, _options.MinNgramWords)).ToList();
        var failed = false;
        foreach (var key in Repetition.Measure("").Select(v => v.Key))
        {
            var value = report.Add(key, measured.Count == 0 ? 0 : measured.Max(m => m.First(v => v.Key == key).Value));
            failed |= value > Bound(key);
        }

        FailIf(report, QualityRule.Repetition, failed);
    }

    private double Bound(string key) => key switch
    {
        "duplicate_lines" => _options.MaxDuplicateLines,
        "duplicate_line_chars" => _options.MaxDuplicateLineChars,
        "duplicate_paragraphs" => _options.MaxDuplicateParagraphs,
        "duplicate_paragraph_chars" => _options.MaxDuplicateParagraphChars,
        _ when key.StartsWith("top_", StringComparison.Ordinal) => QualityReport.Round(_options.MaxTopGram(key[4] - '0')),
        _ => QualityReport.Round(_options.MaxDuplicateGram(int.Parse(key["duplicate_".Length..^"gram".Length], System.Globalization.CultureInfo.InvariantCulture))),
    };

    private static void FailIf(QualityReport report, QualityRule rule, bool failed)
    {
        if (failed)
        {
            report.Fail(rule);
        }
    }

    private IEnumerable<(string? Text, bool IsProgram)> Texts(Sample sample)
    {
        var isProgram = QualityText.CodeLanguage(sample.Language) is not null;
        if (_options.Reads(QualityField.Instruction))
        {
            yield return (sample.Instruction, false);
        }

        if (_options.Reads(QualityField.Input))
        {
            yield return (sample.Input, false);
        }

        if (_options.Reads(QualityField.Output))
        {
            yield return (sample.Output, isProgram);
        }

        if (_options.Reads(QualityField.Messages) && sample.Messages is { } messages)
        {
            foreach (var message in messages)
            {
                yield return (message.Content, false);
            }
        }
    }

    // The answer the truncation rule reads: the output (not a program: its parse decides), else the last assistant message.
    private string? Answer(Sample sample, bool isProgram)
    {
        if (_options.Reads(QualityField.Output) && !isProgram && !string.IsNullOrWhiteSpace(sample.Output))
        {
            return sample.Output;
        }

        return _options.Reads(QualityField.Messages) && sample.Messages is { } messages
            ? messages.LastOrDefault(m => m.Role is "assistant" or "gpt")?.Content
            : null;
    }
}
