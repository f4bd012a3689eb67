using DataForge.Core.Quality;
using DataForge.Core.Records;

namespace DataForge.Core.Tests.Quality;

/// <summary>Records and evaluators for the quality-rule tests: one rule at a time, a small word list written for the tests.</summary>
internal static class QualityKit
{
    /// <summary>The test word list: every word the clean texts of these tests use.</summary>
    public static readonly WordList Words = new(
        """
        a an the and or of to in on is are was be it this that with for as at by from not
        sort sorts sorted numbers number list ascending order answer answers give gives reverse string strings
        cat sat mat dog dogs ran park capital france paris city explain what how why which who
        write function returns return value values result results each item items first second line lines
        summary summarize text short long word words sentence sentences step steps add two three four
        water boils degrees celsius sea level pressure at heat table row column name names
        """.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>An instruction record.</summary>
    public static Sample Pair(string instruction, string output, string? input = null, string? language = null)
        => new() { Id = "r", Instruction = instruction, Input = input, Output = output, Language = language };

    /// <summary>Options that check only <paramref name="rule"/> (the others skipped).</summary>
    public static QualityFilterOptions Only(QualityRule rule, QualityFilterOptions? options = null)
        => (options ?? QualityFilterOptions.Default) with { Skip = [.. QualityRules.All.Where(r => r != rule)] };

    /// <summary>The report of <paramref name="sample"/> under <paramref name="options"/> (English run, the test word list).</summary>
    public static QualityReport Evaluate(Sample sample, QualityFilterOptions options, params string[] languages)
        => new QualityEvaluator(options, Words, languages.Length == 0 ? ["en"] : languages).Evaluate(sample);

    /// <summary>True when only <paramref name="rule"/> is checked and it fails.</summary>
    public static bool Fails(QualityRule rule, Sample sample, QualityFilterOptions? options = null)
        => Evaluate(sample, Only(rule, options)).Failed.Contains(rule);
}
