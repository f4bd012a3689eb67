namespace DataForge.Core.Options;

/// <summary>One-line guards for the <c>init</c> accessors of settings records that are not pipeline keys (server and client settings).</summary>
public static class Require
{
    /// <summary><paramref name="value"/> when it is at least <paramref name="min"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is smaller.</exception>
    public static T AtLeast<T>(T value, T min, string name)
        where T : IComparable<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min, name);
        return value;
    }

    /// <summary><paramref name="value"/> when it lies in <paramref name="min"/>..<paramref name="max"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It does not.</exception>
    public static T InRange<T>(T value, T min, T max, string name)
        where T : IComparable<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max, name);
        return value;
    }

    /// <summary><paramref name="value"/> when it is above zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is zero or negative.</exception>
    public static TimeSpan Positive(TimeSpan value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
        return value;
    }

    /// <summary><paramref name="value"/> when it is neither null nor white space.</summary>
    /// <exception cref="ArgumentException">It is.</exception>
    public static string NotBlank(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        return value;
    }
}
