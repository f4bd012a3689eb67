namespace DataForge.Generation.Similarity;

/// <summary>Rouge-L F as the <c>rouge_score</c> package computes it (β = 1, docs/algorithms.md#rouge-l-novelty-filter).</summary>
/// <remarks>
/// Tokens: the text lower-cased, then the runs of <c>[a-z0-9]</c> (rouge_score's default tokenizer
/// replaces everything else with spaces). Characters are lower-cased one at a time with invariant
/// casing, so only ASCII letters and digits ever form tokens. With stemming (rouge_score's
/// <c>use_stemmer=True</c>) each token longer than three characters is replaced by its
/// <see cref="PorterStemmer"/> stem, as rouge_score does; the novelty filter runs without
/// it, the ensemble consensus with it.
/// </remarks>
internal static class RougeL
{
    /// <summary>Splits <paramref name="text"/> into lower-case alphanumeric tokens, without stemming.</summary>
    public static List<string> Tokenize(string? text) => Tokenize(text, stem: false);

    /// <summary>Splits <paramref name="text"/> into lower-case alphanumeric tokens; with <paramref name="stem"/>, tokens longer than three characters are Porter-stemmed.</summary>
    public static List<string> Tokenize(string? text, bool stem)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var builder = new System.Text.StringBuilder();
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0)
            {
                tokens.Add(Token(builder.ToString(), stem));
                builder.Clear();
            }
        }

        if (builder.Length > 0)
        {
            tokens.Add(Token(builder.ToString(), stem));
        }

        return tokens;
    }

    /// <summary>The F-measure for an LCS of <paramref name="lcs"/> between token lists of the given lengths; 0 when the LCS is 0.</summary>
    public static double F(int lcs, int lengthX, int lengthY)
    {
        if (lcs == 0 || lengthX == 0 || lengthY == 0)
        {
            return 0;
        }

        var precision = lcs / (double)lengthX;
        var recall = lcs / (double)lengthY;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>An upper bound of <see cref="F"/> for an LCS of at most <paramref name="lcsBound"/> (exact rational value 2L/(|x|+|y|)).</summary>
    public static double FBound(int lcsBound, int lengthX, int lengthY)
        => lengthX + lengthY == 0 ? 0 : 2.0 * lcsBound / (lengthX + lengthY);

    /// <summary>Length of the longest common subsequence of two token-id sequences (bit-parallel).</summary>
    public static int LcsLength(int[] a, int[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        return shorter.Length == 0 ? 0 : LcsMasks.Create(shorter).LcsWith(longer);
    }

    /// <summary>Plain dynamic-programming LCS (the reference the bit-parallel one is checked against).</summary>
    public static int LcsLengthDp(int[] a, int[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    // A stem of an alphanumeric token is never empty and stays alphanumeric, so rouge_score's final
    // ^[a-z0-9]+$ check never removes one.
    private static string Token(string token, bool stem)
        => stem && token.Length > 3 ? PorterStemmer.Stem(token) : token;
}
