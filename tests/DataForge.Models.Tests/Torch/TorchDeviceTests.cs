using DataForge.Models.Torch;
using Xunit;

namespace DataForge.Models.Tests.Torch;

[Collection(TorchTests.Name)]
public sealed class TorchDeviceTests
{
    [SkippableFact]
    public void Load_OnCuda_MatchesGoldensLikeTheCpu()
    {
        // GPU-only path: runs where a CUDA build of libtorch and a GPU are present (-p:TorchDevice=cuda).
        Skip.IfNot(TorchSharp.torch.cuda.is_available(), "no CUDA device usable: CPU-only libtorch build or no GPU");

        // Arrange
        var goldens = Goldens.Load("qwen2-random");
        using var decoder = TorchDecoder.Load(Goldens.Folder("qwen2-random"), device: "cuda");

        // Act
        var logits = decoder.Logits(goldens.LogitIds);

        // Assert
        var worst = goldens.Logits.Zip(logits).SelectMany(p => p.First.Zip(p.Second, (g, a) => Math.Abs(g - a))).Max();
        Assert.True(worst < 1e-3, $"largest logit difference {worst:g3}");
    }

    [SkippableFact]
    public void Load_CudaWithoutAUsableDevice_IsRefusedSayingWhy()
    {
        // Arrange
        Skip.If(TorchSharp.torch.cuda.is_available(), "a CUDA device is present; the refusal only happens without one");

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => TorchDecoder.Load(Goldens.Folder("qwen2-random"), device: "cuda"));

        // Assert
        Assert.Contains("no CUDA device is usable", error.Message);
    }
}
