using DataForge.Core.Options;

namespace DataForge.Core.Quality;

/// <summary>
/// Options of the <c>quality-filter</c> step. The defaults are Gopher's (Rae et al. 2021) where they
/// carry over to short instruction pairs and widened where those pairs differ from web pages; each
/// description says which and why (docs/reference.md#quality-filter).
/// </summary>
public sealed record QualityFilterOptions : IOptionsCheck
{
    /// <summary>Where the default word lists are (Debian's <c>wamerican</c> and <c>wbritish</c>).</summary>
    public static IReadOnlyList<string> DefaultDictionary { get; } = ["/usr/share/dict/american-english", "/usr/share/dict/british-english"];

    /// <summary>The defaults (declared after <see cref="DefaultDictionary"/>, which they read).</summary>
    public static QualityFilterOptions Default { get; } = new();

    /// <summary>The fields read.</summary>
    [Option("fields", "the fields read: instruction, input, output, messages")] public IReadOnlyList<QualityField> Fields { get; init; } = [QualityField.Instruction, QualityField.Output];

    /// <summary>Rules switched off.</summary>
    [Option("skip", "rules switched off (their values are not computed)")] public IReadOnlyList<QualityRule> Skip { get; init; } = [];

    /// <summary>False: every record is kept and only <c>meta.quality</c> is written.</summary>
    [Option("drop", "false: keep every record and only write meta.quality (to look at the values before filtering)")] public bool Drop { get; init; } = true;

    /// <summary>Fewest words.</summary>
    [Option("min_words", "fewer words: quality_word_count. Gopher asks 50 of a web page; an instruction pair can be 'Capital of France?' / 'Paris.'", Min = 0)] public int MinWords { get; init; } = 3;

    /// <summary>Most words.</summary>
    [Option("max_words", "more words: quality_word_count (Gopher: 100,000; an instruction pair past 10,000 words is runaway text)", Min = 1)] public int MaxWords { get; init; } = 10_000;

    /// <summary>Smallest mean word length.</summary>
    [Option("min_mean_word_length", "shorter mean length of the words with a letter: quality_mean_word_length (Gopher: 3; a ten-word arithmetic answer of 'is', 'of', 'so' averages 2.3)", Min = 0)] public double MinMeanWordLength { get; init; } = 2;

    /// <summary>Largest mean word length.</summary>
    [Option("max_mean_word_length", "longer mean: quality_mean_word_length (Gopher: 10; few words average over less, and identifiers are long)", Min = 0)] public double MaxMeanWordLength { get; init; } = 12;

    /// <summary>Largest share of words without a letter.</summary>
    [Option("max_non_letter_words", "larger share of words without a letter: quality_non_letter_words (Gopher: 0.2; math and extraction answers reach 0.7 with numbers and formulas)", Min = 0, Max = 1)] public double MaxNonLetterWords { get; init; } = 0.8;

    /// <summary>Largest ratio of '#' and ellipses to words.</summary>
    [Option("max_symbol_ratio", "more '#' (not Markdown heading marks, not C#/F#) and '...' / '…' per word: quality_symbol_ratio (Gopher's 0.1)", Min = 0)] public double MaxSymbolRatio { get; init; } = 0.1;

    /// <summary>Fewest English stop words.</summary>
    [Option("min_stop_words", "fewer English function words (the list Evol-Instruct's elimination uses): quality_stop_words (Gopher's 2; English runs only)", Min = 0)] public int MinStopWords { get; init; } = 2;

    /// <summary>Smallest share of plain words in the word list.</summary>
    [Option("min_dictionary_words", "smaller share of plain ASCII words (acronyms aside) found in the word list: quality_dictionary (English runs only; the seeds' lowest shares are 0.74–0.80: invented words, dish and game names)", Min = 0, Max = 1)] public double MinDictionaryWords { get; init; } = 0.8;

    /// <summary>The word list files.</summary>
    [Option("dictionary", "word list files, one word a line (Debian's wamerican and wbritish, which ./dataforge installs)")] public IReadOnlyList<string> Dictionary { get; init; } = DefaultDictionary;

    /// <summary>Largest share of duplicate lines.</summary>
    [Option("max_duplicate_lines", "larger share of lines seen before in the same field: quality_repetition (Gopher's 0.3)", Min = 0, Max = 1)] public double MaxDuplicateLines { get; init; } = 0.3;

    /// <summary>Largest character share of duplicate lines.</summary>
    [Option("max_duplicate_line_chars", "larger share of characters in duplicate lines: quality_repetition (Gopher's 0.2)", Min = 0, Max = 1)] public double MaxDuplicateLineChars { get; init; } = 0.2;

    /// <summary>Largest share of duplicate paragraphs.</summary>
    [Option("max_duplicate_paragraphs", "larger share of duplicate paragraphs: quality_repetition (Gopher's 0.3)", Min = 0, Max = 1)] public double MaxDuplicateParagraphs { get; init; } = 0.3;

    /// <summary>Largest character share of duplicate paragraphs.</summary>
    [Option("max_duplicate_paragraph_chars", "larger share of characters in duplicate paragraphs: quality_repetition (Gopher's 0.2)", Min = 0, Max = 1)] public double MaxDuplicateParagraphChars { get; init; } = 0.2;

    /// <summary>Fewest words with a letter a field needs before its n-gram values are measured.</summary>
    [Option("min_ngram_words", "the n-gram repetition values of a field with fewer words (with a letter) are 0: Gopher's minimum document length, on which its n-gram fractions were set (in a 15-word answer one phrase said twice is a third of the characters)", Min = 0)] public int MinNgramWords { get; init; } = 50;

    /// <summary>Bound of the top 2-gram character share; n = 3, 4 get 0.02 less each.</summary>
    [Option("max_top_2gram", "larger character share of the most frequent 2-gram: quality_repetition; 3- and 4-grams get 0.02 less each (Gopher's 0.20, 0.18, 0.16)", Min = 0, Max = 1)] public double MaxTop2Gram { get; init; } = 0.20;

    /// <summary>Bound of the duplicate 5-gram character share; n = 6..10 get 0.01 less each.</summary>
    [Option("max_duplicate_5gram", "larger character share of words in repeated 5-grams: quality_repetition; 6- to 10-grams get 0.01 less each (Gopher's 0.15 … 0.10)", Min = 0, Max = 1)] public double MaxDuplicate5Gram { get; init; } = 0.15;

    /// <summary>Smallest share of letters in the run's scripts.</summary>
    [Option("min_script_share", "smaller share of letters in the scripts of [run] language (Latin for en): quality_script (0.8: a short pair may quote a word in another script)", Min = 0, Max = 1)] public double MinScriptShare { get; init; } = 0.8;

    /// <summary>True when <paramref name="rule"/> is not skipped.</summary>
    public bool Checks(QualityRule rule) => !Skip.Contains(rule);

    /// <summary>True when <paramref name="field"/> is read.</summary>
    public bool Reads(QualityField field) => Fields.Contains(field);

    /// <summary>The bound of the top <paramref name="n"/>-gram share (n = 2..4).</summary>
    public double MaxTopGram(int n) => MaxTop2Gram - (0.02 * (n - 2));

    /// <summary>The bound of the duplicate <paramref name="n"/>-gram share (n = 5..10).</summary>
    public double MaxDuplicateGram(int n) => MaxDuplicate5Gram - (0.01 * (n - 5));

    /// <inheritdoc/>
    public OptionProblem? Check()
    {
        if (Fields.Count == 0)
        {
            return new("fields", "'fields' is empty: name at least one of instruction, input, output, messages");
        }

        if (MinWords > MaxWords)
        {
            return new("min_words", "'min_words' is above 'max_words'");
        }

        if (MinMeanWordLength > MaxMeanWordLength)
        {
            return new("min_mean_word_length", "'min_mean_word_length' is above 'max_mean_word_length'");
        }

        return Checks(QualityRule.Dictionary) && Dictionary.Count == 0
            ? new("dictionary", "'dictionary' is empty: name a word list, or add \"dictionary\" to 'skip'")
            : null;
    }
}
