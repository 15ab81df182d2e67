using System.Buffers.Binary;
using System.Text;

namespace PhotoCuration.Engine.Export.Xmp;

/// <summary>
/// XMP in a PNG (XMP Specification Part 3, §1.1.5): an uncompressed iTXt chunk with the keyword
/// <c>XML:com.adobe.xmp</c>. <see cref="Write"/> replaces that chunk where it is, or inserts one right after
/// IHDR; every other chunk is copied byte for byte, in order.
/// </summary>
public static class PngXmp
{
    private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
    private static readonly byte[] Keyword = Encoding.ASCII.GetBytes("XML:com.adobe.xmp");

    public static bool IsPng(ReadOnlySpan<byte> file) => file.Length >= 8 && file[..8].SequenceEqual(PngSignature);

    public static string? Read(byte[] file)
    {
        var chunk = Chunks(file).FirstOrDefault(c => IsXmp(file, c));
        if (chunk.Type is null) return null;
        var data = file.AsSpan(chunk.Start + 8, chunk.Length);
        // keyword NUL, compression flag, method, language NUL, translated keyword NUL, text
        var at = Keyword.Length + 1;
        if (data.Length < at + 2 || data[at] != 0) throw new XmpFormatException("The PNG's XMP chunk is compressed, which XMP does not allow.");
        at += 2;
        var language = data[at..].IndexOf((byte)0);
        if (language < 0) throw new XmpFormatException("Broken PNG XMP chunk.");
        at += language + 1;
        var translated = data[at..].IndexOf((byte)0);
        if (translated < 0) throw new XmpFormatException("Broken PNG XMP chunk.");
        at += translated + 1;
        return XmpPacket.Text(data[at..]);
    }

    public static byte[] Write(byte[] file, byte[] packet)
    {
        if (!IsPng(file)) throw new XmpFormatException("The file is not a PNG.");
        var chunks = Chunks(file).ToList();
        if (chunks.Count == 0 || chunks[0].Type != "IHDR") throw new XmpFormatException("Broken PNG: IHDR is not the first chunk.");
        var existing = chunks.FirstOrDefault(c => IsXmp(file, c));
        int cut, resume;
        if (existing.Type is not null)
        {
            cut = existing.Start;
            resume = existing.Start + 12 + existing.Length;
        }
        else
        {
            cut = resume = chunks[0].Start + 12 + chunks[0].Length;
        }
        var data = new byte[Keyword.Length + 5 + packet.Length];
        Keyword.CopyTo(data, 0);
        // NUL after the keyword, compression flag 0, method 0, empty language and translated keyword: already zero.
        packet.CopyTo(data, Keyword.Length + 5);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes("iTXt").CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), PngCrc.Of(chunk.AsSpan(4, 4 + data.Length)));
        var output = new byte[cut + chunk.Length + (file.Length - resume)];
        file.AsSpan(0, cut).CopyTo(output);
        chunk.CopyTo(output, cut);
        file.AsSpan(resume).CopyTo(output.AsSpan(cut + chunk.Length));
        return output;
    }

    /// <summary>A chunk: where its length field starts, its type and data length.</summary>
    public readonly record struct Chunk(int Start, string Type, int Length);

    public static IEnumerable<Chunk> Chunks(byte[] file)
    {
        var i = 8;
        while (i + 12 <= file.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(i));
            if (length < 0 || (long)i + 12 + length > file.Length) throw new XmpFormatException($"Broken PNG: chunk at byte {i} runs past the end.");
            var type = Encoding.ASCII.GetString(file, i + 4, 4);
            yield return new Chunk(i, type, length);
            if (type == "IEND") yield break;
            i += 12 + length;
        }
    }

    private static bool IsXmp(byte[] file, Chunk c) =>
        c.Type == "iTXt" && c.Length > Keyword.Length && file.AsSpan(c.Start + 8, Keyword.Length).SequenceEqual(Keyword) && file[c.Start + 8 + Keyword.Length] == 0;
}
