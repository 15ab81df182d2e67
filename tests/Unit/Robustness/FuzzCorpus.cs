using System.Buffers.Binary;
using PhotoCuration.Tests.Ingest;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Tiff.Constants;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Tests.Robustness;

/// <summary>
/// Valid seed files (small, with the structures a hostile file attacks: EXIF IFDs with strings and GPS,
/// PNG chunks, TIFF IFDs, RAW previews) and deterministic mutations of them. A case is (seed, index):
/// the mutation is a pure function of both, so any failing case replays exactly.
/// </summary>
public static class FuzzCorpus
{
    public sealed record Seed(string Name, string Extension, byte[] Bytes);

    private static readonly Lazy<IReadOnlyList<Seed>> LazySeeds = new(BuildSeeds);

    public static IReadOnlyList<Seed> Seeds => LazySeeds.Value;

    public static Seed SeedNamed(string name) => Seeds.Single(s => s.Name == name);

    private static IReadOnlyList<Seed> BuildSeeds()
    {
        using var texture = TestImages.Texture(96, 64, seed: 5);
        var seeds = new List<Seed>
        {
            new("jpeg-exif", ".jpg", Encode(WithExif(texture.Clone()), new JpegEncoder { Quality = 85, ColorType = JpegColorType.YCbCrRatio420 })),
            new("jpeg-gray", ".jpg", Encode(texture.CloneAs<L8>(), new JpegEncoder { Quality = 80, ColorType = JpegColorType.Luminance })),
            new("png-rgba16", ".png", Encode(texture.CloneAs<Rgba64>(), new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.RgbWithAlpha })),
            new("png-exif", ".png", Encode(WithExif(texture.Clone()), new PngEncoder())),
            new("tiff-lzw", ".tif", Encode(WithExif(texture.Clone()), new TiffEncoder { Compression = TiffCompression.Lzw })),
            new("gif", ".gif", Encode(texture.Clone(), new GifEncoder())),
            new("bmp", ".bmp", Encode(texture.Clone(), new BmpEncoder())),
            new("webp", ".webp", Encode(texture.Clone(), new WebpEncoder { FileFormat = WebpFileFormatType.Lossy })),
            new("cr2", ".CR2", RawPreviewTests.Cr2(Encode(texture.Clone(), new JpegEncoder { Quality = 80 }), RawBuilder.Jpeg(32, 24), orientation: 8)),
            new("cr3", ".CR3", RawBuilder.Cr3(RawBuilder.Jpeg(32, 24), RawBuilder.Jpeg(48, 32), RawBuilder.Jpeg(96, 64),
                new TiffBuilder().Build(new TiffBuilder.Ifd().Ascii(0x010F, "Canon").Short(0x0112, 6)),
                new TiffBuilder().Build(new TiffBuilder.Ifd().Ascii(0x9003, "2022:01:02 03:04:05")))),
            new("raf", ".RAF", RawBuilder.Raf(RawBuilder.Jpeg(96, 64, make: "FUJIFILM"), padding: 16)),
        };
        var cmyk = Path.Combine(AppContext.BaseDirectory, "Fixtures", "cmyk-red.jpg");
        if (File.Exists(cmyk)) seeds.Add(new("jpeg-cmyk", ".jpg", File.ReadAllBytes(cmyk)));
        return seeds;
    }

    /// <summary>EXIF worth attacking: strings with control characters and a long one, GPS, orientation, sub-seconds.</summary>
    private static Image<Rgb24> WithExif(Image<Rgb24> image)
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "Canon\u0007\u001b[31m");
        exif.SetValue(ExifTag.Model, "EOS\tR5\0\0");
        exif.SetValue(ExifTag.ImageDescription, new string('d', 3000) + "\u0000\u0001");
        exif.SetValue(ExifTag.Artist, "Ångström 東京");
        exif.SetValue(ExifTag.Orientation, (ushort)6);
        exif.SetValue(ExifTag.DateTimeOriginal, "2024:09:14 08:12:05");
        exif.SetValue(ExifTag.SubsecTimeOriginal, "45");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, new[] { new Rational(52, 1), new Rational(31, 1), new Rational(1234, 100) });
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, new[] { new Rational(13, 1), new Rational(24, 1), new Rational(0, 1) });
        exif.SetValue(ExifTag.FNumber, new Rational(28, 10));
        exif.SetValue(ExifTag.ExposureTime, new Rational(1, 250));
        image.Metadata.ExifProfile = exif;
        return image;
    }

    private static byte[] Encode(Image image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using (image)
        {
            using var stream = new MemoryStream();
            image.Save(stream, encoder);
            return stream.ToArray();
        }
    }

    /// <summary>The kinds of damage, cycled by case index.</summary>
    public enum Mutation { Truncate, FlipBits, HugeLength, RandomChunk, Splice, LengthAndFlip }

    public static Mutation KindOf(int index) => (Mutation)(index % 6);

    /// <summary>The mutated bytes of case <paramref name="index"/> of a seed: deterministic.</summary>
    public static byte[] Mutate(Seed seed, int index)
    {
        var random = new Random(unchecked(StableHash(seed.Name) * 1_000_003 + index));
        var bytes = (byte[])seed.Bytes.Clone();
        switch (KindOf(index))
        {
            case Mutation.Truncate:
                return bytes[..random.Next(1, bytes.Length)];
            case Mutation.FlipBits:
                FlipBits(bytes, random);
                return bytes;
            case Mutation.HugeLength:
                SetLengthField(bytes, random);
                return bytes;
            case Mutation.RandomChunk:
            {
                var at = random.Next(bytes.Length);
                var chunk = new byte[Math.Min(random.Next(1, 65), bytes.Length - at)];
                random.NextBytes(chunk);
                chunk.CopyTo(bytes, at);
                return bytes;
            }
            case Mutation.Splice:
            {
                var from = random.Next(bytes.Length);
                var length = random.Next(1, Math.Min(4096, bytes.Length - from) + 1);
                var to = random.Next(bytes.Length);
                // Either cut a range out or insert a copy of it elsewhere.
                return random.Next(2) == 0
                    ? bytes[..from].Concat(bytes[(from + length)..]).ToArray()
                    : bytes[..to].Concat(bytes.AsSpan(from, length).ToArray()).Concat(bytes[to..]).ToArray();
            }
            default:
                SetLengthField(bytes, random);
                FlipBits(bytes, random);
                return bytes;
        }
    }

    private static void FlipBits(byte[] bytes, Random random)
    {
        var flips = random.Next(1, 9);
        for (var i = 0; i < flips; i++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
    }

    private static readonly uint[] HugeValues = { 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x0000FFFF, 0, 1, 0x10000000 };

    /// <summary>Sets one structural length/count/offset field (JPEG segment, PNG chunk, TIFF IFD entry) to an extreme value.</summary>
    private static void SetLengthField(byte[] bytes, Random random)
    {
        var fields = LengthFields(bytes);
        var (at, width, bigEndian) = fields.Count > 0 ? fields[random.Next(fields.Count)] : (random.Next(Math.Max(1, bytes.Length - 4)), 4, true);
        var value = random.Next(4) == 0 ? (uint)random.Next() : HugeValues[random.Next(HugeValues.Length)];
        if (at + width > bytes.Length) return;
        if (width == 2)
        {
            var v = (ushort)(value == 0 ? 0 : Math.Max(value & 0xFFFF, value >> 16));
            if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), v); else BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), v);
        }
        else if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), value);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
    }

    /// <summary>Where the length-like fields of a file are: (offset, byte width, big-endian).</summary>
    public static List<(int At, int Width, bool BigEndian)> LengthFields(byte[] b)
    {
        var fields = new List<(int, int, bool)>();
        if (b.Length > 4 && b[0] == 0xFF && b[1] == 0xD8)
        {
            var i = 2;
            while (i + 4 <= b.Length && b[i] == 0xFF && b[i + 1] != 0xDA && b[i + 1] != 0xD9)
            {
                fields.Add((i + 2, 2, true));
                var length = (b[i + 2] << 8) | b[i + 3];
                if (b[i + 1] == 0xE1 && i + 10 < b.Length && b.AsSpan(i + 4, 4).SequenceEqual("Exif"u8)) TiffFields(b, i + 10, fields);
                if (b[i + 1] is 0xC0 or 0xC1 or 0xC2) { fields.Add((i + 5, 2, true)); fields.Add((i + 7, 2, true)); } // height, width
                i += 2 + length;
            }
        }
        else if (b.Length > 8 && b[0] == 0x89 && b[1] == 'P')
        {
            var i = 8;
            while (i + 8 <= b.Length)
            {
                fields.Add((i, 4, true));
                if (b.AsSpan(i + 4, 4).SequenceEqual("IHDR"u8)) { fields.Add((i + 8, 4, true)); fields.Add((i + 12, 4, true)); }
                var length = BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(i));
                if (length > int.MaxValue - 12) break;
                i += 12 + (int)length;
            }
        }
        else if (b.Length > 8 && (b[0] == 'I' || b[0] == 'M') && b[1] == b[0])
        {
            TiffFields(b, 0, fields);
        }
        else if (b.Length > 12 && b.AsSpan(0, 4).SequenceEqual("RIFF"u8))
        {
            fields.Add((4, 4, false));
            for (var i = 12; i + 8 <= b.Length;)
            {
                fields.Add((i + 4, 4, false));
                var size = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(i + 4));
                if (size > int.MaxValue - 16) break;
                i += 8 + (int)size + (int)(size & 1);
            }
        }
        else if (b.Length > 96 && b.AsSpan(0, 4).SequenceEqual("FUJI"u8))
        {
            fields.Add((84, 4, true));
            fields.Add((88, 4, true));
        }
        else if (b.Length > 8 && b.AsSpan(4, 4).SequenceEqual("ftyp"u8))
        {
            // Every box size field, found by looking for four printable letters after it.
            for (var i = 0; i + 8 <= b.Length; i++)
            {
                if (b.AsSpan(i + 4, 4).ToArray().All(c => c is >= (byte)'A' and <= (byte)'z' or (byte)' ' or >= (byte)'0' and <= (byte)'9')
                    && BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(i)) is > 7 and var size && size <= b.Length - i)
                {
                    fields.Add((i, 4, true));
                }
            }
        }
        return fields;
    }

    /// <summary>IFD entry counts, entry counts and value offsets of a TIFF structure starting at <paramref name="start"/>.</summary>
    private static void TiffFields(byte[] b, int start, List<(int, int, bool)> fields)
    {
        if (start + 8 > b.Length) return;
        var big = b[start] == 'M';
        uint U32(int at) => big ? BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));
        ushort U16(int at) => big ? BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));
        fields.Add((start + 4, 4, big));
        var pending = new Queue<long>();
        pending.Enqueue(U32(start + 4));
        var seen = new HashSet<long>();
        while (pending.Count > 0 && seen.Count < 16)
        {
            var ifd = start + pending.Dequeue();
            if (ifd + 2 > b.Length || !seen.Add(ifd)) continue;
            var count = U16((int)ifd);
            fields.Add(((int)ifd, 2, big));
            for (var e = 0; e < count && ifd + 2 + e * 12 + 12 <= b.Length; e++)
            {
                var entry = (int)ifd + 2 + e * 12;
                fields.Add((entry + 4, 4, big));     // count
                fields.Add((entry + 8, 4, big));     // value or offset
                var tag = U16(entry);
                if (tag is 0x8769 or 0x8825 or 0x014A) pending.Enqueue(U32(entry + 8));
            }
            var nextAt = ifd + 2 + count * 12;
            if (nextAt + 4 <= b.Length) { fields.Add(((int)nextAt, 4, big)); if (U32((int)nextAt) is var next and > 0) pending.Enqueue(next); }
        }
    }

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s) h = h * 31 + c;
        return h;
    }
}
