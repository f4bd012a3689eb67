using DataForge.Core.Records;

namespace DataForge.Generation.Tests.Novelty;

/// <summary>Generated instruction sets: random ones from a small vocabulary, and near-duplicates of a few bases.</summary>
internal static class NoveltyData
{
    private static readonly string[] Words =
    [
        "write", "a", "the", "function", "that", "returns", "list", "of", "numbers", "sort", "given", "string",
        "explain", "why", "how", "to", "in", "python", "summarize", "text", "and", "find", "largest", "value",
        "convert", "date", "into", "format", "describe", "poem", "about", "cat", "story", "short", "for", "kids",
    ];

    // Inflected forms of some words above: the Porter stemmer maps each group onto one stem.
    private static readonly (string Word, string[] Forms)[] Inflections =
    [
        ("write", ["writes", "writing"]), ("function", ["functions"]), ("returns", ["return", "returned", "returning"]),
        ("list", ["lists"]), ("numbers", ["number"]), ("sort", ["sorts", "sorting", "sorted"]), ("string", ["strings"]),
        ("explain", ["explains", "explained", "explaining"]), ("summarize", ["summarizing", "summarized"]),
        ("find", ["finds", "finding"]), ("value", ["values"]), ("convert", ["converting", "converted"]),
        ("date", ["dates"]), ("format", ["formats", "formatted"]), ("describe", ["describing", "described"]),
        ("poem", ["poems"]), ("cat", ["cats"]), ("story", ["stories"]),
    ];

    public static List<string> Random(int count, int seed, bool inflected = false)
    {
        var random = new Random(seed);
        var vocabulary = Vocabulary(inflected);
        return Enumerable.Range(0, count).Select(_ => Sentence(random, vocabulary, random.Next(3, 16))).ToList();
    }

    public static List<string> NearDuplicates(int bases, int count, int seed, bool inflected = false)
    {
        var random = new Random(seed);
        var vocabulary = Vocabulary(inflected);
        var roots = Enumerable.Range(0, bases).Select(_ => Sentence(random, vocabulary, random.Next(5, 20)).Split(' ').ToList()).ToList();
        var result = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var words = new List<string>(roots[random.Next(bases)]);
            for (var edits = random.Next(0, 4); edits > 0; edits--)
            {
                Mutate(words, vocabulary, random, inflected);
            }

            result.Add(string.Join(' ', words) + (random.Next(3) == 0 ? "." : ""));
        }

        return result;
    }

    public static List<Sample> Samples(IEnumerable<string> instructions)
        => instructions.Select((text, i) => new Sample { Id = $"r{i:D4}", Instruction = text }).ToList();

    private static string[] Vocabulary(bool inflected) => inflected ? [.. Words, .. Inflections.SelectMany(i => i.Forms)] : Words;

    private static string Sentence(Random random, string[] vocabulary, int length)
        => string.Join(' ', Enumerable.Range(0, length).Select(_ => vocabulary[random.Next(vocabulary.Length)]));

    // Without inflections the draws are those of the original three edits, so the plain data sets stay as they were.
    private static void Mutate(List<string> words, string[] vocabulary, Random random, bool inflected)
    {
        switch (random.Next(inflected ? 4 : 3))
        {
            case 0 when words.Count >= 2:
                var i = random.Next(words.Count - 1);
                (words[i], words[i + 1]) = (words[i + 1], words[i]);
                break;
            case 1 when words.Count >= 2:
                words.RemoveAt(random.Next(words.Count));
                break;
            case 3 when words.Count >= 1:
                Inflect(words, random.Next(words.Count), random);
                break;
            default:
                words.Insert(random.Next(words.Count + 1), vocabulary[random.Next(vocabulary.Length)]);
                break;
        }
    }

    // Replaces the word at an index by another form of it (the base or an inflection), when it has one.
    private static void Inflect(List<string> words, int at, Random random)
    {
        var group = Array.FindIndex(Inflections, g => g.Word == words[at] || g.Forms.Contains(words[at]));
        if (group >= 0)
        {
            string[] forms = [Inflections[group].Word, .. Inflections[group].Forms];
            words[at] = forms[random.Next(forms.Length)];
        }
    }
}
