using DataForge.Core.Records;
using DataForge.Models.Torch;
using DataForge.Scoring.Ifd;
using DataForge.Testing;
using Xunit;

namespace DataForge.Models.Tests.Torch;

/// <summary>
/// A record's IFD values do not depend on which records share its batch, bit for bit, on the CPU
/// backend: the engine caches each record's score on its own and scores only new records, so a
/// record scored alone in a later run must equal the one scored among others in the first.
/// </summary>
public sealed class IfdBatchInvarianceTests
{
    private static readonly string Folder = RepoPaths.Combine("models", "tiny");

    private static readonly Sample Probe = Make("probe", "Explain what a hash table is.", "A hash table maps keys to values through a hash function that picks a bucket.");

    // Companions longer and shorter than the probe; copies of the probe share its forward passes.
    private static readonly Sample[] Companions =
    [
        Make("c1", "Write a haiku about rain.", "Soft rain on the roof."),
        Make("c2", "Summarize the plot of a long novel about a sea voyage, its captain and the white whale he hunts across the oceans.", "A captain obsessed with a white whale leads his crew to ruin; only the narrator survives to tell the story of the voyage."),
        Make("c3", "Name a prime number.", "Seven."),
        Make("c4", "Describe how photosynthesis works in plants, step by step.", "Light is absorbed by chlorophyll, water is split, and carbon dioxide is fixed into sugars in the Calvin cycle."),
        Make("c5", "Translate 'good morning' into French.", "Bonjour."),
        Make("c6", "List three uses of a paperclip.", "Holding paper, resetting devices, and picking simple locks."),
        Make("c7", "Why is the sky blue?", "Shorter wavelengths of sunlight scatter more in the atmosphere, so blue light reaches the eye from every direction."),
    ];

    [Theory]
    [InlineData("ifd", 1)]
    [InlineData("ifd", 8)]
    [InlineData("ic_ifd", 8)]
    public async Task Probe_AloneAndInBatchesOfThreeAndEight_HasBitIdenticalLosses(string metric, int modelBatch)
    {
        // Arrange
        using var model = TorchLanguageModel.Load(Folder, new TorchModelOptions { BatchSize = modelBatch });
        var scorer = new IfdScorer(model, new IfdOptions { Metric = metric == "ic_ifd" ? IfdMetric.IcIfd : IfdMetric.Ifd });

        // Act
        var alone = (await scorer.ScoreAsync([Probe], CancellationToken.None))[0];
        var ofThree = (await scorer.ScoreAsync([Companions[0], Probe, Companions[1]], CancellationToken.None))[1];
        var ofEight = (await scorer.ScoreAsync([.. Companions[..4], Probe, .. Companions[4..]], CancellationToken.None))[4];
        var amongTwins = (await scorer.ScoreAsync([Probe with { Id = "t1" }, Companions[3], Probe with { Id = "t2" }, Probe, Companions[6], Probe with { Id = "t3" }, Companions[1], Probe with { Id = "t4" }], CancellationToken.None))[3];

        // Assert
        Assert.True(alone.IsValid, alone.Reason);
        foreach (var batched in new[] { ofThree, ofEight, amongTwins })
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(alone.ConditionedLoss), BitConverter.DoubleToInt64Bits(batched.ConditionedLoss));
            Assert.Equal(BitConverter.DoubleToInt64Bits(alone.DirectLoss), BitConverter.DoubleToInt64Bits(batched.DirectLoss));
            Assert.Equal(BitConverter.DoubleToInt64Bits(alone.InstructionLoss), BitConverter.DoubleToInt64Bits(batched.InstructionLoss));
            Assert.Equal(BitConverter.DoubleToInt64Bits(alone.Ifd), BitConverter.DoubleToInt64Bits(batched.Ifd));
        }
    }

    private static Sample Make(string id, string instruction, string output) => new() { Id = id, Instruction = instruction, Output = output };
}
