namespace DataForge.Core.Quality;

/// <summary>The rules of the <c>quality-filter</c> step, in the order they are checked (the first failing rule names the drop reason).</summary>
public enum QualityRule
{
    /// <summary>Words of the prose within [min_words, max_words].</summary>
    WordCount,

    /// <summary>Mean length of the words that hold a letter within [min_mean_word_length, max_mean_word_length].</summary>
    MeanWordLength,

    /// <summary>Share of words without a letter at most max_non_letter_words.</summary>
    NonLetterWords,

    /// <summary>'#' and ellipses per word at most max_symbol_ratio.</summary>
    SymbolRatio,

    /// <summary>At least min_stop_words English function words (English runs only).</summary>
    StopWords,

    /// <summary>Share of plain ASCII words found in the word list at least min_dictionary_words (English runs only).</summary>
    Dictionary,

    /// <summary>Gopher's repetition rules: duplicate lines and paragraphs, top 2–4-grams, duplicate 5–10-grams.</summary>
    Repetition,

    /// <summary>The answer ends mid-sentence: an open code fence, bracket or emphasis, a trailing connector, or a long prose line without end punctuation.</summary>
    Truncated,

    /// <summary>Share of letters in the scripts of the run's languages at least min_script_share.</summary>
    Script,

    /// <summary>A code record's program parses (Python: the worker's compile; C#: Roslyn's parser).</summary>
    Parses,
}

/// <summary>The names and drop reasons of the quality rules.</summary>
public static class QualityRules
{
    /// <summary>Reason of a record whose code could not be checked (the Python worker crashed, hung or could not start): an error.</summary>
    public const string ParserFailedReason = "quality_parser_failed";

    /// <summary>Every rule, in checking order.</summary>
    public static IReadOnlyList<QualityRule> All { get; } = Enum.GetValues<QualityRule>();

    /// <summary>The rule's snake_case name (<c>word_count</c>), as in <c>skip</c> and in <c>meta.quality.failed</c>.</summary>
    public static string Name(QualityRule rule) => Options.OptionSchema.NameOf(rule);

    /// <summary>The rule's drop reason: <c>quality_</c> + its name.</summary>
    public static string Reason(QualityRule rule) => "quality_" + Name(rule);

    /// <summary>Every drop reason of the step: one per rule in checking order, then the error <see cref="ParserFailedReason"/>.</summary>
    public static IReadOnlyList<string> Reasons { get; } = [.. All.Select(Reason), ParserFailedReason];
}
