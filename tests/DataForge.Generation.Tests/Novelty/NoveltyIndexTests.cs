using DataForge.Generation.Novelty;
using DataForge.Generation.Similarity;
using Xunit;

namespace DataForge.Generation.Tests.Novelty;

public sealed class NoveltyIndexTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2048, false)]
    [InlineData(1, true)]
    [InlineData(2048, true)]
    public void Queries_EqualNaivePairwise_WithAndWithoutTheParallelPath(int parallelMinimum, bool stem)
    {
        var texts = NoveltyData.NearDuplicates(30, 150, 5, inflected: stem).Concat(NoveltyData.Random(150, 6, inflected: stem)).ToList();
        var items = texts.Select((t, i) => ($"r{i:D4}", t)).ToList();
        var expected = NaivePairwise.Run(items, 0.7, 10, stem);
        var vocabulary = new TokenVocabulary();
        var index = new NoveltyIndex(10, parallelMinimum);
        for (var i = 0; i < items.Count; i++)
        {
            var tokens = vocabulary.Encode(RougeL.Tokenize(items[i].Item2, stem));
            var result = index.Query(tokens);
            Assert.Equal(expected[i].Result.Max, result.Max);
            Assert.Equal(expected[i].Result.Nearest, result.Nearest);
            if (result.Max <= 0.7)
            {
                index.Add(items[i].Item1, tokens);
            }
        }
    }
}
