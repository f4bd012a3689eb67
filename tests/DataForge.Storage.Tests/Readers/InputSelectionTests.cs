using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>Which files of a folder are read (include / exclude, default exclusions) and the notice naming the others.</summary>
public sealed class InputSelectionTests : IDisposable
{
    private const string Record = "{\"instruction\": \"a\", \"output\": \"b\"}\n";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_ModelFolderAndRunFolder_MetadataNeverReadAndNamed()
    {
        // Arrange
        _folder.Write("in/model/config.json", "{\"hidden_size\": 8}");
        _folder.Write("in/model/tokenizer.json", "{\"model\": {}}");
        _folder.Write("in/model/tokenizer_config.json", "{}");
        _folder.Write("in/model/generation_config.json", "{}");
        _folder.Write("in/run/manifest.json", "{\"run_id\": \"x\"}");
        Directory.CreateDirectory(_folder.Combine("in/run/data"));
        _folder.Write("in/notes/manifest.json", Record);
        _folder.Write("in/seeds.jsonl", Record);
        _folder.Write("in/README.md", "# about\n");
        _folder.Write("in/.cache/x.jsonl", Record);
        var notices = new List<string>();

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(_folder.Combine("in"), RecordReaderOptions.Default with { Origin = "seeds", Notice = notices.Add });

        // Assert
        Assert.Empty(outcomes.Rejected());
        Assert.Equal(["notes/manifest.json:1", "seeds.jsonl:1"], outcomes.Select(o => o.Sample.Source));
        var notice = Assert.Single(notices);
        Assert.Equal(
            $"read step 'seeds': 7 files under {_folder.Combine("in")} not read: .cache/ (hidden), README.md (not a readable type), model/config.json (excluded by 'config.json'), model/generation_config.json (excluded by 'generation_config.json'), model/tokenizer.json (excluded by 'tokenizer.json'), model/tokenizer_config.json (excluded by 'tokenizer_config.json'), run/manifest.json (a run folder's manifest)",
            notice);
    }

    [Fact]
    public async Task ReadAsync_IncludeAndExclude_GlobsOnRelativePaths()
    {
        // Arrange
        _folder.Write("in/train/a.jsonl", Record);
        _folder.Write("in/train/deep/b.jsonl", Record);
        _folder.Write("in/train/deep/b.draft.jsonl", Record);
        _folder.Write("in/eval/c.jsonl", Record);
        _folder.Write("in/d.csv", "instruction,output\na,b\n");
        var notices = new List<string>();
        var options = RecordReaderOptions.Default with { Include = ["train/**", "*.csv"], Exclude = ["*.draft.jsonl"], Notice = notices.Add };

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(_folder.Combine("in"), options);

        // Assert
        Assert.Equal(["d.csv:2", "train/a.jsonl:1", "train/deep/b.jsonl:1"], outcomes.Select(o => o.Sample.Source));
        Assert.EndsWith("2 files under " + _folder.Combine("in") + " not read: eval/c.jsonl (matches no include pattern), train/deep/b.draft.jsonl (excluded by '*.draft.jsonl')", Assert.Single(notices), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NamedFile_ReadEvenWhenMetadataName()
    {
        // Arrange
        var path = _folder.Write("config.json", Record);
        var notices = new List<string>();

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(path, RecordReaderOptions.Default with { Notice = notices.Add });

        // Assert
        Assert.Equal("config.json:1", Assert.Single(outcomes).Sample.Source);
        Assert.Empty(notices);
    }

    [Fact]
    public async Task ReadAsync_EverythingRead_NoNotice()
    {
        // Arrange
        _folder.Write("in/a.jsonl", Record);
        var notices = new List<string>();

        // Act
        await ReaderTestKit.ReadAllAsync(_folder.Combine("in"), RecordReaderOptions.Default with { Notice = notices.Add });

        // Assert
        Assert.Empty(notices);
    }
}
