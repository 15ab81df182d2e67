using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Ingest.Raw;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>
/// RAW files are read through their largest embedded JPEG, found by parsing the container; the EXIF is
/// the RAW's own. Every container here is built byte by byte (see <see cref="RawBuilder"/>).
/// </summary>
public sealed class RawPreviewTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private const ushort NewSubfileType = 0x00FE, ImageWidth = 0x0100, ImageLength = 0x0101, Compression = 0x0103,
        Make = 0x010F, Model = 0x0110, StripOffsets = 0x0111, Orientation = 0x0112, StripByteCounts = 0x0117,
        SubIfds = 0x014A, JpegOffset = 0x0201, JpegLength = 0x0202, ExifIfd = 0x8769, DateTimeOriginal = 0x9003;

    private string Write(string name, byte[] bytes)
    {
        var path = _temp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static RawPreview? Locate(byte[] bytes, PhotoFormat format) => RawPreviewLocator.Find(new MemoryStream(bytes), format);

    /// <summary>
    /// CR2 layout: IFD0 = full-size JPEG as one old-style-JPEG strip (Compression 6) with Make/Model/
    /// Orientation and the Exif IFD; IFD1 = small thumbnail (JPEGInterchangeFormat); IFD3 = the sensor
    /// data as lossless JPEG, also Compression 6, declaring a far larger frame.
    /// </summary>
    public static byte[] Cr2(byte[] preview, byte[] thumbnail, ushort orientation = 1)
    {
        var exif = new TiffBuilder.Ifd().Ascii(DateTimeOriginal, "2023:08:19 14:03:27");
        var ifd0 = new TiffBuilder.Ifd()
            .Short(Compression, 6).Ascii(Make, "Canon").Ascii(Model, "Canon EOS 5D Mark IV").Short(Orientation, orientation)
            .Blob(StripOffsets, StripByteCounts, preview).Children(ExifIfd, exif);
        var ifd1 = new TiffBuilder.Ifd().Short(Compression, 6).Blob(JpegOffset, JpegLength, thumbnail);
        var ifd2 = new TiffBuilder.Ifd().Short(Compression, 1).Short(ImageWidth, 8).Short(ImageLength, 8).Blob(StripOffsets, StripByteCounts, new byte[192]);
        var ifd3 = new TiffBuilder.Ifd().Short(Compression, 6).Blob(StripOffsets, StripByteCounts, RawBuilder.LosslessJpegStandIn());
        ifd0.Chain.AddRange(new[] { ifd1, ifd2, ifd3 });
        return new TiffBuilder().Build(ifd0, headerTail: new byte[] { (byte)'C', (byte)'R', 2, 0, 0, 0, 0, 0 });
    }

    [Fact]
    public void A_cr2_is_read_through_its_full_size_jpeg_not_the_thumbnail_or_the_lossless_sensor_data()
    {
        var path = Write("IMG_0001.CR2", Cr2(RawBuilder.Jpeg(320, 200), RawBuilder.Jpeg(64, 40, seed: 2), orientation: 6));
        var photo = TestImages.Inspect(path);
        Assert.Equal("Raw:CR2", photo.Format);
        Assert.Equal((320, 200), (photo.Width, photo.Height));
        Assert.Equal("Canon", photo.Exif.CameraMake);
        Assert.Equal("Canon EOS 5D Mark IV", photo.Exif.CameraModel);
        Assert.Equal(6, photo.Exif.Orientation);
        Assert.Equal(new DateTime(2023, 8, 19, 14, 3, 27), photo.Exif.CaptureTimeLocal);
        Assert.Equal(Hashing.PhotoId(File.ReadAllBytes(path)), photo.PhotoId);
        Assert.Equal("IFD0 StripOffsets", Locate(File.ReadAllBytes(path), PhotoFormat.CanonCr2)!.Source);
    }

    /// <summary>NEF/DNG layout: a small IFD0 thumbnail, the preview and the raw data in SubIFDs; big-endian like Nikon.</summary>
    [Theory]
    [InlineData("DSC_0001.NEF", "Raw:NEF", false)]
    [InlineData("IMG_0001.DNG", "Raw:DNG", true)]
    [InlineData("IMGP0001.PEF", "Raw:PEF", true)]
    public void A_preview_in_a_sub_ifd_is_found(string name, string label, bool little)
    {
        var preview = new TiffBuilder.Ifd().Long(NewSubfileType, 1).Short(Compression, 6).Blob(JpegOffset, JpegLength, RawBuilder.Jpeg(300, 200));
        var sensor = new TiffBuilder.Ifd().Long(NewSubfileType, 0).Short(Compression, 7).Blob(StripOffsets, StripByteCounts, RawBuilder.LosslessJpegStandIn());
        var ifd0 = new TiffBuilder.Ifd().Long(NewSubfileType, 1).Short(Compression, 1).Ascii(Make, "NIKON CORPORATION").Short(Orientation, 1)
            .Blob(StripOffsets, StripByteCounts, new byte[160 * 3]).Children(SubIfds, preview, sensor);
        var path = Write(name, new TiffBuilder(little).Build(ifd0));

        var photo = TestImages.Inspect(path);
        Assert.Equal(label, photo.Format);
        Assert.Equal((300, 200), (photo.Width, photo.Height));
        Assert.Equal("NIKON CORPORATION", photo.Exif.CameraMake);
        Assert.StartsWith("IFD0 SubIFD0", Locate(File.ReadAllBytes(path), PhotoFormat.TiffRaw)!.Source);
    }

    /// <summary>ARW puts its preview behind IFD1's JPEGInterchangeFormat; ORF and RW2 have their own TIFF magic.</summary>
    [Theory]
    [InlineData("DSC00001.ARW", (ushort)42, "Raw:ARW")]
    [InlineData("P1000001.ORF", (ushort)0x4F52, "Raw:ORF")]
    public void A_preview_in_a_chained_ifd_is_found(string name, ushort magic, string label)
    {
        var ifd0 = new TiffBuilder.Ifd().Ascii(Make, "SONY").Short(Compression, 6).Blob(JpegOffset, JpegLength, RawBuilder.Jpeg(80, 60));
        ifd0.Chain.Add(new TiffBuilder.Ifd().Short(Compression, 6).Blob(JpegOffset, JpegLength, RawBuilder.Jpeg(400, 240)));
        var path = Write(name, new TiffBuilder().Build(ifd0, magic));
        var photo = TestImages.Inspect(path);
        Assert.Equal(label, photo.Format);
        Assert.Equal((400, 240), (photo.Width, photo.Height));
    }

    [Fact]
    public void A_panasonic_rw2_preview_is_the_jpg_from_raw_field()
    {
        var ifd0 = new TiffBuilder.Ifd().Ascii(Make, "Panasonic").InlineBlob(0x002E, RawBuilder.Jpeg(360, 240, make: "Panasonic"));
        var path = Write("P1000002.RW2", new TiffBuilder().Build(ifd0, magic: 0x55));
        var photo = TestImages.Inspect(path);
        Assert.Equal("Raw:RW2", photo.Format);
        Assert.Equal((360, 240), (photo.Width, photo.Height));
    }

    [Fact]
    public void A_raf_is_read_through_the_jpeg_its_header_points_at_with_that_jpegs_exif()
    {
        var path = Write("DSCF0001.RAF", RawBuilder.Raf(RawBuilder.Jpeg(330, 220, make: "FUJIFILM")));
        var photo = TestImages.Inspect(path);
        Assert.Equal("Raw:RAF", photo.Format);
        Assert.Equal((330, 220), (photo.Width, photo.Height));
        Assert.Equal("FUJIFILM", photo.Exif.CameraMake);
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9), photo.Exif.CaptureTimeLocal);
    }

    private static byte[] Cmt1(ushort orientation) => new TiffBuilder().Build(new TiffBuilder.Ifd().Ascii(Make, "Canon").Ascii(Model, "Canon EOS R5").Short(Orientation, orientation));

    private static byte[] Cmt2() => new TiffBuilder().Build(new TiffBuilder.Ifd().Ascii(DateTimeOriginal, "2022:01:02 03:04:05").Short(0x8827, 800));

    [Fact]
    public void A_cr3_is_read_through_its_full_size_track_jpeg_with_exif_from_its_cmt_boxes()
    {
        var bytes = RawBuilder.Cr3(RawBuilder.Jpeg(160, 120), RawBuilder.Jpeg(270, 180, seed: 3), RawBuilder.Jpeg(420, 280, seed: 4), Cmt1(8), Cmt2());
        var path = Write("IMG_0001.CR3", bytes);
        var photo = TestImages.Inspect(path);
        Assert.Equal("Raw:CR3", photo.Format);
        Assert.Equal((420, 280), (photo.Width, photo.Height));
        Assert.Equal("Canon", photo.Exif.CameraMake);
        Assert.Equal("Canon EOS R5", photo.Exif.CameraModel);
        Assert.Equal(8, photo.Exif.Orientation);
        Assert.Equal(800, photo.Exif.Iso);
        Assert.Equal(new DateTime(2022, 1, 2, 3, 4, 5), photo.Exif.CaptureTimeLocal);
        Assert.Equal("track 1 first sample", Locate(bytes, PhotoFormat.CanonCr3)!.Source);
    }

    [Fact]
    public void A_cr3_without_the_full_size_track_falls_back_to_prvw_then_thmb()
    {
        var withPreview = RawBuilder.Cr3(RawBuilder.Jpeg(160, 120), RawBuilder.Jpeg(270, 180), fullSize: null);
        Assert.Equal(("PRVW", 270, 180), Locate(withPreview, PhotoFormat.CanonCr3) is { } p ? (p.Source, p.Width, p.Height) : default);
        var thumbOnly = RawBuilder.Cr3(RawBuilder.Jpeg(160, 120), new byte[] { 1, 2, 3 }, fullSize: null);
        Assert.Equal("THMB", Locate(thumbOnly, PhotoFormat.CanonCr3)!.Source);
    }

    [Theory]
    [InlineData("DSC_0002.NEF", "NEF RAW")]
    [InlineData("IMG_0002.CR3", "Canon CR3 RAW")]
    [InlineData("DSCF0002.RAF", "Fujifilm RAF RAW")]
    public void A_raw_without_a_usable_preview_is_refused_by_name_and_format(string name, string described)
    {
        byte[] bytes = Path.GetExtension(name) switch
        {
            ".NEF" => new TiffBuilder().Build(new TiffBuilder.Ifd().Short(Compression, 7).Blob(StripOffsets, StripByteCounts, RawBuilder.LosslessJpegStandIn())),
            ".CR3" => RawBuilder.Cr3(new byte[] { 9 }, new byte[] { 9 }, fullSize: null),
            _ => RawBuilder.Raf(new byte[] { 0xFF, 0xD8, 0xFF, 0xDA, 0, 2, 0xFF, 0xD9 }),
        };
        var path = Write(name, bytes);
        var ex = Assert.Throws<PhotoInputException>(() => TestImages.Inspect(path));
        Assert.Equal(PhotoErrorIds.UnsupportedFormat, ex.ErrorId);
        Assert.Equal(PhotoProblem.Unsupported, ex.Problem);
        Assert.Equal(path, ex.FilePath);
        Assert.Contains(name, ex.Message);
        Assert.Contains(described, ex.Message);
    }

    [Fact]
    public void A_preview_whose_length_runs_past_the_end_of_the_file_is_not_used()
    {
        var bytes = RawBuilder.Raf(RawBuilder.Jpeg(330, 220), padding: 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(88), uint.MaxValue);
        Assert.Null(Locate(bytes, PhotoFormat.FujiRaf));
    }

    [Fact]
    public void A_cut_off_preview_is_reported_as_truncated()
    {
        var jpeg = RawBuilder.Jpeg(330, 220);
        var bytes = RawBuilder.Raf(jpeg[..(jpeg.Length / 2)]);
        var ex = Assert.Throws<PhotoInputException>(() => TestImages.Inspect(Write("DSCF0003.RAF", bytes)));
        Assert.Equal(PhotoErrorIds.TruncatedImage, ex.ErrorId);
        Assert.Contains("preview", ex.Message);
    }

    [Fact]
    public void Ifd_loops_and_self_referencing_sub_ifds_end()
    {
        var bytes = Cr2(RawBuilder.Jpeg(120, 80), RawBuilder.Jpeg(40, 30));
        // Point IFD0's next-IFD offset at IFD0 itself: the walk must stop, and still find IFD0's JPEG.
        var ifd0 = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        var count = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(ifd0));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(ifd0 + 2 + count * 12), (uint)ifd0);
        var preview = Locate(bytes, PhotoFormat.CanonCr2);
        Assert.Equal((120, 80), (preview!.Width, preview.Height));
    }

    [Fact]
    public void Heic_and_avif_stay_unsupported_with_file_and_format_named()
    {
        foreach (var (name, brand, described) in new[] { ("IMG_0005.HEIC", "heic", "HEIF/HEIC"), ("IMG_0006.avif", "avif", "AVIF") })
        {
            var bytes = RawBuilder.Box("ftyp", System.Text.Encoding.ASCII.GetBytes(brand), new byte[4], System.Text.Encoding.ASCII.GetBytes("mif1")).Concat(RawBuilder.Box("mdat", new byte[64])).ToArray();
            var path = Write(name, bytes);
            var ex = Assert.Throws<PhotoInputException>(() => TestImages.Inspect(path));
            Assert.Equal(PhotoErrorIds.UnsupportedFormat, ex.ErrorId);
            Assert.Contains(name, ex.Message);
            Assert.Contains(described, ex.Message);
            Assert.Equal(path, ex.FilePath);
        }
    }

    public void Dispose() => _temp.Dispose();
}
