using DataForge.Models.LlamaCpp.Conversion;
using DataForge.Models.LlamaCpp.Native;
using DataForge.Models.Tokenization;
using DataForge.Testing;
using LLama.Native;
using Xunit;

namespace DataForge.LlamaCpp.Tests;

/// <summary>
/// The pre-tokenizer the converter names makes llama.cpp's own tokenizer give the ids DataForge's gives
/// (DataForge's backend tokenizes itself, but other llama.cpp tools read the file's vocabulary).
/// </summary>
[Collection(LlamaCppTests.Name)]
public sealed class TokenizerParityTests
{
    private static readonly string[] Texts =
    [
        "Write a function that reverses a string.",
        "  leading spaces, trailing spaces   ",
        "tabs\tand\nnew lines\r\n\n\nand  double  spaces",
        "numbers 1234567 and 3.14159, dates 2024-01-31",
        "contractions: don't, I'm, we'll, they've, it's, she'd, you're",
        "symbols: #!$%&*()[]{}<>~`^|\\/@ ==> -> && ||",
        "unicode: café naïve Ünïcödé 日本語 emoji 🙂 Ω≈ç√",
        "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
        "def f(x):\n    return x * 2  # double\n",
    ];

    [Theory]
    [InlineData("tiny", "gpt-2")]
    [InlineData("llama-random", "gpt-2")]
    [InlineData("qwen2-random", "qwen2")]
    public void Convert_Tokenizer_LlamaCppTokenizesAsDataForge(string shape, string preTokenizer)
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = ConversionParityTests.Folder(shape, temp);
        var conversion = GgufConverter.Convert(folder, GgufFileType.F32, temp.Combine("model.gguf"));
        var tokenizer = HfTokenizer.Load(folder);
        LlamaNative.EnsureLoaded();
        var parameters = LLamaModelParams.Default();
        parameters.vocab_only = true;
        using var model = SafeLlamaModelHandle.LoadFromFile(conversion.Path, parameters);

        // Act + Assert
        Assert.Equal(preTokenizer, conversion.PreTokenizer);
        foreach (var text in Texts)
        {
            var expected = tokenizer.Encode(text, allowSpecial: true);
            var actual = model.Tokenize(text, false, true, System.Text.Encoding.UTF8).Select(t => (int)t).ToArray();
            Assert.True(expected.SequenceEqual(actual), $"{shape}: '{text}': DataForge [{string.Join(", ", expected)}], llama.cpp [{string.Join(", ", actual)}]");
        }
    }
}
