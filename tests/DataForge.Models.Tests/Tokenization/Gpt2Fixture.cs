using DataForge.Models.Tokenization;
using DataForge.Testing;
using Microsoft.ML.Tokenizers;

namespace DataForge.Models.Tests.Tokenization;

/// <summary>GPT-2 loaded through <see cref="HfTokenizer"/> from a rebuilt tokenizer.json, and tiktoken's GPT-2 to compare with.</summary>
public sealed class Gpt2Fixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public Gpt2Fixture()
    {
        Gpt2TokenizerJson.Write(_folder.Path);
        Tokenizer = HfTokenizer.Load(_folder.Path);
    }

    public HfTokenizer Tokenizer { get; }

    public TiktokenTokenizer Reference { get; } = TiktokenTokenizer.CreateForModel("gpt2");

    public void Dispose() => _folder.Dispose();
}
