using PhotoCuration.Engine.Ingest;
using System.Buffers.Binary;
using System.Text;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using Xunit;

namespace PhotoCuration.Tests.Robustness;

/// <summary>
/// Cases the fuzz test found, kept as regression tests: each ended with an exception other than
/// PhotoInputException (the batch saw "UnexpectedError") or allocated gigabytes, before the fix.
/// </summary>
public sealed class FuzzRegressionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private void EndsCleanly(string name, byte[] bytes)
    {
        var path = _temp.File(name);
        File.WriteAllBytes(path, bytes);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        try
        {
            var photo = new PhotoInspector().Inspect(path);
            new Preprocessor(new WorkspaceLayout(_temp.File("ws")), new PreprocessOptions()).Process(photo);
        }
        catch (PhotoInputException ex)
        {
            Assert.Equal(path, ex.FilePath);
            Assert.Contains(Path.GetFileName(path), ex.Message);
        }
        var megabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) >> 20;
        Assert.True(megabytes < 64, $"allocated {megabytes} MB for a {bytes.Length}-byte file");
    }

    /// <summary>
    /// (seed, case) pairs from <see cref="FuzzCorpus"/>: ImageSharp's JPEG Identify threw
    /// NullReferenceException (jpeg-exif#4, jpeg-cmyk#79, jpeg-gray#298); the lazily parsed EXIF profile threw
    /// ArgumentOutOfRangeException at the orientation read (jpeg-exif#56, #119); MetadataExtractor threw
    /// MetadataException "Marker … found inside DHT segment" (jpeg-exif#237, jpeg-gray#70, raf#201);
    /// MetadataExtractor threw OutOfMemoryException or allocated up to 2 GB for a PNG chunk length
    /// (png-rgba16#68, png-exif#80, png-exif#76: 5 s and most of a 5 GB peak).
    /// </summary>
    [Theory]
    [InlineData("jpeg-exif", 4)]
    [InlineData("jpeg-cmyk", 79)]
    [InlineData("jpeg-gray", 298)]
    [InlineData("jpeg-exif", 56)]
    [InlineData("jpeg-exif", 119)]
    [InlineData("jpeg-exif", 237)]
    [InlineData("jpeg-gray", 70)]
    [InlineData("raf", 201)]
    [InlineData("png-rgba16", 68)]
    [InlineData("png-exif", 80)]
    [InlineData("png-exif", 76)]
    public void A_case_the_fuzz_test_found_ends_cleanly(string seed, int index)
    {
        var s = FuzzCorpus.SeedNamed(seed);
        EndsCleanly($"{seed}-{index}{s.Extension}", FuzzCorpus.Mutate(s, index));
    }

    /// <summary>
    /// tiff-lzw#2123 (found by a 30,000-case run): RowsPerStrip mutated to 1,017,323,531 made ImageSharp's
    /// TIFF decoder allocate 830 MB (unmanaged, so the peak working set shows it) for a 96×64 image.
    /// </summary>
    [Fact]
    public void A_tiff_whose_rows_per_strip_is_huge_decodes_in_small_memory()
    {
        var s = FuzzCorpus.SeedNamed("tiff-lzw");
        var path = _temp.File("rows.tif");
        File.WriteAllBytes(path, FuzzCorpus.Mutate(s, 2123));
        // The decoder sees RowsPerStrip clamped to the height (64): one strip of 64 rows.
        var bytes = File.ReadAllBytes(path);
        var patched = TiffStripClamp.Apply(bytes);
        Assert.NotSame(bytes, patched);
        Assert.Equal(64u, RowsPerStrip(patched));
        var valid = FuzzCorpus.SeedNamed("tiff-lzw").Bytes;
        Assert.Same(valid, TiffStripClamp.Apply(valid)); // a sound TIFF is decoded as it is
        var photo = new PhotoInspector().Inspect(path);
        var result = new Preprocessor(new WorkspaceLayout(_temp.File("ws")), new PreprocessOptions()).Process(photo);
        Assert.Equal((96, 64), (result.OriginalWidth, result.OriginalHeight));
        Assert.Equal(FuzzCorpus.Mutate(s, 2123), File.ReadAllBytes(path)); // the original is never patched
    }

    /// <summary>The PNG defect spelled out: a text chunk declaring 2 GB in a small file.</summary>
    [Fact]
    public void A_png_chunk_declaring_two_gigabytes_is_refused_without_allocating_them()
    {
        var png = PngBuilder_TextChunkWithLength(0x7FFFFFF0);
        var path = _temp.File("huge-chunk.png");
        File.WriteAllBytes(path, png);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var ex = Assert.Throws<PhotoInputException>(() => new PhotoInspector().Inspect(path));
        Assert.Equal(PhotoErrorIds.TruncatedImage, ex.ErrorId);
        Assert.Contains("tEXt", ex.Message);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocated < 16 << 20);
    }

    [Fact]
    public void A_webp_chunk_running_past_the_end_is_refused()
    {
        using var image = TestImages.Texture(40, 30);
        using var stream = new MemoryStream();
        image.SaveAsWebp(stream);
        var bytes = stream.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 0x7FFFFFF0); // first chunk's size
        var path = _temp.File("huge.webp");
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<PhotoInputException>(() => new PhotoInspector().Inspect(path));
        Assert.Equal(PhotoErrorIds.TruncatedImage, ex.ErrorId);
    }

    private static uint RowsPerStrip(byte[] tiff)
    {
        var ifd = (int)BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(4));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(ifd));
        for (var e = 0; e < count; e++)
        {
            var at = ifd + 2 + e * 12;
            if (BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(at)) == 0x0116) return BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(at + 8));
        }
        throw new InvalidOperationException("no RowsPerStrip");
    }

    /// <summary>A real 8×8 PNG with a tEXt chunk before IDAT whose length field says <paramref name="declared"/>.</summary>
    private static byte[] PngBuilder_TextChunkWithLength(uint declared)
    {
        using var image = TestImages.Texture(8, 8);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        var png = stream.ToArray();
        var ihdrEnd = 8 + 12 + 13;
        var text = Encoding.ASCII.GetBytes("Comment\0hello");
        var chunk = new byte[12 + text.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, declared);
        Encoding.ASCII.GetBytes("tEXt").CopyTo(chunk, 4);
        text.CopyTo(chunk, 8);
        return png[..ihdrEnd].Concat(chunk).Concat(png[ihdrEnd..]).ToArray();
    }

    public void Dispose() => _temp.Dispose();
}
