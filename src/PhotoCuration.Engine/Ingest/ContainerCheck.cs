using System.Buffers.Binary;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// Checks the chunk lengths of chunked containers (PNG, RIFF/WebP) against the real file length before
/// any library parses them. MetadataExtractor and ImageSharp allocate a buffer of the declared chunk
/// length before reading it, so one length field set to 0x7FFFFFF0 made a 3 KB PNG allocate 2 GB (found
/// by the fuzz test: 5 GB peak working set, OutOfMemoryException). A chunk that runs past the end of the
/// file means a cut-off or damaged file, reported as truncated.
/// </summary>
public static class ContainerCheck
{
    /// <summary>Chunks walked at most; real files have tens (a PNG split into many IDATs, hundreds).</summary>
    private const int MaxChunks = 1 << 16;

    public static void Validate(Stream stream, string path, PhotoFormat format)
    {
        var problem = format switch
        {
            PhotoFormat.Png => CheckPng(stream),
            PhotoFormat.WebP => CheckRiff(stream),
            _ => null,
        };
        if (problem is not null)
        {
            throw new PhotoInputException(PhotoErrorIds.TruncatedImage, PhotoProblem.InvalidData, path,
                $"'{Path.GetFileName(path)}' is truncated or damaged: {problem}.");
        }
    }

    private static string? CheckPng(Stream stream)
    {
        var length = stream.Length;
        var head = new byte[8];
        long position = 8;
        for (var n = 0; n < MaxChunks && position + 8 <= length; n++)
        {
            stream.Position = position;
            stream.ReadExactly(head);
            var declared = BinaryPrimitives.ReadUInt32BigEndian(head);
            var type = System.Text.Encoding.ASCII.GetString(head, 4, 4);
            // PNG 1.2 section 5.3: a chunk length is at most 2^31-1; data and CRC must fit in the file.
            if (declared > int.MaxValue || position + 12 + declared > length)
            {
                return $"its PNG chunk '{Printable(type)}' at byte {position} declares {declared} bytes, but the file ends {length - position - 12} bytes later";
            }
            if (type == "IEND") return null;
            position += 12 + declared;
        }
        return null;
    }

    private static string? CheckRiff(Stream stream)
    {
        var length = stream.Length;
        var head = new byte[8];
        long position = 12;                                   // "RIFF" size "WEBP"
        for (var n = 0; n < MaxChunks && position + 8 <= length; n++)
        {
            stream.Position = position;
            stream.ReadExactly(head);
            var declared = BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(4));
            if (position + 8 + declared > length)
            {
                return $"its WebP chunk '{Printable(System.Text.Encoding.ASCII.GetString(head, 0, 4))}' at byte {position} declares {declared} bytes, but the file ends {length - position - 8} bytes later";
            }
            position += 8 + declared + (declared & 1);       // chunks are padded to even sizes
        }
        return null;
    }

    private static string Printable(string type) => new(type.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}
