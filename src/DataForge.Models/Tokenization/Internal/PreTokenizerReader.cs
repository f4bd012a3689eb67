using System.Text.Json;
using System.Text.RegularExpressions;

namespace DataForge.Models.Tokenization.Internal;

/// <summary>
/// Reads <c>pre_tokenizer</c>: <c>ByteLevel</c>, optionally after <c>Split</c> (behaviour
/// <c>Isolated</c>) and <c>Digits</c> stages inside a <c>Sequence</c> — the shapes of GPT-2,
/// Qwen2, Llama 3 and SmolLM2.
/// </summary>
internal sealed class PreTokenizerReader(JsonFile file)
{
    private readonly List<PreTokenizerStep> _steps = [];
    private bool _byteLevelSeen;

    public PreTokenizerPipeline Read(JsonElement root)
    {
        const string Path = "$.pre_tokenizer";
        var node = file.OptionalObject(root, "pre_tokenizer", Path)
            ?? throw file.Error(Path, "missing; only byte-level BPE tokenizers (with a ByteLevel pre-tokenizer) are supported");
        Add(node, Path);
        return _byteLevelSeen
            ? new PreTokenizerPipeline(_steps)
            : throw file.Error(Path, "has no ByteLevel pre-tokenizer; only byte-level BPE tokenizers are supported");
    }

    private void Add(JsonElement node, string path)
    {
        var type = file.RequiredString(node, "type", path + ".type");
        if (_byteLevelSeen)
        {
            throw file.Error(path, $"a '{type}' pre-tokenizer after ByteLevel is not supported (ByteLevel must come last)");
        }

        switch (type)
        {
            case "Sequence":
                AddSequence(node, path);
                break;
            case "ByteLevel":
                AddByteLevel(node, path);
                break;
            case "Split":
                _steps.Add(new IsolatedSplitStep(ReadSplit(node, path)));
                break;
            case "Digits":
                var individual = file.OptionalBool(node, "individual_digits", path + ".individual_digits") ?? false;
                _steps.Add(new IsolatedSplitStep(Compile(individual ? @"\p{N}" : @"\p{N}+", path)));
                break;
            default:
                throw file.Error(path + ".type", $"unsupported pre-tokenizer type '{type}' (supported: ByteLevel, Split, Digits, Sequence)");
        }
    }

    private void AddSequence(JsonElement node, string path)
    {
        var items = file.RequiredArray(node, "pretokenizers", path + ".pretokenizers");
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var itemPath = $"{path}.pretokenizers[{index++}]";
            Add(item.ValueKind == JsonValueKind.Object ? item : throw file.Error(itemPath, "expected an object"), itemPath);
        }
    }

    private void AddByteLevel(JsonElement node, string path)
    {
        // Hugging Face's defaults for both flags are true.
        if (file.OptionalBool(node, "add_prefix_space", path + ".add_prefix_space") ?? true)
        {
            _steps.Add(new PrefixSpaceStep());
        }

        if (file.OptionalBool(node, "use_regex", path + ".use_regex") ?? true)
        {
            _steps.Add(new IsolatedSplitStep(Gpt2Pattern.Regex));
        }

        _byteLevelSeen = true;
    }

    private Regex ReadSplit(JsonElement node, string path)
    {
        var behavior = file.OptionalString(node, "behavior", path + ".behavior");
        if (behavior != "Isolated")
        {
            throw file.Error(path + ".behavior", $"Split behavior '{behavior}' is not supported (only Isolated)");
        }

        if (file.OptionalBool(node, "invert", path + ".invert") == true)
        {
            throw file.Error(path + ".invert", "an inverted Split is not supported");
        }

        var pattern = file.RequiredObject(node, "pattern", path + ".pattern");
        var regex = file.OptionalString(pattern, "Regex", path + ".pattern.Regex");
        var literal = file.OptionalString(pattern, "String", path + ".pattern.String");
        return regex is not null ? Compile(regex, path + ".pattern.Regex")
            : literal is not null ? Compile(Regex.Escape(literal), path + ".pattern.String")
            : throw file.Error(path + ".pattern", "expected a Regex or String pattern");
    }

    private Regex Compile(string pattern, string path)
    {
        try
        {
            return new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw file.Error(path, $"the pattern is not a .NET regular expression: {e.Message}");
        }
    }
}
