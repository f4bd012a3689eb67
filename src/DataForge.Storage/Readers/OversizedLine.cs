using System.Security.Cryptography;

namespace DataForge.Storage.Readers;

/// <summary>
/// A line longer than the limit, seen in pieces and never held whole: its first
/// <see cref="RawText.MaxBytes"/> bytes, its length and the hash of all its bytes
/// (the same id <see cref="Core.Records.SampleId.ForBytes"/> would give).
/// </summary>
internal sealed class OversizedLine : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _prefix = new byte[RawText.MaxBytes];
    private int _prefixLength;
    private bool _pendingCarriageReturn;

    public long Length { get; private set; }

    public ReadOnlySpan<byte> Prefix => _prefix.AsSpan(0, _prefixLength);

    /// <summary>Adds the next piece; a '\r' at its end is held back until more follows (it may end a CRLF).</summary>
    public void Append(ReadOnlySpan<byte> piece)
    {
        if (piece.IsEmpty)
        {
            return;
        }

        FlushCarriageReturn();
        _pendingCarriageReturn = piece[^1] == (byte)'\r';
        Add(_pendingCarriageReturn ? piece[..^1] : piece);
    }

    /// <summary>Adds the last piece (up to, not including, the '\n'); the '\r' of a CRLF is not part of the line.</summary>
    public void Complete(ReadOnlySpan<byte> piece)
    {
        if (piece.IsEmpty)
        {
            _pendingCarriageReturn = false;
            return;
        }

        FlushCarriageReturn();
        Add(piece[^1] == (byte)'\r' ? piece[..^1] : piece);
    }

    /// <summary>The id of the whole line.</summary>
    public string Id()
    {
        Span<byte> digest = stackalloc byte[32];
        _hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..16]);
    }

    public void Dispose() => _hash.Dispose();

    private void FlushCarriageReturn()
    {
        if (_pendingCarriageReturn)
        {
            _pendingCarriageReturn = false;
            Add("\r"u8);
        }
    }

    private void Add(ReadOnlySpan<byte> piece)
    {
        _hash.AppendData(piece);
        var room = Math.Min(piece.Length, _prefix.Length - _prefixLength);
        piece[..room].CopyTo(_prefix.AsSpan(_prefixLength));
        _prefixLength += room;
        Length += piece.Length;
    }
}
