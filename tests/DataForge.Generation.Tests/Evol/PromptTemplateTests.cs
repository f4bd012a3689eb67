using DataForge.Generation.Evol;
using DataForge.Generation.Prompts;
using Xunit;

namespace DataForge.Generation.Tests.Evol;

public sealed class PromptTemplateTests
{
    [Fact]
    public void PromptId_IsIdAndFirst16HexOfSha256()
    {
        // Arrange
        var template = new PromptTemplate("demo", "abc");

        // Act
        var promptId = template.PromptId;

        // Assert: SHA-256("abc") starts with ba7816bf8f01cfea.
        Assert.Equal("demo@ba7816bf8f01cfea", promptId);
    }

    [Fact]
    public void Constructor_CrlfText_HashesLikeLf()
    {
        // Arrange
        var lf = new PromptTemplate("t", "a\nb");

        // Act
        var crlf = new PromptTemplate("t", "a\r\nb");

        // Assert
        Assert.Equal(lf.Hash, crlf.Hash);
    }

    [Fact]
    public void Fill_ValueWithPlaceholderText_IsNotExpandedAgain()
    {
        // Arrange
        var template = new PromptTemplate("t", "A {instruction} B {unknown} {second}");

        // Act
        var text = template.Fill(new Dictionary<string, string> { ["instruction"] = "x {second} {}", ["second"] = "2" });

        // Assert
        Assert.Equal("A x {second} {} B {unknown} 2", text);
    }

    [Fact]
    public void BuiltIn_HasEveryOperationAndTheJudge()
    {
        // Arrange
        var expected = EvolOperations.All.Append(EvolOperations.EqualityJudge).Order(StringComparer.Ordinal);

        // Act
        var ids = PromptLibrary.BuiltIn.Ids;

        // Assert
        Assert.Equal(expected, ids);
        Assert.All(EvolOperations.All, op => Assert.True(PromptLibrary.BuiltIn.Get(op).Has("instruction"), op));
    }

    [Fact]
    public void Load_FolderWithSameName_OverridesOnlyThatTemplate()
    {
        // Arrange
        var folder = Directory.CreateTempSubdirectory("evol-templates").FullName;
        File.WriteAllText(Path.Combine(folder, "deepening.txt"), "Deeper: {instruction}");

        // Act
        var library = PromptLibrary.Load(folder);

        // Assert
        Assert.Equal("Deeper: {instruction}", library.Get(EvolOperations.Deepening).Content);
        Assert.Equal(PromptLibrary.BuiltIn.Get(EvolOperations.Mutation).Hash, library.Get(EvolOperations.Mutation).Hash);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Load_MissingFolder_Throws()
    {
        // Arrange
        var folder = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));

        // Act / Assert
        Assert.Throws<DirectoryNotFoundException>(() => PromptLibrary.Load(folder));
    }
}
