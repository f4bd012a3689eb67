using System.Text.Json;
using DataForge.Generation.Similarity;
using DataForge.Testing;
using Xunit;

namespace DataForge.Generation.Tests.Similarity;

public sealed class PorterStemmerTests
{
    // Written by tools/reference/make_stemmer_goldens.py from nltk 3.8's PorterStemmer() (default mode).
    private static readonly Lazy<JsonDocument> Goldens = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("tests", "DataForge.Generation.Tests", "Data", "porter-goldens.json"))));

    [Fact]
    public void Stem_EveryGoldenWord_EqualsNltk()
    {
        // Arrange
        var words = Goldens.Value.RootElement.GetProperty("words").EnumerateObject().ToList();

        // Act
        var wrong = words
            .Select(w => (Word: w.Name, Expected: w.Value.GetString()!, Actual: PorterStemmer.Stem(w.Name)))
            .Where(r => r.Actual != r.Expected)
            .ToList();

        // Assert
        Assert.True(words.Count > 5000, $"only {words.Count} golden words");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {words.Count} differ, e.g. " + string.Join(", ", wrong.Take(20).Select(r => $"{r.Word}: nltk {r.Expected}, here {r.Actual}")));
    }

    [Fact]
    public void Tokenize_WithStem_EveryGoldenSentenceEqualsRougeScore()
    {
        // Arrange
        var sentences = Goldens.Value.RootElement.GetProperty("sentences").EnumerateArray().ToList();

        // Act / Assert
        Assert.True(sentences.Count >= 50, $"only {sentences.Count} golden sentences");
        foreach (var sentence in sentences)
        {
            var text = sentence.GetProperty("text").GetString()!;
            var expected = sentence.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToList();
            Assert.Equal(expected, RougeL.Tokenize(text, stem: true));
        }
    }

    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ties", "tie")]
    [InlineData("skies", "sky")]
    [InlineData("dying", "die")]
    [InlineData("hopping", "hop")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("enjoy", "enjoy")]
    [InlineData("generalli", "gener")]
    [InlineData("analogi", "analog")]
    [InlineData("controll", "control")]
    [InlineData("relational", "relat")]
    public void Stem_RuleExamples_MatchNltk(string word, string expected)
    {
        // Act
        var stem = PorterStemmer.Stem(word);

        // Assert
        Assert.Equal(expected, stem);
    }

    [Fact]
    public void Stem_WordNoRuleChanges_ReturnsTheSameInstance()
    {
        // Arrange
        var word = new string("control".AsSpan());

        // Act
        var stem = PorterStemmer.Stem(word);

        // Assert
        Assert.Same(word, stem);
    }

    [Fact]
    public void Tokenize_StemOnlyTouchesTokensLongerThanThree()
    {
        // Act
        var stemmed = RougeL.Tokenize("Flies fly; runs ran, running.", stem: true);
        var plain = RougeL.Tokenize("Flies fly; runs ran, running.");

        // Assert
        Assert.Equal(["fli", "fly", "run", "ran", "run"], stemmed);
        Assert.Equal(["flies", "fly", "runs", "ran", "running"], plain);
    }
}
