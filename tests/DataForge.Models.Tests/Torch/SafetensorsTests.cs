using System.Buffers.Binary;
using System.Text;
using DataForge.Models.Torch.Checkpoints;
using DataForge.Testing;
using Xunit;
using static TorchSharp.torch;

namespace DataForge.Models.Tests.Torch;

[Collection(TorchTests.Name)]
public sealed class SafetensorsTests
{
    private static readonly float[] Values = [1f, -2.5f, 0.1f, 65504f, -0.000061035156f, 3.140625f];

    // A file written by hand (not by our writer): one tensor of the given dtype and shape [2, 3].
    private static void WriteByHand(string path, string dtype, byte[] data)
    {
        var header = Encoding.UTF8.GetBytes($"{{\"__metadata__\":{{\"format\":\"pt\"}},\"t\":{{\"dtype\":\"{dtype}\",\"shape\":[2,3],\"data_offsets\":[0,{data.Length}]}}}}");
        using var stream = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, header.Length);
        stream.Write(length);
        stream.Write(header);
        stream.Write(data);
    }

    [Fact]
    public void ReadFloat32_F16File_GivesTheHalfValues()
    {
        // Arrange
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "h.safetensors");
        var data = new byte[Values.Length * 2];
        for (var i = 0; i < Values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(2 * i), BitConverter.HalfToUInt16Bits((Half)Values[i]));
        }

        WriteByHand(path, "F16", data);

        // Act
        using var reader = SafetensorsReader.Open(path);
        using var tensor = reader.ReadFloat32("t");

        // Assert
        Assert.Equal([2L, 3L], tensor.shape);
        Assert.Equal(Values.Select(v => (float)(Half)v), tensor.data<float>().ToArray());
    }

    [Fact]
    public void WriteBFloat16_ThenRead_RoundsToNearestEven()
    {
        // Arrange
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "b.safetensors");
        using var source = tensor(Values, [2, 3]);

        // Act
        SafetensorsWriter.Write(path, new Dictionary<string, Tensor> { ["t"] = source }, bfloat16: true);
        using var reader = SafetensorsReader.Open(path);
        using var back = reader.ReadFloat32("t");

        // Assert
        Assert.Equal("BF16", reader.DType("t"));
        var expected = Values.Select(v => (float)BitConverter.Int32BitsToSingle((int)((BitConverter.SingleToUInt32Bits(v) + 0x7FFF + ((BitConverter.SingleToUInt32Bits(v) >> 16) & 1)) & 0xFFFF0000))).ToArray();
        Assert.Equal(expected, back.data<float>().ToArray());
        Assert.Equal(3.140625f, back.data<float>()[5]); // exactly representable: unchanged
    }

    [Fact]
    public void Open_OffsetsBeyondTheFile_IsRefusedNamingTheTensor()
    {
        // Arrange
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "bad.safetensors");
        WriteByHand(path, "F32", new byte[8]); // header promises 8 bytes, shape needs 24

        // Act
        var error = Assert.Throws<InvalidDataException>(() => SafetensorsReader.Open(path));

        // Assert
        Assert.Contains("'t'", error.Message);
        Assert.Contains(path, error.Message);
    }
}
