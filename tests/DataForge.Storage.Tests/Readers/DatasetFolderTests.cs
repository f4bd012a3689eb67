using DataForge.Core.Diagnostics;
using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

/// <summary>A Hugging Face dataset folder: README.md configs with splits of globbed data files, chosen by config and split.</summary>
public sealed class DatasetFolderTests : IDisposable
{
    private const string Card = """
        ---
        license: mit
        pretty_name: "Fragen & Antworten"
        configs:
        - config_name: chat
          data_files:
          - split: train
            path:
            - chat/train.jsonl
            - chat/more/*.jsonl
        - config_name: default
          data_files:
          - split: train
            path: data/train-*
          - split: test
            path: "./data/test-*.parquet"
        ---
        # Fragen & Antworten

        Questions in German and Japanese.
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_DefaultConfig_EverySplitInCardOrderOthersNamed()
    {
        // Arrange
        await WriteHubAsync();
        var notices = new List<string>();

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(_folder.Combine("hub"), RecordReaderOptions.Default with { Origin = "hub", Notice = notices.Add });

        // Assert
        Assert.Empty(outcomes.Rejected());
        Assert.Equal(
            ["data/train-00000-of-00002.parquet:1 Wie heißt du?", "data/train-00000-of-00002.parquet:2 Wo wohnst du?", "data/train-00001-of-00002.parquet:1 お名前は？", "data/test-00000-of-00001.parquet:1 Wie alt bist du?"],
            outcomes.Select(o => $"{o.Sample.Source} {o.Sample.Instruction}"));
        Assert.Equal("{\"id\":\"te-1\",\"level\":\"A1\"}", outcomes[3].Sample.MetaText("extra"));
        Assert.Equal(
            $"read step 'hub': 4 files under {_folder.Combine("hub")} not read: README.md (the dataset card), chat/more/b.jsonl (not in config 'default'), chat/train.jsonl (not in config 'default'), data/notes.txt (not in config 'default')",
            Assert.Single(notices));
    }

    [Fact]
    public async Task ReadAsync_ConfigAndSplit_OnlyThatSplitsFiles()
    {
        // Arrange
        await WriteHubAsync();

        // Act
        var test = await ReaderTestKit.ReadAllAsync(_folder.Combine("hub"), RecordReaderOptions.Default with { Config = "default", Split = "test" });
        var chat = await ReaderTestKit.ReadAllAsync(_folder.Combine("hub"), RecordReaderOptions.Default with { Config = "chat" });

        // Assert
        Assert.Equal(["data/test-00000-of-00001.parquet:1"], test.Select(o => o.Sample.Source));
        Assert.Equal(["chat/more/b.jsonl:1", "chat/train.jsonl:1"], chat.Select(o => o.Sample.Source));
        Assert.Equal(("Ça va ?", "Oui."), (chat[1].Sample.Instruction, chat[1].Sample.Output));
    }

    [Fact]
    public async Task ReadAsync_UnknownConfigOrSplit_ConfigurationErrorNamingThoseThere()
    {
        // Arrange
        await WriteHubAsync();
        var hub = _folder.Combine("hub");

        // Act
        var config = await Assert.ThrowsAsync<DataForgeConfigException>(() => ReaderTestKit.ReadAllAsync(hub, RecordReaderOptions.Default with { Origin = "hub", Config = "qa" }));
        var split = await Assert.ThrowsAsync<DataForgeConfigException>(() => ReaderTestKit.ReadAllAsync(hub, RecordReaderOptions.Default with { Split = "validation" }));

        // Assert
        Assert.Equal($"read step 'hub': no config 'qa' in {Path.Combine(hub, "README.md")}; its configs: chat, default", config.Message);
        Assert.Equal($"config 'default' of {Path.Combine(hub, "README.md")} has no split 'validation'; its splits: train, test", split.Message);
    }

    [Fact]
    public async Task ReadAsync_TwoConfigsNoneDefault_ErrorAskingForOne_MarkedDefaultChosen()
    {
        // Arrange
        _folder.Write("a/README.md", "---\nconfigs:\n- config_name: de\n  data_files: de.jsonl\n- config_name: ja\n  data_files: [ja.jsonl]\n---\n");
        _folder.Write("b/README.md", "---\nconfigs:\n- config_name: de\n  data_files: de.jsonl\n- config_name: ja\n  default: true\n  data_files: {validation: ja.jsonl}\n---\n");
        foreach (var folder in new[] { "a", "b" })
        {
            _folder.Write($"{folder}/de.jsonl", "{\"instruction\": \"Hallo\", \"output\": \"Welt\"}\n");
            _folder.Write($"{folder}/ja.jsonl", "{\"instruction\": \"こんにちは\", \"output\": \"世界\"}\n");
        }

        // Act
        var error = await Assert.ThrowsAsync<DataForgeConfigException>(() => ReaderTestKit.ReadAllAsync(_folder.Combine("a")));
        var marked = await ReaderTestKit.ReadAllAsync(_folder.Combine("b"));
        var split = await ReaderTestKit.ReadAllAsync(_folder.Combine("b"), RecordReaderOptions.Default with { Split = "validation" });

        // Assert
        Assert.Contains("has configs de, ja and none is the default: choose one with config = \"NAME\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(["ja.jsonl:1"], marked.Select(o => o.Sample.Source));
        Assert.Equal(["ja.jsonl:1"], split.Select(o => o.Sample.Source));
    }

    [Fact]
    public async Task ReadAsync_DataDirOnly_EveryFileUnderIt()
    {
        // Arrange
        _folder.Write("d/README.md", "---\nconfigs:\n- config_name: default\n  data_dir: shards/\n---\n");
        _folder.Write("d/shards/x/1.jsonl", "{\"instruction\": \"a\", \"output\": \"b\"}\n");
        _folder.Write("d/other.jsonl", "{\"instruction\": \"c\", \"output\": \"d\"}\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(_folder.Combine("d"));

        // Assert
        Assert.Equal(["shards/x/1.jsonl:1"], outcomes.Select(o => o.Sample.Source));
    }

    [Fact]
    public async Task ReadAsync_BrokenFrontMatter_ErrorWithCardLine()
    {
        // Arrange
        _folder.Write("e/README.md", "---\nlicense: mit\nconfigs:\n- config_name: default\n  data_files: [a.jsonl\n---\n");

        // Act
        var error = await Assert.ThrowsAsync<DataForgeConfigException>(() => ReaderTestKit.ReadAllAsync(_folder.Combine("e")));

        // Assert
        // The unclosed list runs into the end of the front matter, the card's line 6.
        Assert.StartsWith(Path.Combine(_folder.Combine("e"), "README.md") + ":6: the dataset card's front matter cannot be read: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_CardWithoutConfigs_FolderWalkedAsBefore_ConfigOptionRefused()
    {
        // Arrange
        _folder.Write("f/README.md", "---\nlicense: mit\n---\n# Notes\n");
        _folder.Write("f/x.jsonl", "{\"instruction\": \"a\", \"output\": \"b\"}\n");

        // Act
        var outcomes = await ReaderTestKit.ReadAllAsync(_folder.Combine("f"));
        var error = await Assert.ThrowsAsync<DataForgeConfigException>(() => ReaderTestKit.ReadAllAsync(_folder.Combine("f"), RecordReaderOptions.Default with { Config = "default" }));

        // Assert
        Assert.Equal(["x.jsonl:1"], outcomes.Select(o => o.Sample.Source));
        Assert.Contains("'config' is set, but", error.Message, StringComparison.Ordinal);
    }

    private async Task WriteHubAsync()
    {
        _folder.Write("hub/README.md", Card);
        _folder.Write("hub/data/notes.txt", "not data\n");
        string[] columns = ["id", "instruction", "input", "output", "level"];
        await ParquetFileReaderTests.WriteAsync(_folder.Combine("hub/data/train-00000-of-00002.parquet"), columns, [["tr-1", "Wie heißt du?", "", "Ich heiße Ana.", "A1"], ["tr-2", "Wo wohnst du?", null, "In Köln.", null]]);
        await ParquetFileReaderTests.WriteAsync(_folder.Combine("hub/data/train-00001-of-00002.parquet"), columns, [["tr-3", "お名前は？", "", "アナです。", "N5"]]);
        await ParquetFileReaderTests.WriteAsync(_folder.Combine("hub/data/test-00000-of-00001.parquet"), columns, [["te-1", "Wie alt bist du?", null, "Zwanzig.", "A1"]]);
        _folder.Write("hub/chat/train.jsonl", "{\"messages\": [{\"role\": \"user\", \"content\": \"Ça va ?\"}, {\"role\": \"assistant\", \"content\": \"Oui.\"}]}\n");
        _folder.Write("hub/chat/more/b.jsonl", "{\"instruction\": \"Merci\", \"output\": \"De rien\"}\n");
    }
}
