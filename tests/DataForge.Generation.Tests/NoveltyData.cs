using DataForge.Core.Records;

namespace DataForge.Generation.Tests;

/// <summary>Generated instruction sets: random ones from a small vocabulary, and near-duplicates of a few bases.</summary>
internal static class NoveltyData
{
    private static readonly string[] Words =
    [
        "write", "a", "the", "function", "that", "returns", "list", "of", "numbers", "sort", "given", "string",
        "explain", "why", "how", "to", "in", "python", "summarize", "text", "and", "find", "largest", "value",
        "convert", "date", "into", "format", "describe", "poem", "about", "cat", "story", "short", "for", "kids",
    ];

    public static List<string> Random(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Sentence(random, random.Next(3, 16))).ToList();
    }

    public static List<string> NearDuplicates(int bases, int count, int seed)
    {
        var random = new Random(seed);
        var roots = Enumerable.Range(0, bases).Select(_ => Sentence(random, random.Next(5, 20)).Split(' ').ToList()).ToList();
        var result = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var words = new List<string>(roots[random.Next(bases)]);
            for (var edits = random.Next(0, 4); edits > 0; edits--)
            {
                Mutate(words, random);
            }

            result.Add(string.Join(' ', words) + (random.Next(3) == 0 ? "." : ""));
        }

        return result;
    }

    public static List<Sample> Samples(IEnumerable<string> instructions)
        => instructions.Select((text, i) => new Sample { Id = $"r{i:D4}", Instruction = text }).ToList();

    private static string Sentence(Random random, int length)
        => string.Join(' ', Enumerable.Range(0, length).Select(_ => Words[random.Next(Words.Length)]));

    private static void Mutate(List<string> words, Random random)
    {
        switch (random.Next(3))
        {
            case 0 when words.Count >= 2:
                var i = random.Next(words.Count - 1);
                (words[i], words[i + 1]) = (words[i + 1], words[i]);
                break;
            case 1 when words.Count >= 2:
                words.RemoveAt(random.Next(words.Count));
                break;
            default:
                words.Insert(random.Next(words.Count + 1), Words[random.Next(Words.Length)]);
                break;
        }
    }
}
