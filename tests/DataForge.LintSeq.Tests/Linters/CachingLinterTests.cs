using DataForge.LintSeq.Linters;
using DataForge.Testing;
using Xunit;

namespace DataForge.LintSeq.Tests.Linters;

public sealed class CachingLinterTests
{
    [Fact]
    public async Task LintAsync_SecondCallSameProgram_DoesNotReachInnerLinter()
    {
        // Arrange
        var inner = new CountingLinter([new LintMessage(3, 4, "E0602", "Undefined variable 'y'")]);
        var cache = new InMemoryResultCache();
        var linter = new CachingLinter(inner, cache);

        // Act
        var first = await linter.LintAsync("print(y)\n", CancellationToken.None);
        var second = await linter.LintAsync("print(y)\n", CancellationToken.None);

        // Assert
        Assert.Equal(1, inner.Calls);
        Assert.Equal(first, second);
        Assert.Equal(1, cache.Hits);
        Assert.Equal(1, cache.Puts);
    }

    [Fact]
    public async Task LintAsync_DifferentProgramOrRuleSet_MissesTheCache()
    {
        // Arrange
        var cache = new InMemoryResultCache();
        var inner = new CountingLinter([]);
        var other = new CountingLinter([]) { RuleSet = "test-2:E" };

        // Act
        await new CachingLinter(inner, cache).LintAsync("a = 1\n", CancellationToken.None);
        await new CachingLinter(inner, cache).LintAsync("a = 2\n", CancellationToken.None);
        await new CachingLinter(other, cache).LintAsync("a = 1\n", CancellationToken.None);

        // Assert
        Assert.Equal(2, inner.Calls);
        Assert.Equal(1, other.Calls);
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public async Task LintAsync_InnerFails_NothingIsCached()
    {
        // Arrange
        var cache = new InMemoryResultCache();
        var inner = new CountingLinter([]) { Fail = true };
        var linter = new CachingLinter(inner, cache);

        // Act
        await Assert.ThrowsAsync<LinterFailedException>(() => linter.LintAsync("x\n", CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<LinterFailedException>(() => linter.LintAsync("x\n", CancellationToken.None).AsTask());

        // Assert
        Assert.Equal(2, inner.Calls);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task LintAsync_UnreadableCacheEntry_LintsAgain()
    {
        // Arrange
        var cache = new InMemoryResultCache();
        var inner = new CountingLinter([new LintMessage(1, 0, "E0001", "bad")]);
        var linter = new CachingLinter(inner, cache);
        await cache.PutAsync(linter.Key("x\n"), "not json"u8.ToArray(), CancellationToken.None);

        // Act
        var messages = await linter.LintAsync("x\n", CancellationToken.None);

        // Assert
        Assert.Equal(1, inner.Calls);
        Assert.Equal("E0001", Assert.Single(messages).Code);
    }

    private sealed class CountingLinter(IReadOnlyList<LintMessage> answer) : ILinter
    {
        public int Calls { get; private set; }

        public bool Fail { get; init; }

        public string Name => "test";

        public string RuleSet { get; init; } = "test-1:E";

        public ValueTask<IReadOnlyList<LintMessage>> LintAsync(string program, CancellationToken cancellationToken)
        {
            Calls++;
            return Fail ? throw new LinterFailedException("boom") : ValueTask.FromResult(answer);
        }
    }
}
