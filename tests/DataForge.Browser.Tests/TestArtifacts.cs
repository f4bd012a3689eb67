using DataForge.Testing;

namespace DataForge.Browser.Tests;

/// <summary>Where browser tests leave files for people to look at: <c>artifacts/test-results/</c> (git-ignored).</summary>
public static class TestArtifacts
{
    /// <summary>The screenshot folder, <c>artifacts/test-results/screenshots</c> under the repository root (created on demand).</summary>
    public static string Screenshots => Directory.CreateDirectory(RepoPaths.Combine("artifacts", "test-results", "screenshots")).FullName;

    /// <summary>The PNG path for screenshot <paramref name="name"/> (letters, digits, '-', '_' and '.' only).</summary>
    public static string ScreenshotPath(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"Screenshot name '{name}' must be letters, digits, '-', '_' or '.'.", nameof(name));
        }

        return Path.Combine(Screenshots, name + ".png");
    }
}
