using System.Buffers.Binary;

namespace PhotoCuration.Engine.Ingest.Raw;

/// <summary>
/// Random-access reads from a seekable stream that never go past its end and never allocate more than
/// asked for within it: every offset and length in a RAW container comes from the (possibly hostile)
/// file, so each one is checked against the real length before it is used.
/// </summary>
internal sealed class BoundedReader
{
    private readonly Stream _stream;

    public BoundedReader(Stream stream)
    {
        _stream = stream;
        Length = stream.Length;
    }

    public long Length { get; }

    public bool Contains(long offset, long count) => offset >= 0 && count >= 0 && offset <= Length && count <= Length - offset;

    /// <summary>The bytes at [offset, offset+count), or null when the range is not inside the file.</summary>
    public byte[]? TryRead(long offset, long count)
    {
        if (!Contains(offset, count) || count > int.MaxValue) return null;
        var buffer = new byte[count];
        _stream.Position = offset;
        _stream.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>Up to <paramref name="count"/> bytes from offset (fewer at the end of the file).</summary>
    public byte[] ReadUpTo(long offset, int count)
    {
        if (offset < 0 || offset >= Length) return Array.Empty<byte>();
        return TryRead(offset, Math.Min(count, Length - offset)) ?? Array.Empty<byte>();
    }

    public uint? UInt32BigEndian(long offset) => TryRead(offset, 4) is { } b ? BinaryPrimitives.ReadUInt32BigEndian(b) : null;
}
