using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.Storage.Readers.Code;

namespace DataForge.Storage.Readers;

/// <summary>
/// Reads a source file as one record: <c>output</c> the program (BOM dropped, CRLF made LF),
/// <c>language</c> from the extension, <c>source</c> <c>file:1</c> (the file's path relative to the
/// base folder), <c>instruction</c> the program's own description or the <c>code_instruction</c>
/// template (see <see cref="CodeInstruction"/>).
/// </summary>
internal static class CodeFileReader
{
    public static async IAsyncEnumerable<Outcome> ReadAsync(InputFile file, RecordReaderOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var length = new FileInfo(file.FullPath).Length;
        if (length > options.MaxFieldBytes)
        {
            yield return await TooLargeAsync(file, length, options, cancellationToken).ConfigureAwait(false);
            yield break;
        }

        var bytes = await File.ReadAllBytesAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
        yield return Read(bytes, file, options);
    }

    private static Outcome Read(byte[] bytes, InputFile file, RecordReaderOptions options)
    {
        var origin = options.Origin;
        if (FilePreamble.Binary(bytes, bytes.Length, file, origin) is { } binary)
        {
            return binary;
        }

        var text = TextBytes.StripBom(bytes);
        if (!Utf8.IsValid(text))
        {
            var detail = $"line 1: the file is not valid UTF-8 (first bad byte at offset {JsonRecords.FirstInvalidByte(text)})";
            return Rejects.Create(ReadReasons.InvalidUtf8, detail, bytes, file.SourceAt(1), origin);
        }

        if (TextBytes.IsBlank(text))
        {
            return Rejects.EmptyFile(file, origin);
        }

        var program = Encoding.UTF8.GetString(text).Replace("\r\n", "\n", StringComparison.Ordinal);
        var instruction = CodeInstruction.For(program, file.Language, file.RelativePath, options.CodeInstruction);
        return Outcome.Keep(SampleFactory.Create(instruction, null, program, null, file.Language, file.SourceAt(1), origin));
    }

    private static async Task<Outcome> TooLargeAsync(InputFile file, long length, RecordReaderOptions options, CancellationToken cancellationToken)
    {
        var head = await TextBytes.ReadHeadAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
        if (FilePreamble.Binary(head, length, file, options.Origin) is { } binary)
        {
            return binary;
        }

        var detail = $"line 1: the file is {length} bytes, more than the limit of {options.MaxFieldBytes} (max_field_bytes)";
        return Rejects.Create(ReadReasons.FieldTooLarge, detail, SampleId.ForBytes(head), RawText.From(head, truncated: true), file.SourceAt(1), options.Origin);
    }
}
