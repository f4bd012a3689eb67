using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataForge.Models.Tests.Torch;

/// <summary>
/// What batched generation relies on, checked on this CPU: a row's bits do not depend on its batch
/// mates when a matrix product has a multiple of four rows, and the written-out attention of one
/// query does not depend on the number of rows (the fused kernel does: the last test shows why it
/// is not used for one query). If a CPU breaks the first two, generation results would follow the
/// batching, and these tests say which part broke.
/// </summary>
[Collection(TorchTests.Name)]
public sealed class RowInvarianceTests
{
    [Theory]
    [InlineData(64, 176)]
    [InlineData(192, 4096)]
    [InlineData(768, 3072)]
    public void Linear_RowsInMultiplesOfFour_SameBitsAsInALargerProduct(int inputs, int outputs)
    {
        // Arrange
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        var x = torch.randn(32, inputs);
        var weight = torch.randn(outputs, inputs);
        var bias = torch.randn(outputs);

        // Act
        var all = nn.functional.linear(x, weight, bias);

        // Assert
        foreach (var rows in new[] { 4, 8, 12, 20 })
        {
            Assert.True(Same(nn.functional.linear(x.narrow(0, 0, rows), weight, bias), all.narrow(0, 0, rows)), $"{rows} rows of {inputs}x{outputs}");
        }
    }

    [Fact]
    public void OneQueryAttention_WrittenOut_SameBitsForEveryNumberOfRows_FusedKernelNot()
    {
        // Arrange
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(8);
        var (q, k, v, mask) = (torch.randn(12, 4, 1, 32), torch.randn(12, 4, 40, 32), torch.randn(12, 4, 40, 32), torch.zeros(12, 1, 1, 40));
        static Tensor WrittenOut(Tensor q, Tensor k, Tensor v, Tensor mask)
            => torch.matmul(nn.functional.softmax(torch.matmul(q, k.transpose(-2, -1)).mul_(1.0 / Math.Sqrt(32)).add_(mask), -1), v);
        static Tensor Fused(Tensor q, Tensor k, Tensor v, Tensor mask) => nn.functional.scaled_dot_product_attention(q, k, v, attn_mask: mask);

        // Act
        bool Invariant(Func<Tensor, Tensor, Tensor, Tensor, Tensor> attention)
        {
            var all = attention(q, k, v, mask);
            return new[] { 1, 2, 3, 4, 8 }.All(n => Same(attention(q.narrow(0, 0, n), k.narrow(0, 0, n), v.narrow(0, 0, n), mask.narrow(0, 0, n)), all.narrow(0, 0, n)));
        }

        // Assert
        Assert.True(Invariant(WrittenOut));
        Assert.False(Invariant(Fused), "the fused kernel became row-invariant: the written-out path could go");
    }

    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();
}
