using DataForge.Generation;
using Xunit;

namespace DataForge.Generation.Tests;

public sealed class NoveltyIndexTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2048)]
    public void Queries_EqualNaivePairwise_WithAndWithoutTheParallelPath(int parallelMinimum)
    {
        var texts = NoveltyData.NearDuplicates(30, 150, 5).Concat(NoveltyData.Random(150, 6)).ToList();
        var items = texts.Select((t, i) => ($"r{i:D4}", t)).ToList();
        var expected = NaivePairwise.Run(items, 0.7, 10);
        var vocabulary = new TokenVocabulary();
        var index = new NoveltyIndex(10, parallelMinimum);
        for (var i = 0; i < items.Count; i++)
        {
            var tokens = vocabulary.Encode(RougeL.Tokenize(items[i].Item2));
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
