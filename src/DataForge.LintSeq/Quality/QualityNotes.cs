namespace DataForge.LintSeq.Quality;

/// <summary>The <c>quality-filter</c> section of the step reference after its keys (docs/reference.md).</summary>
internal static class QualityNotes
{
    /// <summary>Markdown.</summary>
    public const string Text = """
        The rules, in the order they are checked; the first that fails names the drop reason
        (`quality_` + its name), and `meta.quality.failed` lists every rule that failed. `skip`
        switches rules off; `drop = false` keeps every record and only writes `meta.quality`.

        | rule | value in `meta.quality` | fails when (default) |
        |---|---|---|
        | `word_count` | `word_count` | fewer than 3 or more than 10,000 words |
        | `mean_word_length` | `mean_word_length` | mean length of the words with a letter below 2 or above 12 |
        | `non_letter_words` | `non_letter_words` | more than 80% of the words have no letter |
        | `symbol_ratio` | `symbol_ratio` | more than 0.1 `#` or `...` / `…` per word |
        | `stop_words` | `stop_words` | fewer than 2 English function words (English runs) |
        | `dictionary` | `dictionary_words` | fewer than 80% of the plain words are in the word list (English runs) |
        | `repetition` | `duplicate_lines`, `duplicate_line_chars`, `duplicate_paragraphs`, `duplicate_paragraph_chars`, `top_2gram` … `top_4gram`, `duplicate_5gram` … `duplicate_10gram` | any above its bound: 0.3, 0.2, 0.3, 0.2; 0.20, 0.18, 0.16; 0.15 … 0.10 (Gopher's); n-grams only in fields of 50 words or more |
        | `truncated` | `truncated` | the answer ends mid-sentence |
        | `script` | `script_share` | fewer than 80% of the letters are in the scripts of `[run] language` |
        | `parses` | `parses`, `parse_error` | a Python or C# record's program does not parse |

        What the rules read: the prose of the `fields` (default instruction and output; `messages`
        adds every turn), joined — each field's text without fenced code blocks, inline code spans and
        URLs, since code, JSON and links are not sentences. A word is a whitespace-separated token, as
        in Gopher. The repetition values are each field's own (an answer may repeat its question), the
        record's the largest; their n-grams run over words with a letter, lower case, so the numbers of
        an arithmetic answer do not count as repetition, and only in fields of at least `min_ngram_words`
        (50) such words, Gopher's minimum document length: its fractions were set on texts that long. `truncated` reads the answer (the output, or
        the last assistant message): it fails on an unclosed code fence; on a last line that leaves a
        bracket, `**` or an inline code span open or ends in a connector (`,` `;` `:` `(` `-` `=` `/` …);
        or on a last line of prose (not a list item, table row, heading or quote) of 6 or more words
        ending in a letter or digit — answers legitimately end in list items, table rows, signatures and
        one-word labels without a full stop, and a generation cut at its token limit ends mid-line.
        A record whose `language` is Python or C# (`python`, `py`, `csharp`, `cs`) holds a program in
        its output: only the text around its fences is prose, `truncated` does not read it, and
        `parses` checks the program (its fenced blocks of that language, else the whole output) with
        Python's own `compile()` in the lint worker or Roslyn's parser. `stop_words` and `dictionary`
        are English lists and run only when `[run] language` holds `en` (the default); `script`
        knows the scripts of common ISO 639-1 codes (Latin, Cyrillic, Greek, Arabic, Hebrew,
        Devanagari, Thai, Han, kana, Hangul) and stops the run on another code unless skipped.

        The defaults start from Gopher's web-page rules (Rae et al. 2021) and are widened only where
        short instruction pairs differ from web pages, as each key says; the stop-word list is the one
        Evol-Instruct's elimination rule uses. The word list is Debian's `wamerican` plus `wbritish`
        (`/usr/share/dict`, about 100k words each, installed by `./dataforge`), not words taken from
        the seeds: a list drawn from the data being judged would pass its own vocabulary and fail any
        other, and the Debian lists do not change with the seeds. A plain word is ASCII letters with at
        most one apostrophe; acronyms (two or more capitals, as JSON, DTOs) are not looked up.
        Measured by `bench/quality-bench.sh` (bench/README.md): the defaults keep 98.6% of the
        repository's 291 human-written records (seeds and targets) and drop 94.4% of the 213
        Evol-Instruct rewrites of the default pipeline's embedded model, on which they were chosen, and
        91.2% of 216 held out (run seed 2): mostly made-up words (`dictionary`) and answers cut at the
        token limit (`truncated`). Gopher's other rules drop none of those rewrites; they are there for
        real models' failures (loops, symbol soup, fragments).
        """;
}
