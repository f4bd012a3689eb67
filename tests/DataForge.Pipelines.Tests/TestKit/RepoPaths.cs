namespace DataForge.Pipelines.Tests.TestKit;

/// <summary>Locates the repository and this test project's source folder from the test's output folder.</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding <c>DataForge.sln</c>, found by walking up from the test binaries.</summary>
    public static string Root => DataForge.Testing.RepoPaths.Root;

    /// <summary>This project's source folder (where golden files are regenerated).</summary>
    public static string TestProject => Path.Combine(Root, "tests", "DataForge.Pipelines.Tests");
}
