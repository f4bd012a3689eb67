namespace DataForge.Core.Steps;

/// <summary>
/// A step's decision about one record: keep it, drop it for an algorithmic reason, or reject it
/// as an error (bad input, a failed linter, a model error). Errors count towards
/// <c>run.max_error_fraction</c>; drops do not.
/// </summary>
public readonly record struct Verdict
{
    private Verdict(bool kept, string? reason, bool isError)
    {
        Kept = kept;
        Reason = reason;
        IsError = isError;
    }

    /// <summary>True when the record goes on.</summary>
    public bool Kept { get; }

    /// <summary>The stable snake_case reason of a drop (or of a keep decided by a selection).</summary>
    public string? Reason { get; }

    /// <summary>True when the drop is an error rather than an algorithmic decision.</summary>
    public bool IsError { get; }

    /// <summary>Keep the record.</summary>
    public static Verdict Keep { get; } = new(true, null, false);

    /// <summary>Keep the record, recording why (selection steps).</summary>
    public static Verdict KeepBecause(string reason) => new(true, Check(reason), false);

    /// <summary>Drop the record for an algorithmic reason (near duplicate, lost vote, below budget).</summary>
    public static Verdict Drop(string reason) => new(false, Check(reason), false);

    /// <summary>Reject the record as an error (bad input, linter failure, model error).</summary>
    public static Verdict Error(string reason) => new(false, Check(reason), true);

    private static string Check(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        foreach (var c in reason)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                throw new ArgumentException($"Reason '{reason}' is not snake_case.", nameof(reason));
            }
        }

        return reason;
    }
}
