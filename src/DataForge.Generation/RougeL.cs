namespace DataForge.Generation;

/// <summary>Rouge-L F as the <c>rouge_score</c> package computes it (β = 1, ALGORITHMS.md §4.3a).</summary>
/// <remarks>
/// Tokens: the text lower-cased, then the runs of <c>[a-z0-9]</c> (rouge_score's default tokenizer
/// replaces everything else with spaces). Stemming (rouge_score's <c>use_stemmer</c>) is not
/// implemented: the novelty filter of §4.3 runs without a stemmer. Characters are lower-cased one
/// at a time with invariant casing, so only ASCII letters and digits ever form tokens.
/// </remarks>
internal static class RougeL
{
    /// <summary>Splits <paramref name="text"/> into lower-case alphanumeric tokens.</summary>
    public static List<string> Tokenize(string? text)
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
                tokens.Add(builder.ToString());
                builder.Clear();
            }
        }

        if (builder.Length > 0)
        {
            tokens.Add(builder.ToString());
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
}
