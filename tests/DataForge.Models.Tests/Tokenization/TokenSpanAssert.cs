using DataForge.Models.Tokenization;
using Xunit;

namespace DataForge.Models.Tests.Tokenization;

internal static class TokenSpanAssert
{
    /// <summary>The spans are contiguous, start at 0 and end at the text's end.</summary>
    public static void CoverExactly(string text, IReadOnlyList<TokenSpan> spans)
    {
        var position = 0;
        foreach (var span in spans)
        {
            Assert.Equal(position, span.Offset);
            Assert.True(span.Length >= 0);
            position += span.Length;
        }

        Assert.Equal(text.Length, position);
    }
}
