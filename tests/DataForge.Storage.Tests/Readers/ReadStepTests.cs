using DataForge.Core.Steps;
using DataForge.Storage.Readers;
using DataForge.Testing;
using Xunit;

namespace DataForge.Storage.Tests.Readers;

public sealed class ReadStepTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadAsync_Folder_OriginIsStepNameAndSourcesRelative()
    {
        // Arrange
        _folder.Write("seeds/a.jsonl", "{\"instruction\":\"a\",\"output\":\"b\"}\nbad\n{\"instruction\":\"c\",\"output\":\"d\"}\n");
        var step = new ReadStep(new ReadStepOptions { Path = Path.Combine(_folder.Path, "seeds"), BaseDirectory = _folder.Path, Limit = 1 });
        var context = new StepContext("seeds", 1, "run", _folder.Path);

        // Act
        var outcomes = new List<Outcome>();
        await foreach (var outcome in step.ReadAsync(context, CancellationToken.None))
        {
            outcomes.Add(outcome);
        }

        // Assert
        var sample = Assert.Single(outcomes).Sample;
        Assert.Equal(("seeds", "seeds/a.jsonl:1"), (sample.Origin, sample.Source));
    }

    [Fact]
    public async Task ReadAsync_DatasetConfigSplitAndCodeInstruction_ReachTheReader()
    {
        // Arrange
        _folder.Write("hub/README.md", "---\nconfigs:\n- config_name: code\n  data_files:\n  - split: train\n    path: src/*.sh\n  - split: test\n    path: eval/*.sh\n---\n");
        _folder.Write("hub/src/build.sh", "make all\n");
        _folder.Write("hub/eval/check.sh", "make check\n");
        var step = new ReadStep(new ReadStepOptions { Path = _folder.Combine("hub"), BaseDirectory = _folder.Path, Config = "code", Split = "test", CodeInstruction = "Write the {language} script {name}." });

        // Act
        var outcomes = new List<Outcome>();
        await foreach (var outcome in step.ReadAsync(new StepContext("hub", 1, "run", _folder.Path), CancellationToken.None))
        {
            outcomes.Add(outcome);
        }

        // Assert
        var sample = Assert.Single(outcomes).Sample;
        Assert.Equal(("hub/eval/check.sh:1", "Write the bash script check.sh.", "make check\n"), (sample.Source, sample.Instruction, sample.Output));
    }

    [Fact]
    public async Task ReadAsync_RejectOrigin_IsStepName()
    {
        // Arrange
        var path = _folder.Write("a.jsonl", "bad\n");
        var step = new ReadStep(new ReadStepOptions { Path = path, MaxFieldBytes = 10, MaxLineBytes = 100 });

        // Act
        var outcomes = new List<Outcome>();
        await foreach (var outcome in step.ReadAsync(new StepContext("src", 1, "run", _folder.Path), CancellationToken.None))
        {
            outcomes.Add(outcome);
        }

        // Assert
        Assert.Equal(("src", "invalid_json"), (Assert.Single(outcomes).Sample.Origin, outcomes[0].Verdict.Reason));
    }

    [Fact]
    public void Contract_DeclaresFieldsAndEveryReason()
    {
        // Arrange
        var step = new ReadStep(new ReadStepOptions { Path = "/x" });

        // Act
        var contract = step.Contract;

        // Assert
        Assert.Equal(StepRole.Source, step.Role);
        Assert.Empty(contract.Requires);
        Assert.Equal(["id", "kind", "instruction", "input", "output", "messages", "language", "root_id", "round", "source", "origin", "meta"], contract.Produces);
        Assert.Equal(
            ["binary_file", "empty_file", "field_too_large", "file_too_large", "invalid_compression", "invalid_csv", "invalid_json", "invalid_parquet", "invalid_utf8", "line_too_large", "missing_field", "not_an_object", "truncated_line", "unsupported_content", "wrong_type"],
            contract.DropReasons.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        // Arrange, Act, Assert
        Assert.Throws<ArgumentNullException>(() => new ReadStep(null!));
        Assert.Throws<ArgumentException>(() => new ReadStep(new ReadStepOptions { Path = " " }));
        Assert.Contains("max_field_bytes", Assert.Throws<ArgumentException>(() => new ReadStep(new ReadStepOptions { Path = "/x", MaxFieldBytes = 0 })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadStep(new ReadStepOptions { Path = "/x", Limit = -5 }));
    }

    [Fact]
    public void ReadAsync_MissingPath_ThrowsBeforeReading()
    {
        // Arrange
        var step = new ReadStep(new ReadStepOptions { Path = Path.Combine(_folder.Path, "missing") });

        // Act, Assert
        Assert.Throws<DirectoryNotFoundException>(() => step.ReadAsync(new StepContext("s", 1, "run", _folder.Path), CancellationToken.None));
    }
}
