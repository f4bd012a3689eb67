using System.Text;
using DataForge.Core.Steps;

namespace DataForge.Models.Tests.Tokenization;

/// <summary>Texts for tokenizer tests: mixed prose, code and Unicode, and a synthetic training corpus.</summary>
internal static class SampleTexts
{
    public const string Prose =
        "The committee's report, published on Tuesday, said they'd reviewed 1,284 submissions. "
        + "It's the third year in a row; they'll publish again in 2027, and THEY'RE hopeful.\n\n"
        + "Meanwhile, a café in Zürich serves crème brûlée — naïvely priced at 12.50 CHF — to tourists "
        + "who've walked   three   blocks in the rain.  \r\nLine endings differ, and so do   spaces.\t\tTabs, too.\n";

    public const string Code =
        "def fibonacci(n: int) -> int:\n"
        + "    \"\"\"Return the n-th Fibonacci number.\"\"\"\n"
        + "    a, b = 0, 1\n"
        + "    for _ in range(n):\n"
        + "        a, b = b, a + b  # advance\n"
        + "    return a\n\n"
        + "public static class Program\n{\n\tpublic static int Main(string[] args)\n\t{\n"
        + "\t\tvar total = args.Sum(a => int.Parse(a, CultureInfo.InvariantCulture));\n"
        + "\t\tConsole.WriteLine($\"total={total:N0}\");\n\t\treturn total > 0xFF ? 1 : 0;\n\t}\n}\n"
        + "if (x != null && y >= 3) { z += x ?? y; } // C-style\n    \n";

    public const string Unicode =
        "日本語のテキストと中文文本，还有한국어 문장. Ελληνικά και русский текст.\n"
        + "Emoji: 😀🎉👩‍👩‍👧‍👦 🇫🇷 ✔️ and a thumbs up 👍🏽! Math: ∑x² ≤ ∞, arrows → ⇒.\n"
        + "Combining: e\u0301 a\u0308 (decomposed); Arabic: مرحبا بالعالم; Hindi: नमस्ते दुनिया.\n";

    /// <summary>A few KB of prose, code and Unicode, repeated with numbered variations.</summary>
    public static string Mixed()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 4; i++)
        {
            text.Append(Prose).Append($"Section {i + 1}: item #{i * 37} costs ${i * 3.25:F2}.\n").Append(Code).Append(Unicode);
        }

        return text.ToString();
    }

    /// <summary>
    /// About <paramref name="bytes"/> bytes of synthetic documents: sentences over a lexicon of invented
    /// words (skewed towards frequent ones), with numbers, punctuation, a little code and Unicode.
    /// </summary>
    public static List<string> Corpus(int bytes, ulong seed = 7)
    {
        var random = DeterministicRandom.FromSeed(seed);
        var lexicon = Enumerable.Range(0, 6000).Select(_ => Word(random)).ToArray();
        var documents = new List<string>();
        var size = 0;
        while (size < bytes)
        {
            var document = Document(random, lexicon);
            documents.Add(document);
            size += Encoding.UTF8.GetByteCount(document);
        }

        return documents;
    }

    private static string Document(Random random, string[] lexicon)
    {
        var text = new StringBuilder();
        for (var s = random.Next(3, 12); s > 0; s--)
        {
            var words = Enumerable.Range(0, random.Next(4, 16)).Select(_ => lexicon[Skewed(random, lexicon.Length)]).ToList();
            words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
            text.Append(string.Join(' ', words)).Append(random.Next(10) switch { 0 => "? ", 1 => "! ", 2 => $" {random.Next(1000)}. ", _ => ". " });
        }

        text.Append(random.Next(6) switch
        {
            0 => "\n\tif (count > 0) { total += count; }\n",
            1 => "\nCafé déjà vu — 😀 naïve.\n",
            _ => "\n",
        });
        return text.ToString();
    }

    private static string Word(Random random)
    {
        const string Consonants = "bcdfghklmnprstvwz";
        const string Vowels = "aeiou";
        var word = new StringBuilder();
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            word.Append(Consonants[random.Next(Consonants.Length)]).Append(Vowels[random.Next(Vowels.Length)]);
        }

        return word.ToString();
    }

    // Squaring a uniform draw favours low indices: a rough stand-in for Zipf.
    private static int Skewed(Random random, int count) => (int)(Math.Pow(random.NextDouble(), 2) * count);
}
