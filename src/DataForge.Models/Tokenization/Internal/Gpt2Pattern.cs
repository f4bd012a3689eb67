using System.Text.RegularExpressions;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>GPT-2's pre-tokenization regex (the ByteLevel pre-tokenizer with <c>use_regex</c>).</summary>
internal static class Gpt2Pattern
{
    public const string Text = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public static readonly Regex Regex = new(Text, RegexOptions.Compiled | RegexOptions.CultureInvariant);
}
