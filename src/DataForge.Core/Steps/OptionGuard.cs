namespace DataForge.Core.Steps;

/// <summary>Range checks for step option records (their <c>init</c> accessors), with the option's name in the message.</summary>
public static class OptionGuard
{
    /// <summary><paramref name="value"/> when it lies in <paramref name="min"/>..<paramref name="max"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It does not.</exception>
    public static int InRange(int value, int min, int max, string name)
        => value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"must be in {min}..{max}");
}
