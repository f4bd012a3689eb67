namespace DataForge.Storage.Readers;

/// <summary>
/// Splits CSV / TSV bytes into rows (RFC 4180): fields separated by the delimiter, a field that
/// starts with <c>"</c> is quoted (<c>""</c> is a quote; commas, tabs and newlines inside are
/// data), rows end at <c>\n</c> or <c>\r\n</c> outside quotes. A quote inside an unquoted field is
/// data. A row keeps its raw bytes (up to the line limit) for rejects.
/// </summary>
internal sealed class CsvRowReader(Stream stream, byte delimiter, int maxRowBytes)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _raw = new();
    private readonly MemoryStream _field = new();
    private int _position;
    private int _length;
    private long _line = 1;

    /// <summary>The fields of the current row.</summary>
    public List<byte[]> Fields { get; } = [];

    /// <summary>The 1-based line the current row starts on.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The current row's bytes as in the file, without its line ending (cut at the limit).</summary>
    public ReadOnlySpan<byte> Raw => _raw.GetBuffer().AsSpan(0, (int)_raw.Length);

    /// <summary>The current row's length in bytes, also past the limit.</summary>
    public long RawLength { get; private set; }

    /// <summary>Why the current row is not well-formed CSV; null when it is.</summary>
    public string? Problem { get; private set; }

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    /// <summary>Reads the next row; false at the end of the data.</summary>
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        Fields.Clear();
        _raw.SetLength(0);
        _field.SetLength(0);
        RawLength = 0;
        Problem = null;
        LineNumber = _line;
        var state = State.FieldStart;
        while (true)
        {
            if (_position == _length)
            {
                _length = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                _position = 0;
                if (_length == 0)
                {
                    return RawLength > 0 && EndRow(state, atEnd: true);
                }
            }

            var b = _buffer[_position++];
            if (b == (byte)'\n')
            {
                _line++;
                if (state != State.Quoted)
                {
                    return EndRow(state, atEnd: false);
                }
            }

            Keep(b);
            state = Step(state, b);
        }
    }

    private State Step(State state, byte b)
    {
        switch (state)
        {
            case State.Quoted:
                if (b == (byte)'"')
                {
                    return State.QuoteInQuoted;
                }

                _field.WriteByte(b);
                return State.Quoted;
            case State.QuoteInQuoted when b == (byte)'"':
                _field.WriteByte(b);
                return State.Quoted;
            case State.QuoteInQuoted when b == (byte)'\r':
                return State.QuoteInQuoted;
            case State.QuoteInQuoted when b != delimiter:
                Problem ??= $"'{(char)b}' after the closing quote of field {Fields.Count + 1} (a quote inside a quoted field is written \"\")";
                _field.WriteByte(b);
                return State.Unquoted;
            case State.FieldStart when b == (byte)'"':
                return State.Quoted;
            default:
                if (b == delimiter)
                {
                    Fields.Add(_field.ToArray());
                    _field.SetLength(0);
                    return State.FieldStart;
                }

                _field.WriteByte(b);
                return State.Unquoted;
        }
    }

    private void Keep(byte b)
    {
        RawLength++;
        if (_raw.Length < maxRowBytes)
        {
            _raw.WriteByte(b);
        }
    }

    private bool EndRow(State state, bool atEnd)
    {
        if (state == State.Quoted && atEnd)
        {
            Problem ??= "a quoted field is not closed before the end of the file";
        }

        if (!atEnd && RawLength > 0 && RawLength == _raw.Length && _raw.GetBuffer()[_raw.Length - 1] == (byte)'\r')
        {
            _raw.SetLength(_raw.Length - 1);
            RawLength--;
        }

        if (state == State.Unquoted && _field.Length > 0 && _field.GetBuffer()[_field.Length - 1] == (byte)'\r')
        {
            _field.SetLength(_field.Length - 1);
        }

        Fields.Add(_field.ToArray());
        return true;
    }
}
