namespace DataForge.Storage.Readers;

/// <summary>
/// Splits a stream into lines at the byte level with one reusable buffer that grows only up to
/// the line limit. A line over the limit is streamed past (hashed, its prefix kept) instead of
/// buffered. <see cref="Current"/> stays valid until the next <see cref="MoveNextAsync"/>.
/// </summary>
internal sealed class LineSplitter(Stream stream, int maxLineBytes)
{
    private const int InitialBufferBytes = 64 * 1024;
    // A line within the limit, its '\r' and its '\n' must fit: the buffer grows up to maxLineBytes + 2.
    private byte[] _buffer = new byte[Math.Min(InitialBufferBytes, maxLineBytes + 2)];
    private int _start;
    private int _end;
    private bool _endOfStream;

    // Bytes after _start already searched for '\n', so a long line arriving in pieces is scanned once.
    private int _scanned;

    /// <summary>1-based number of the current line.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The current line without its '\n' or '\r\n'.</summary>
    public ReadOnlyMemory<byte> Current { get; private set; }

    /// <summary>False for a last line with no newline after it.</summary>
    public bool Terminated { get; private set; }

    /// <summary>Set instead of <see cref="Current"/> when the line is longer than the limit; the caller disposes it.</summary>
    public OversizedLine? Oversized { get; private set; }

    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        Oversized = null;
        Current = ReadOnlyMemory<byte>.Empty;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
            newline = newline >= 0 ? newline + _scanned : -1;
            _scanned = _end - _start;
            if (newline >= 0 || (_endOfStream && _start < _end))
            {
                Emit(newline >= 0 ? newline : _end - _start, terminated: newline >= 0);
                return true;
            }

            if (_endOfStream)
            {
                return false;
            }

            if (_end - _start > maxLineBytes + 1L)
            {
                await SkipOversizedAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Emit(int length, bool terminated)
    {
        var whole = _buffer.AsMemory(_start, length);
        _start += terminated ? length + 1 : length;
        _scanned = 0;
        LineNumber++;
        Terminated = terminated;
        var line = whole.Span.EndsWith((byte)'\r') ? whole[..^1] : whole;
        if (line.Length > maxLineBytes)
        {
            Oversized = new OversizedLine();
            Oversized.Complete(whole.Span);
            return;
        }

        Current = line;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min(2L * _buffer.Length, maxLineBytes + 2L));
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _endOfStream = read == 0;
        _end += read;
    }

    /// <summary>Reads past a line already known to be over the limit, keeping only its prefix and hash.</summary>
    private async ValueTask SkipOversizedAsync(CancellationToken cancellationToken)
    {
        var line = new OversizedLine();
        line.Append(_buffer.AsSpan(_start, _end - _start));
        _scanned = 0;
        LineNumber++;
        Oversized = line;
        while (true)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            var newline = _buffer.AsSpan(0, _end).IndexOf((byte)'\n');
            Terminated = newline >= 0;
            if (_end == 0 || Terminated)
            {
                _endOfStream = _end == 0;
                line.Complete(_buffer.AsSpan(0, Terminated ? newline : 0));
                _start = Terminated ? newline + 1 : 0;
                return;
            }

            line.Append(_buffer.AsSpan(0, _end));
        }
    }
}
