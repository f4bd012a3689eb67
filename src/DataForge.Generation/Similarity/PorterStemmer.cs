using System.Collections.Frozen;

namespace DataForge.Generation.Similarity;

/// <summary>
/// The Porter suffix-stripping stemmer exactly as nltk 3.8's <c>PorterStemmer()</c> stems in its
/// default <c>NLTK_EXTENSIONS</c> mode, the stemmer rouge_score's <c>use_stemmer=True</c> creates.
/// </summary>
/// <remarks>
/// <para>Ported algorithm: M. F. Porter, "An algorithm for suffix stripping" (1980), steps 1a–5b,
/// with nltk's deviations from the paper:</para>
/// <list type="bullet">
/// <item>a pool of irregular forms answered before any rule (<c>skies</c> → <c>sky</c>,
/// <c>dying</c> → <c>die</c>, <c>news</c>, <c>innings</c>, <c>proceed</c>, …);</item>
/// <item>words of one or two letters are returned as they are;</item>
/// <item>1a: a four-letter word ending <c>ies</c> keeps <c>ie</c> (<c>ties</c> → <c>tie</c>);</item>
/// <item>1b: <c>ied</c> becomes <c>ie</c> in a four-letter word, else <c>i</c>, unconditionally;</item>
/// <item>1c: <c>y</c> becomes <c>i</c> only after a consonant that is not the word's first letter
/// (<c>happy</c> → <c>happi</c>, <c>fly</c> → <c>fli</c>; <c>enjoy</c> and <c>by</c> unchanged);</item>
/// <item>2: <c>bli</c> → <c>ble</c> (not <c>abli</c>); <c>alli</c> → <c>al</c> and step 2 again;
/// <c>fulli</c> → <c>ful</c>; <c>logi</c> → <c>log</c> when the word less <c>ogi</c> has m &gt; 0;</item>
/// <item>condition *o also holds for a two-letter vowel–consonant stem;</item>
/// <item>5b: <c>ll</c> → <c>l</c> when the word less its last letter has m &gt; 1.</item>
/// </list>
/// <para>In every rule list the first rule whose suffix ends the word decides: when its condition
/// fails the word is left as it is and later rules are not tried. The input is expected in lower
/// case (the Rouge tokenizer's tokens); no case folding is done. Works on one buffer per call,
/// on the stack for words shorter than <see cref="StackLimit"/> characters.</para>
/// <para>References: tartarus.org/martin/PorterStemmer; nltk <c>nltk/stem/porter.py</c> (3.8);
/// checked against the goldens of <c>tools/reference/make_stemmer_goldens.py</c>.</para>
/// </remarks>
internal static class PorterStemmer
{
    /// <summary>Words shorter than this are stemmed in a stack buffer; longer ones in a heap array.</summary>
    private const int StackLimit = 64;

    /// <summary>nltk's irregular forms, answered before any rule.</summary>
    private static readonly FrozenDictionary<string, string> Irregular = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sky"] = "sky", ["skies"] = "sky", ["dying"] = "die", ["lying"] = "lie", ["tying"] = "tie",
        ["news"] = "news", ["innings"] = "inning", ["inning"] = "inning", ["outings"] = "outing",
        ["outing"] = "outing", ["cannings"] = "canning", ["canning"] = "canning", ["howe"] = "howe",
        ["proceed"] = "proceed", ["exceed"] = "exceed", ["succeed"] = "succeed",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Step 2 (m &gt; 0), in nltk's order; <c>logi</c> is handled after it.</summary>
    private static readonly Rule[] Step2Rules =
    [
        new("ational", "ate"), new("tional", "tion"), new("enci", "ence"), new("anci", "ance"),
        new("izer", "ize"), new("bli", "ble"), new("alli", "al"), new("entli", "ent"), new("eli", "e"),
        new("ousli", "ous"), new("ization", "ize"), new("ation", "ate"), new("ator", "ate"),
        new("alism", "al"), new("iveness", "ive"), new("fulness", "ful"), new("ousness", "ous"),
        new("aliti", "al"), new("iviti", "ive"), new("biliti", "ble"), new("fulli", "ful"),
    ];

    /// <summary>Step 3 (m &gt; 0).</summary>
    private static readonly Rule[] Step3Rules =
    [
        new("icate", "ic"), new("ative", ""), new("alize", "al"), new("iciti", "ic"),
        new("ical", "ic"), new("ful", ""), new("ness", ""),
    ];

    /// <summary>Step 4 (m &gt; 1), in nltk's order; <c>ion</c> (which also needs s or t before it) is handled after it.</summary>
    private static readonly Rule[] Step4Rules =
    [
        new("al", ""), new("ance", ""), new("ence", ""), new("er", ""), new("ic", ""), new("able", ""),
        new("ible", ""), new("ant", ""), new("ement", ""), new("ment", ""), new("ent", ""), new("ou", ""),
        new("ism", ""), new("ate", ""), new("iti", ""), new("ous", ""), new("ive", ""), new("ize", ""),
    ];

    /// <summary>The stem of <paramref name="word"/> (a lower-case token); the same instance when no rule changes it.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (Irregular.TryGetValue(word, out var irregular))
        {
            return irregular;
        }

        if (word.Length <= 2)
        {
            return word;
        }

        // No step lengthens the word beyond its original length; one spare character for safety.
        var buffer = word.Length < StackLimit ? stackalloc char[StackLimit] : new char[word.Length + 1];
        var w = new Word(buffer, word);
        Step1a(ref w);
        Step1b(ref w);
        Step1c(ref w);
        Step2(ref w);
        Step3(ref w);
        Step4(ref w);
        Step5(ref w);
        return w.Chars.SequenceEqual(word) ? word : w.Chars.ToString();
    }

    private static void Step1a(ref Word w)
    {
        if (w.Length == 4 && w.EndsWith("ies"))
        {
            w.Replace(3, "ie");
        }
        else if (w.EndsWith("sses") || w.EndsWith("ies"))
        {
            w.Replace(2, "");
        }
        else if (w.EndsWith("s") && !w.EndsWith("ss"))
        {
            w.Replace(1, "");
        }
    }

    private static void Step1b(ref Word w)
    {
        if (w.EndsWith("ied"))
        {
            w.Replace(3, w.Length == 4 ? "ie" : "i");
            return;
        }

        if (w.EndsWith("eed"))
        {
            if (Measure(w.Before(3)) > 0)
            {
                w.Replace(1, "");
            }

            return;
        }

        var cut = w.EndsWith("ed") && ContainsVowel(w.Before(2)) ? 2 : w.EndsWith("ing") && ContainsVowel(w.Before(3)) ? 3 : 0;
        if (cut > 0)
        {
            w.Replace(cut, "");
            TidyAfterStep1b(ref w);
        }
    }

    // After -ed / -ing: restore the e of -ate, -ble, -ize; undouble a final consonant (not l, s, z); add e to a short cvc stem.
    private static void TidyAfterStep1b(ref Word w)
    {
        if (w.EndsWith("at") || w.EndsWith("bl") || w.EndsWith("iz"))
        {
            w.Replace(0, "e");
        }
        else if (EndsDoubleConsonant(w.Chars))
        {
            if (w.Chars[^1] is not ('l' or 's' or 'z'))
            {
                w.Replace(1, "");
            }
        }
        else if (Measure(w.Chars) == 1 && EndsCvc(w.Chars))
        {
            w.Replace(0, "e");
        }
    }

    private static void Step1c(ref Word w)
    {
        if (w.EndsWith("y") && w.Length > 2 && IsConsonant(w.Chars, w.Length - 2))
        {
            w.Replace(1, "i");
        }
    }

    private static void Step2(ref Word w)
    {
        if (w.EndsWith("alli") && Measure(w.Before(4)) > 0)
        {
            w.Replace(2, "");
            Step2(ref w);
            return;
        }

        if (!ApplyFirst(ref w, Step2Rules, 1) && w.EndsWith("logi") && Measure(w.Before(3)) > 0)
        {
            w.Replace(1, "");
        }
    }

    private static void Step3(ref Word w) => ApplyFirst(ref w, Step3Rules, 1);

    private static void Step4(ref Word w)
    {
        if (!ApplyFirst(ref w, Step4Rules, 2) && w.EndsWith("ion"))
        {
            var stem = w.Before(3);
            if (Measure(stem) > 1 && stem[^1] is ('s' or 't'))
            {
                w.Replace(3, "");
            }
        }
    }

    // 5a removes a final e (m > 1, or m = 1 and not *o); 5b undoubles a final ll.
    private static void Step5(ref Word w)
    {
        if (w.EndsWith("e"))
        {
            var stem = w.Before(1);
            var m = Measure(stem);
            if (m > 1 || (m == 1 && !EndsCvc(stem)))
            {
                w.Replace(1, "");
            }
        }

        if (w.EndsWith("ll") && Measure(w.Before(1)) > 1)
        {
            w.Replace(1, "");
        }
    }

    /// <summary>Applies the first rule whose suffix ends the word when the rest has measure ≥ <paramref name="minMeasure"/>; false when no suffix matched.</summary>
    private static bool ApplyFirst(ref Word w, Rule[] rules, int minMeasure)
    {
        foreach (var rule in rules)
        {
            if (w.EndsWith(rule.Suffix))
            {
                if (Measure(w.Before(rule.Suffix.Length)) >= minMeasure)
                {
                    w.Replace(rule.Suffix.Length, rule.Replacement);
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>Porter's m: the number of vowel→consonant transitions in <paramref name="stem"/>.</summary>
    private static int Measure(ReadOnlySpan<char> stem)
    {
        var m = 0;
        var previousConsonant = true;
        for (var i = 0; i < stem.Length; i++)
        {
            var consonant = NextIsConsonant(stem[i], i, previousConsonant);
            if (consonant && !previousConsonant)
            {
                m++;
            }

            previousConsonant = consonant;
        }

        return m;
    }

    private static bool ContainsVowel(ReadOnlySpan<char> stem)
    {
        var previousConsonant = true;
        for (var i = 0; i < stem.Length; i++)
        {
            previousConsonant = NextIsConsonant(stem[i], i, previousConsonant);
            if (!previousConsonant)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="c"/> at <paramref name="index"/> is a consonant: not a vowel, and a y only at the start or after a vowel.</summary>
    private static bool NextIsConsonant(char c, int index, bool previousConsonant)
        => !IsVowelLetter(c) && (c != 'y' || index == 0 || !previousConsonant);

    /// <summary>Whether the letter at <paramref name="index"/> is a consonant in Porter's sense.</summary>
    private static bool IsConsonant(ReadOnlySpan<char> word, int index)
    {
        // Along a run of y's the answer alternates, starting from the letter before the run
        // (a word start counts as a vowel there, making a leading y a consonant).
        var j = index;
        while (j >= 0 && word[j] == 'y')
        {
            j--;
        }

        var before = j >= 0 && !IsVowelLetter(word[j]);
        return (index - j) % 2 == 1 ? !before : before;
    }

    private static bool IsVowelLetter(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>Condition *d: the word ends in two equal consonants.</summary>
    private static bool EndsDoubleConsonant(ReadOnlySpan<char> word)
        => word.Length >= 2 && word[^1] == word[^2] && IsConsonant(word, word.Length - 1);

    /// <summary>Condition *o: consonant–vowel–consonant at the end, the last not w, x or y; in nltk also a whole two-letter vowel–consonant word.</summary>
    private static bool EndsCvc(ReadOnlySpan<char> word)
    {
        var n = word.Length;
        if (n == 2)
        {
            return !IsConsonant(word, 0) && IsConsonant(word, 1);
        }

        return n >= 3 && IsConsonant(word, n - 3) && !IsConsonant(word, n - 2) && IsConsonant(word, n - 1) && word[^1] is not ('w' or 'x' or 'y');
    }

    /// <summary>A suffix and what replaces it.</summary>
    private readonly record struct Rule(string Suffix, string Replacement);

    /// <summary>The word being stemmed: a buffer and its current length.</summary>
    private ref struct Word
    {
        private readonly Span<char> _buffer;

        public Word(Span<char> buffer, string word)
        {
            word.CopyTo(buffer);
            _buffer = buffer;
            Length = word.Length;
        }

        /// <summary>Current length.</summary>
        public int Length { get; private set; }

        /// <summary>The current letters.</summary>
        public readonly ReadOnlySpan<char> Chars => _buffer[..Length];

        /// <summary>The letters before the last <paramref name="count"/>.</summary>
        public readonly ReadOnlySpan<char> Before(int count) => _buffer[..(Length - count)];

        /// <summary>Whether the word ends with <paramref name="suffix"/>.</summary>
        public readonly bool EndsWith(string suffix) => Chars.EndsWith(suffix.AsSpan());

        /// <summary>Drops the last <paramref name="count"/> letters and appends <paramref name="replacement"/>.</summary>
        public void Replace(int count, string replacement)
        {
            Length -= count;
            replacement.AsSpan().CopyTo(_buffer[Length..]);
            Length += replacement.Length;
        }
    }
}
