using Xunit;

namespace DataForge.EndToEnd.Tests.Builds;

/// <summary>A build costs only what is new: one new seed instruction and one new seed program cost the model and linter work of the records derived from them.</summary>
public sealed class BuildIncrementalTests
{
    [Fact]
    public async Task Build_OneNewInstructionAndProgram_ComputesOnlyTheirRecordsAndEqualsAFromScratchBuild()
    {
        // Arrange: a first build of the default pipeline on a few embedded seeds.
        using var workspace = BuildWorkspace.Default(instructions: 8, programs: 2);
        var first = await workspace.BuildAsync();
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = await workspace.LedgerAsync(BuildWorkspace.SummaryField(first, "dir"));

        // Act: one more seed instruction and one more seed program, then the next build and a from-scratch build of the same inputs.
        workspace.Append("seeds/instructions/general.jsonl", BuildWorkspace.SeedLines("instructions", "general.jsonl").ElementAt(8));
        workspace.Append("seeds/programs/python.jsonl", BuildWorkspace.SeedLines("programs", "python.jsonl").ElementAt(2));
        var next = await workspace.BuildAsync();
        var scratch = await CliRunner.RunAsync(workspace.Path, "build", "--builds", workspace.Combine("scratch"));

        // Assert: the ledger shows model and linter work only for the new records.
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.True(scratch.ExitCode == 0, scratch.ToString());
        var after = await workspace.LedgerAsync(BuildWorkspace.SummaryField(next, "dir"));
        Assert.Equal(before["evolve"].Received + 1, after["evolve"].Received);
        Assert.Equal(1, after["evolve"].Computed);
        Assert.Equal(1, after["edits"].Computed);
        Assert.Equal(before["edits"].Received, after["edits"].CacheHits);
        var newScored = after["score"].Received - before["score"].Received;
        Assert.InRange(newScored, 1, 2);
        Assert.Equal(newScored, after["score"].Computed);
        Assert.Equal(before["score"].Received, after["score"].CacheHits);

        // ...and its shards equal the from-scratch build's byte for byte.
        Assert.Equal(RunFolderAssert.ShardBytes(BuildWorkspace.SummaryField(scratch, "dir")), RunFolderAssert.ShardBytes(BuildWorkspace.SummaryField(next, "dir")));
    }
}
