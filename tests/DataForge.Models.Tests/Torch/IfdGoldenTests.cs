using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Models.Torch;
using DataForge.Scoring.Ifd;
using Xunit;

namespace DataForge.Models.Tests.Torch;

/// <summary>IFD and IC-IFD on the qwen2-random checkpoint against tools/reference/make_ifd_goldens.py (float64 NumPy).</summary>
public sealed class IfdGoldenTests
{
    private const double Tolerance = 1e-4;

    private static (List<Sample> Samples, List<JsonElement> Rows, int MaxLength) Load()
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Goldens.Folder("qwen2-random"), "ifd-goldens.json"))).RootElement;
        var rows = json.GetProperty("samples").EnumerateArray().ToList();
        var samples = rows.Select((r, i) => new Sample
        {
            Id = $"s{i}",
            Instruction = r.GetProperty("instruction").GetString(),
            Input = r.GetProperty("input").GetString() is { Length: > 0 } input ? input : null,
            Output = r.GetProperty("output").GetString(),
        }).ToList();
        return (samples, rows, json.GetProperty("meta").GetProperty("max_length").GetInt32());
    }

    // Batch size 1 (one record per call, one sequence per forward) and batched with mixed lengths (all 20 records in one call, 8 sequences per forward).
    [Theory]
    [InlineData(1, 1)]
    [InlineData(20, 8)]
    public async Task Ifd_Cherry_MatchesReference(int records, int modelBatch)
    {
        // Arrange
        var (samples, rows, maxLength) = Load();
        using var model = TorchLanguageModel.Load(Goldens.Folder("qwen2-random"), new TorchModelOptions { BatchSize = modelBatch });
        var scorer = new IfdScorer(model, new IfdOptions { Metric = IfdMetric.Ifd, PromptFormat = "alpaca", MaxLength = maxLength, BatchRecords = records });

        // Act
        var values = await ScoreAllAsync(scorer, samples, records);

        // Assert
        Assert.Contains(rows, r => r.GetProperty("cherry").TryGetProperty("answer_tokens", out var n) && n.GetInt32() < r.GetProperty("output").GetString()!.Length / 2);
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = rows[i].GetProperty("cherry");
            Assert.True(values[i].IsValid, $"sample {i}: {values[i].Reason}");
            Assert.Equal(expected.GetProperty("answer_tokens").GetInt32(), values[i].AnswerTokens);
            Assert.Equal(expected.GetProperty("conditioned").GetDouble(), values[i].ConditionedLoss, Tolerance);
            Assert.Equal(expected.GetProperty("direct").GetDouble(), values[i].DirectLoss, Tolerance);
            Assert.Equal(expected.GetProperty("ifd").GetDouble(), values[i].Ifd, Tolerance);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(20, 8)]
    public async Task IcIfd_EvolutionAnalysis_MatchesReference(int records, int modelBatch)
    {
        // Arrange
        var (samples, rows, _) = Load();
        using var model = TorchLanguageModel.Load(Goldens.Folder("qwen2-random"), new TorchModelOptions { BatchSize = modelBatch });
        var scorer = new IfdScorer(model, new IfdOptions { Metric = IfdMetric.IcIfd, BatchRecords = records });

        // Act
        var values = await ScoreAllAsync(scorer, samples, records);

        // Assert
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = rows[i].GetProperty("evolution_analysis");
            if (expected.TryGetProperty("reason", out var reason))
            {
                Assert.Equal(reason.GetString(), values[i].Reason);
                continue;
            }

            Assert.True(values[i].IsValid, $"sample {i}: {values[i].Reason}");
            Assert.Equal(expected.GetProperty("instruction").GetDouble(), values[i].InstructionLoss, Tolerance);
            Assert.Equal(expected.GetProperty("conditioned").GetDouble(), values[i].ConditionedLoss, Tolerance);
            Assert.Equal(expected.GetProperty("direct").GetDouble(), values[i].DirectLoss, Tolerance);
            Assert.Equal(expected.GetProperty("ifd").GetDouble(), values[i].Ifd, Tolerance);
            Assert.Equal(expected.GetProperty("ic_ifd").GetDouble(), values[i].IcIfd, Tolerance);
        }
    }

    private static async Task<List<IfdValue>> ScoreAllAsync(IfdScorer scorer, List<Sample> samples, int records)
    {
        var values = new List<IfdValue>();
        foreach (var chunk in samples.Chunk(records))
        {
            values.AddRange(await scorer.ScoreAsync(chunk, CancellationToken.None));
        }

        return values;
    }
}
