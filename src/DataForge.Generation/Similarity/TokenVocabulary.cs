namespace DataForge.Generation.Similarity;

/// <summary>Maps tokens to dense integer ids (one vocabulary per filter instance; not thread-safe).</summary>
internal sealed class TokenVocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    /// <summary>Number of distinct tokens seen.</summary>
    public int Count => _ids.Count;

    /// <summary>The ids of <paramref name="tokens"/>, adding unseen tokens.</summary>
    public int[] Encode(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var ids = new int[tokens.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!_ids.TryGetValue(tokens[i], out var id))
            {
                id = _ids.Count;
                _ids.Add(tokens[i], id);
            }

            ids[i] = id;
        }

        return ids;
    }
}
