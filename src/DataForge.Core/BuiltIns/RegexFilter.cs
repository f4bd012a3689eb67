using System.Text.RegularExpressions;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Core.BuiltIns;

/// <summary>Drops records by a .NET regular expression over one text field (pipeline step type <c>regex-filter</c>).</summary>
/// <remarks>
/// Input fields: instruction, input, output, messages (only the one <c>field</c> names is read).
/// Output fields: none. Drop reasons: <c>regex_match</c> (mode <c>drop</c>: the text matches),
/// <c>regex_no_match</c> (mode <c>keep</c>: the text does not match), <c>regex_timeout</c> (an error:
/// one match took longer than <see cref="MatchTimeout"/>, so the record is rejected rather than decided).
/// The pattern is compiled once with <see cref="RegexOptions.CultureInvariant"/> (and
/// <see cref="RegexOptions.IgnoreCase"/> with <c>ignore_case</c>); a missing field reads as empty text.
/// </remarks>
public sealed class RegexFilter : FilterStep
{
    /// <summary>The longest one match may take before the record is rejected as <c>regex_timeout</c>.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly RegexFilterOptions _options;
    private readonly Regex _regex;

    /// <summary>Creates the filter.</summary>
    /// <exception cref="ArgumentException">The pattern is missing or not a valid regular expression; the message names the key.</exception>
    public RegexFilter(RegexFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Pattern, "pattern");
        OptionSchema.Validate(options);
        _options = options;
        _regex = options.ToRegex();
    }

    /// <summary>The <c>regex-filter</c> step type.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<RegexFilter, RegexFilterOptions>(
        "regex-filter",
        "Drops records whose text matches a regular expression (mode drop), or does not match it (mode keep).",
        StepContract.Filter(["instruction", "input", "output", "messages"], ["regex_match", "regex_no_match", "regex_timeout"]),
        (options, _) => new RegexFilter(options));

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <inheritdoc/>
    protected override Verdict Keep(Sample sample, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(sample);
        bool matches;
        try
        {
            matches = _regex.IsMatch(TextOf(sample, _options.Field));
        }
        catch (RegexMatchTimeoutException)
        {
            return Verdict.Error("regex_timeout");
        }

        return (_options.Mode, matches) switch
        {
            (RegexFilterMode.Drop, true) => Verdict.Drop("regex_match"),
            (RegexFilterMode.Keep, false) => Verdict.Drop("regex_no_match"),
            _ => Verdict.Keep,
        };
    }

    /// <summary>The text <paramref name="field"/> names; <c>text</c> joins instruction, input, output and message contents with newlines.</summary>
    public static string TextOf(Sample sample, RegexFilterField field)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return field switch
        {
            RegexFilterField.Instruction => sample.Instruction ?? string.Empty,
            RegexFilterField.Input => sample.Input ?? string.Empty,
            RegexFilterField.Output => sample.Output ?? string.Empty,
            _ => string.Join("\n", new[] { sample.Instruction, sample.Input, sample.Output }
                .Concat(sample.Messages is { } messages ? messages.Select(m => m.Content) : [])
                .Where(t => !string.IsNullOrEmpty(t))),
        };
    }
}

/// <summary>Which text <see cref="RegexFilter"/> matches against.</summary>
public enum RegexFilterField
{
    /// <summary>Instruction, input, output and every message's content, joined with newlines.</summary>
    Text,

    /// <summary>The instruction.</summary>
    Instruction,

    /// <summary>The input (context).</summary>
    Input,

    /// <summary>The output (response).</summary>
    Output,
}

/// <summary>What <see cref="RegexFilter"/> does with a match.</summary>
public enum RegexFilterMode
{
    /// <summary>Drop records that match (<c>regex_match</c>).</summary>
    Drop,

    /// <summary>Keep only records that match; the others are dropped as <c>regex_no_match</c>.</summary>
    Keep,
}

/// <summary>Options of <see cref="RegexFilter"/>.</summary>
public sealed record RegexFilterOptions : IOptionsCheck
{
    /// <summary>The .NET regular expression (required).</summary>
    [Option("pattern", ".NET regular expression searched for in the field's text", Required = true)] public string? Pattern { get; init; }

    /// <summary>The text matched; <c>text</c> (the default) covers instruction records and conversations alike.</summary>
    [Option("field", "text matched: text (instruction, input, output and messages joined), instruction, input or output")] public RegexFilterField Field { get; init; } = RegexFilterField.Text;

    /// <summary><c>drop</c>: drop matching records; <c>keep</c>: keep only matching records.</summary>
    [Option("mode", "drop: records that match are dropped as regex_match; keep: records that do not match are dropped as regex_no_match")] public RegexFilterMode Mode { get; init; } = RegexFilterMode.Drop;

    /// <summary>Match without regard to case (culture-invariant).</summary>
    [Option("ignore_case", "match without regard to case")] public bool IgnoreCase { get; init; }

    /// <summary>The compiled expression.</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public Regex ToRegex()
        => new(Pattern ?? string.Empty, RegexOptions.CultureInvariant | (IgnoreCase ? RegexOptions.IgnoreCase : RegexOptions.None), RegexFilter.MatchTimeout);

    /// <inheritdoc/>
    public OptionProblem? Check()
    {
        if (Pattern is null)
        {
            return null; // a missing required key is reported on its own
        }

        if (Pattern.Length == 0)
        {
            return new("pattern", "'pattern' is empty: it would match every record");
        }

        try
        {
            _ = ToRegex();
            return null;
        }
        catch (ArgumentException e)
        {
            return new("pattern", $"'pattern' is not a valid .NET regular expression: {e.Message}");
        }
    }
}
