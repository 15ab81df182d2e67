namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// A write-only stream that drops carriage returns on their way to the inner stream, so JSON written
/// with <see cref="System.Text.Json.Utf8JsonWriter"/> indentation (which uses the platform's new line)
/// has LF line endings on every platform. Safe for JSON because the serializer escapes a carriage return
/// inside a string (<c>\r</c>): a raw 0x0D byte can only be a line break. Written through, never
/// buffered, so a stage document of any size streams to disk (docs/architecture.md#archive-scale).
/// </summary>
internal sealed class LineFeedStream : Stream
{
    private readonly Stream _inner;

    public LineFeedStream(Stream inner) => _inner = inner;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var cr = buffer.IndexOf((byte)'\r');
            if (cr < 0)
            {
                _inner.Write(buffer);
                return;
            }
            _inner.Write(buffer[..cr]);
            buffer = buffer[(cr + 1)..];
        }
    }

    public override void WriteByte(byte value)
    {
        if (value != (byte)'\r') _inner.WriteByte(value);
    }

    public override void Flush() => _inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
