using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DataForge.Cli.Commands;

/// <summary>Arguments of <c>dataforge build</c>.</summary>
internal sealed class BuildSettings : PipelineSettings
{
    [CommandOption("--builds <DIR>")]
    [Description("The builds folder (default: builds): builds go to DIR/<run.name>/<UTC timestamp>-<hash>/, with DIR/<run.name>/latest, runstore.sqlite and verdicts.jsonl beside them.")]
    public string Builds { get; init; } = "builds";

    [CommandOption("--keep <N>")]
    [Description("Builds to keep (default 7); the one 'latest' names is never removed.")]
    public int Keep { get; init; } = 7;

    [CommandOption("--notify <CMD>")]
    [Description("A shell command run after every build, with the outcome in DATAFORGE_BUILD_* environment variables.")]
    public string? Notify { get; init; }

    [CommandOption("--lock-timeout <DURATION>")]
    [Description("A lock older than this is stale even when its holder cannot be checked (another host): 90m, 12h, 3600s (default 12h).")]
    public string LockTimeout { get; init; } = "12h";

    /// <summary>The lock timeout, parsed.</summary>
    public TimeSpan LockTimeoutSpan => ParseDuration(LockTimeout) ?? TimeSpan.Zero;

    public override ValidationResult Validate()
    {
        if (Keep < 1)
        {
            return ValidationResult.Error("--keep must be at least 1");
        }

        if (ParseDuration(LockTimeout) is not { } timeout || timeout <= TimeSpan.Zero)
        {
            return ValidationResult.Error($"--lock-timeout {LockTimeout}: expected a positive duration such as 90m, 12h or 3600s");
        }

        return base.Validate();
    }

    /// <summary>Seconds (<c>3600</c>, <c>3600s</c>), minutes (<c>90m</c>), hours (<c>12h</c>) or days (<c>1d</c>); null when malformed.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var unit = char.IsLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 's';
        var number = char.IsLetter(text[^1]) ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return null;
        }

        return unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            'd' => TimeSpan.FromDays(value),
            _ => null,
        };
    }
}
