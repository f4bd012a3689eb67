using System.Buffers;
using System.Text;
using DataForge.Models.Tokenization.Internal;

namespace DataForge.Models.Tokenization;

/// <summary>
/// The tokenizer of a Hugging Face checkpoint folder with a byte-level BPE (GPT-2, Qwen2/2.5,
/// SmolLM2, Llama 3): <c>tokenizer.json</c>, and <c>tokenizer_config.json</c> when present.
/// </summary>
/// <remarks>
/// Supported <c>tokenizer.json</c> shapes: <c>model.type</c> BPE with <c>vocab</c> and <c>merges</c>
/// (<c>"a b"</c> strings or <c>["a","b"]</c> arrays, <c>ignore_merges</c> honoured); <c>normalizer</c> null,
/// NFC or a Sequence of those; <c>pre_tokenizer</c> ByteLevel (with <c>use_regex</c>, the GPT-2 regex),
/// or a Sequence of Split (Isolated) and Digits stages followed by ByteLevel; <c>add_prefix_space</c>
/// honoured; <c>added_tokens</c> matched whole. Anything else is refused with an
/// <see cref="InvalidDataException"/> naming the file and the JSON path. Encoding never adds a BOS:
/// <see cref="AddBos"/> tells the caller whether the model expects one. Thread-safe.
/// </remarks>
public sealed class HfTokenizer
{
    /// <summary>The tokenizer file's name in a checkpoint folder.</summary>
    public const string TokenizerFileName = "tokenizer.json";

    private readonly HfEncoder _encoder;
    private readonly TokenTable _table;
    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<string, int> _added;

    private HfTokenizer(HfTokenizerDefinition definition, HfTokenizerConfig config, string configPath)
    {
        _vocab = definition.Vocab;
        _added = definition.AddedTokens.GroupBy(t => t.Content, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        _table = new TokenTable(definition.Vocab, definition.AddedTokens);
        _encoder = new HfEncoder(definition, _table);
        BosId = ResolveId(config.BosToken, configPath, "bos_token");
        EosId = ResolveId(config.EosToken, configPath, "eos_token");
        PadId = ResolveId(config.PadToken, configPath, "pad_token");
        AddBos = config.AddBosToken ?? (definition.TemplateFirstToken is not null && definition.TemplateFirstToken == config.BosToken);
        ChatTemplate = config.ChatTemplate;
        ModelMaxLength = config.ModelMaxLength;
    }

    /// <summary>Highest token id plus one (a model's embedding table may be padded beyond it).</summary>
    public int VocabularySize => _table.Count;

    /// <summary>The id of <c>bos_token</c>, if the configuration names one.</summary>
    public int? BosId { get; }

    /// <summary>The id of <c>eos_token</c>, if the configuration names one.</summary>
    public int? EosId { get; }

    /// <summary>The id of <c>pad_token</c>, if the configuration names one.</summary>
    public int? PadId { get; }

    /// <summary>
    /// Whether the model expects <see cref="BosId"/> before the text: <c>add_bos_token</c>, or else a
    /// post-processor template that starts with the BOS token (Llama 3). <see cref="Encode"/> never adds it.
    /// </summary>
    public bool AddBos { get; }

    /// <summary>The Jinja <c>chat_template</c>, if any (see <see cref="ChatFormat.Detect"/>).</summary>
    public string? ChatTemplate { get; }

    /// <summary><c>model_max_length</c>, when the configuration gives a real limit.</summary>
    public int? ModelMaxLength { get; }

    /// <summary>Loads <c>tokenizer.json</c> (and <c>tokenizer_config.json</c> if present) from a checkpoint folder.</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>tokenizer.json</c>.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or describes an unsupported tokenizer.</exception>
    public static HfTokenizer Load(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var path = Path.Combine(folder, TokenizerFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No {TokenizerFileName} in '{folder}'.", path);
        }

        var definition = HfTokenizerJsonReader.Read(path);
        ByteCoverage.Check(definition, path);
        HfTokenizerJsonReader.CheckMerges(definition, path);
        return new HfTokenizer(definition, HfTokenizerConfig.Read(folder), Path.Combine(folder, HfTokenizerConfig.FileName));
    }

    /// <summary>
    /// A tokenizer from the text of a <c>tokenizer.json</c> and, optionally, of a <c>tokenizer_config.json</c>
    /// (a model file that carries them, such as a GGUF file's <c>tokenizer.huggingface.json</c>);
    /// <paramref name="source"/> names them in errors.
    /// </summary>
    /// <exception cref="InvalidDataException">A text is malformed or describes an unsupported tokenizer.</exception>
    public static HfTokenizer FromJson(string source, string tokenizerJson, string? configJson = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tokenizerJson);
        var path = $"{source}: {TokenizerFileName}";
        HfTokenizerDefinition definition;
        using (var file = JsonFile.Parse(path, Encoding.UTF8.GetBytes(tokenizerJson)))
        {
            definition = HfTokenizerJsonReader.Read(file);
        }

        ByteCoverage.Check(definition, path);
        HfTokenizerJsonReader.CheckMerges(definition, path);
        var configPath = $"{source}: {HfTokenizerConfig.FileName}";
        if (configJson is null)
        {
            return new HfTokenizer(definition, HfTokenizerConfig.Empty, configPath);
        }

        using var config = JsonFile.Parse(configPath, Encoding.UTF8.GetBytes(configJson));
        return new HfTokenizer(definition, HfTokenizerConfig.Parse(config), configPath);
    }

    /// <summary>The ids of <paramref name="text"/>; special tokens in it are single ids only when <paramref name="allowSpecial"/> is set.</summary>
    public int[] Encode(string text, bool allowSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        _encoder.Encode(text, allowSpecial, ids, spans: null);
        return [.. ids];
    }

    /// <summary>The tokens of <paramref name="text"/> with the chars of the input each covers (see <see cref="TokenSpan"/>).</summary>
    public IReadOnlyList<TokenSpan> EncodeWithOffsets(string text, bool allowSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<TokenSpan>(text.Length / 3 + 4);
        _encoder.Encode(text, allowSpecial, [], spans);
        return spans;
    }

    /// <summary>The text of <paramref name="ids"/>: their bytes joined, then UTF-8 decoded (invalid sequences become U+FFFD). Unknown ids are skipped.</summary>
    public string Decode(IReadOnlyList<int> ids, bool skipSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var buffer = new ArrayBufferWriter<byte>(ids.Count * 4 + 1);
        foreach (var id in ids)
        {
            buffer.Write(_table.BytesOf(id, skipSpecial));
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The decoded text of one token (U+FFFD where it holds part of a character).</summary>
    public string TokenText(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        return _table.IsKnown(id) ? Encoding.UTF8.GetString(_table.BytesOf(id, skipSpecial: false)) : throw new ArgumentOutOfRangeException(nameof(id), id, "No token has this id.");
    }

    /// <summary>
    /// The id of a token given as an added token's content (<c>&lt;|im_end|&gt;</c>) or as a vocabulary
    /// entry in byte-level spelling (<c>Ġthe</c>); null when there is none.
    /// </summary>
    public int? IdOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _added.TryGetValue(token, out var id) || _vocab.TryGetValue(token, out id) ? id : null;
    }

    /// <summary>Whether <paramref name="id"/> is an added token marked special.</summary>
    public bool IsSpecial(int id) => _table.IsSpecial(id);

    /// <summary>A decoder that takes ids one at a time (see <see cref="StreamingDecoder"/>).</summary>
    public StreamingDecoder CreateStreamingDecoder(bool skipSpecial = false) => new(_table, skipSpecial);

    private int? ResolveId(string? token, string configPath, string key)
    {
        if (token is null)
        {
            return null;
        }

        return IdOf(token) ?? throw new InvalidDataException($"{configPath}: $.{key}: '{token}' is not a token of {TokenizerFileName}");
    }
}
