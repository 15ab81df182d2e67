using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Export.Xmp;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Export;

/// <summary>
/// Exported copies carry their XMP inside (JPEG, PNG, TIFF, DNG) or in a sidecar (other RAW files), read
/// back with exiftool and exiv2 as photo tools read them; every byte of the original outside the XMP
/// packet is kept, and XMP a camera or Lightroom wrote keeps its other fields.
/// </summary>
public sealed class XmpEmbeddingTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private string Out => Path.Combine(_dir.Path, "out");
    private string Workspace => Directory.CreateDirectory(Path.Combine(_dir.Path, "ws")).FullName;

    public void Dispose() => _dir.Dispose();

    private const string ForeignXmp = """
        <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 7.0">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"
             xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/" xmp:Rating="2" crs:Exposure2012="+0.50">
           <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Sunset over the bay</rdf:li></rdf:Alt></dc:description>
           <dc:creator><rdf:Seq><rdf:li>Ann Photographer</rdf:li></rdf:Seq></dc:creator>
           <dc:subject><rdf:Bag><rdf:li>family</rdf:li></rdf:Bag></dc:subject>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        """;

    // ---- originals -------------------------------------------------------------------------------

    /// <summary>A camera-like JPEG: JFIF, Exif (orientation, thumbnail), and XMP from another tool.</summary>
    private string WriteJpeg(string name, bool foreignXmp = true)
    {
        var jpeg = TestImages.JpegBytes(320, 200, seed: 3);
        if (foreignXmp) jpeg = JpegSegments.InsertAfterSoi(jpeg, 0xE1, Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0").Concat(Encoding.UTF8.GetBytes(ForeignXmp)).ToArray());
        jpeg = JpegSegments.InsertAfterSoi(jpeg, 0xE1, JpegSegments.ExifWithThumbnail(TestImages.JpegBytes(32, 20, seed: 4)));
        var path = _dir.File("shoot/" + name);
        File.WriteAllBytes(path, jpeg);
        return path;
    }

    private string WritePng(string name)
    {
        using var image = TestImages.Texture(160, 100, seed: 5);
        using var ms = new MemoryStream();
        image.SaveAsPng(ms);
        var png = PngBuilder.WithChunkAfterHeader(ms.ToArray(), "tEXt", Encoding.Latin1.GetBytes("Author\0Ann Photographer"));
        var path = _dir.File("shoot/" + name);
        File.WriteAllBytes(path, png);
        return path;
    }

    private string WriteTiff(string name)
    {
        using var image = TestImages.Texture(160, 100, seed: 6);
        var path = _dir.File("shoot/" + name);
        image.SaveAsTiff(path);
        return path;
    }

    /// <summary>
    /// A small DNG as a camera writes its structure: big-endian TIFF, IFD0 with DNGVersion, Make and
    /// UniqueCameraModel and an 8-bit RGB strip (a "linear" DNG, as converters write).
    /// </summary>
    private string WriteDng(string name) => WriteRawTiff(name, bigEndian: true, dng: true);

    /// <summary>A TIFF-based RAW as some cameras write it (NEF-like): little-endian, IFD0 with Make and an RGB strip.</summary>
    private string WriteNef(string name) => WriteRawTiff(name, bigEndian: false, dng: false);

    private string WriteRawTiff(string name, bool bigEndian, bool dng)
    {
        const int w = 16, h = 8;
        var b = new List<byte>();
        void U16(int v) { var s = new byte[2]; if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(s, (ushort)v); else BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)v); b.AddRange(s); }
        void U32(int v) { var s = new byte[4]; if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(s, (uint)v); else BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)v); b.AddRange(s); }
        b.AddRange(bigEndian ? "MM"u8.ToArray() : "II"u8.ToArray());
        U16(42);
        U32(8);
        var make = Encoding.ASCII.GetBytes("TestCam\0");
        var model = Encoding.ASCII.GetBytes("TestCam One\0");
        var entries = new List<(int Tag, int Type, int Count, int Value)>();
        var count = dng ? 13 : 11;
        var dataAt = 8 + 2 + 12 * count + 4;
        var makeAt = dataAt;
        var modelAt = makeAt + make.Length;
        var bpsAt = modelAt + model.Length;
        var pixelsAt = bpsAt + 6;
        entries.Add((254, 4, 1, 0));
        entries.Add((256, 3, 1, w));
        entries.Add((257, 3, 1, h));
        entries.Add((258, 3, 3, bpsAt));
        entries.Add((259, 3, 1, 1));
        entries.Add((262, 3, 1, 2));
        entries.Add((271, 2, make.Length, makeAt));
        entries.Add((273, 4, 1, pixelsAt));
        entries.Add((277, 3, 1, 3));
        entries.Add((278, 3, 1, h));
        entries.Add((279, 4, 1, w * h * 3));
        if (dng)
        {
            entries.Add((50706, 1, 4, 0));
            entries.Add((50708, 2, model.Length, modelAt));
        }
        U16(entries.Count);
        foreach (var (tag, type, n, value) in entries)
        {
            U16(tag); U16(type); U32(n);
            if (tag == 50706) b.AddRange(new byte[] { 1, 4, 0, 0 });
            else if (type == 3 && n == 1) { U16(value); U16(0); }
            else U32(value);
        }
        U32(0);
        b.AddRange(make);
        b.AddRange(model);
        U16(8); U16(8); U16(8);
        for (var i = 0; i < w * h; i++) b.AddRange(new[] { (byte)(i * 7), (byte)(i * 3), (byte)(255 - i) });
        var path = _dir.File("shoot/" + name);
        File.WriteAllBytes(path, b.ToArray());
        return path;
    }

    // ---- the set ---------------------------------------------------------------------------------

    private static Photo PhotoOf(string path, string format, double total, PhotoFace[]? faces = null)
    {
        var bytes = File.ReadAllBytes(path);
        return new Photo
        {
            PhotoId = Hashing.PhotoId(bytes),
            Path = path,
            FileName = Path.GetFileName(path),
            BatchId = "x1",
            Format = format,
            Width = 320,
            Height = 200,
            Faces = faces,
            Score = new PhotoScore { QTech = 0.8, Aesthetic = 0.6, Vibe = 0.5, Typography = 0.4, Composition = 0.7, Total = total, Verdict = "kept" },
        };
    }

    private CuratedSet SetOf(params Photo[] photos)
    {
        var items = photos.Select((p, i) => new CuratedItem
        {
            Sequence = i + 1,
            Photo = p,
            MomentId = $"m_{i + 1:0000}",
            Role = i == 0 ? "opener" : i == photos.Length - 1 ? "closer" : "body",
            Axes = new Dictionary<string, string> { ["time_of_day"] = "golden", ["scene_type"] = "beach", ["orientation"] = "landscape", ["look"] = "3" },
            Tags = new[] { "time_of_day:golden", "scene_type:beach", "orientation:landscape", "look:3" },
            Reasons = new[] { $"hero of moment m_{i + 1:0000}: sharpest of 2 frames" },
        }).ToList();
        return new CuratedSet { BatchId = "x1", Workspace = Workspace, Theme = "default", Items = items };
    }

    private CuratedListExport Export(CuratedSet set, ExportOptions options)
    {
        var export = CuratedListExport.Plan(set, set.Workspace, options, _ => { });
        foreach (var step in export.Steps) export.Run(step);
        export.Finish();
        return export;
    }

    private ExportOptions Options(bool keywords = false, bool faces = false, SidecarNaming naming = SidecarNaming.Adobe, bool csv = false, bool xmp = true) =>
        new() { OutputPath = Out, Xmp = xmp, Keywords = keywords, FaceRegions = faces, SidecarNaming = naming, Csv = csv, CreatedAt = DateTimeOffset.UnixEpoch };

    // ---- byte checks independent of the engine's own parsers ---------------------------------------

    /// <summary>The JPEG's bytes without its standard XMP APP1 segment (walked here, not by the engine).</summary>
    private static byte[] JpegWithoutXmp(byte[] jpeg)
    {
        var sig = Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0");
        var output = new List<byte>(jpeg[..2]);
        var i = 2;
        while (jpeg[i] == 0xFF && jpeg[i + 1] != 0xDA)
        {
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            var isXmp = jpeg[i + 1] == 0xE1 && jpeg.AsSpan(i + 4).StartsWith(sig);
            if (!isXmp) output.AddRange(jpeg[i..(i + 2 + length)]);
            i += 2 + length;
        }
        output.AddRange(jpeg[i..]);
        return output.ToArray();
    }

    /// <summary>The PNG's chunks (type and bytes) other than the XMP iTXt chunk.</summary>
    private static List<string> PngChunksWithoutXmp(byte[] png)
    {
        var chunks = new List<string>();
        for (var i = 8; i < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(i));
            var type = Encoding.ASCII.GetString(png, i + 4, 4);
            var whole = png.AsSpan(i, 12 + length);
            if (!(type == "iTXt" && png.AsSpan(i + 8).StartsWith("XML:com.adobe.xmp\0"u8))) chunks.Add(type + ":" + Convert.ToHexString(whole));
            i += 12 + length;
        }
        return chunks;
    }

    /// <summary>exiftool's tags outside XMP and outside the file system's own (name, size, dates, permissions); its warnings included, so a copy it finds broken fails.</summary>
    private static Dictionary<string, string> NonXmpTags(string path) =>
        MetadataTools.Exiftool(path)
            .Where(kv => !kv.Key.StartsWith("XMP", StringComparison.Ordinal) && !kv.Key.StartsWith("System:", StringComparison.Ordinal)
                && kv.Key != "ExifTool:ExifToolVersion" && kv.Key != "SourceFile" && !kv.Key.StartsWith("Composite:", StringComparison.Ordinal)
                && !kv.Key.StartsWith("File:FileSize", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);

    private static string Str(Dictionary<string, JsonElement> tags, string key) =>
        tags.TryGetValue(key, out var v) ? v.ToString() : throw new Xunit.Sdk.XunitException($"exiftool reports no {key}; it reports: {string.Join(", ", tags.Keys)}");

    // ---- tests -----------------------------------------------------------------------------------

    [MetadataToolsFact]
    public void A_jpeg_copy_carries_the_xmp_inside_keeps_every_other_byte_and_the_original_xmp_fields()
    {
        var original = WriteJpeg("IMG_1001.jpg");
        var before = File.ReadAllBytes(original);
        var set = SetOf(PhotoOf(original, "Jpeg", 0.9), PhotoOf(WriteJpeg("IMG_1002.jpg", foreignXmp: false), "Jpeg", 0.5));
        Export(set, Options());

        var copy = Path.Combine(Out, "01_IMG_1001.jpg");
        Assert.False(File.Exists(Path.Combine(Out, "01_IMG_1001.xmp")), "no sidecar beside a JPEG copy: Lightroom would ignore it");
        Assert.Equal(before, File.ReadAllBytes(original));
        Assert.Equal(JpegWithoutXmp(before), JpegWithoutXmp(File.ReadAllBytes(copy)));
        Assert.Equal(NonXmpTags(original).Where(kv => !kv.Key.StartsWith("File:File", StringComparison.Ordinal)), NonXmpTags(copy).Where(kv => !kv.Key.StartsWith("File:File", StringComparison.Ordinal)));

        var item = set.Items[0];
        var tags = MetadataTools.Exiftool(copy);
        Assert.Equal(item.Rating.ToString(), Str(tags, "XMP-xmp:Rating"));
        Assert.Equal("Red", Str(tags, "XMP-xmp:Label"));
        Assert.Equal("1", Str(tags, "XMP-xmpDM:Pick"));
        Assert.Equal("Sunset over the bay", Str(tags, "XMP-dc:Description"));
        Assert.Contains("Ann Photographer", Str(tags, "XMP-dc:Creator"));
        Assert.Equal("0.50", Str(tags, "XMP-crs:Exposure2012").TrimStart('+'));
        Assert.Equal("[\"family\"]", Str(tags, "XMP-dc:Subject"));
        Assert.Equal("1", Str(tags, "XMP-photocuration:Rank"));
        Assert.Equal("opener", Str(tags, "XMP-photocuration:Role"));
        Assert.Equal(item.PhotoId, Str(tags, "XMP-photocuration:PhotoId"));
        Assert.Contains("Hero of moment m_0001", Str(tags, "XMP-photocuration:Reasons"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("1", Str(tags, "IFD0:Orientation"));

        var exiv2 = MetadataTools.Exiv2(copy);
        Assert.Equal(item.Rating.ToString(), exiv2["Xmp.xmp.Rating"]);
        Assert.Equal("Red", exiv2["Xmp.xmp.Label"]);
        Assert.Contains("Sunset over the bay", exiv2["Xmp.dc.description"]);
        Assert.Equal("opener", exiv2["Xmp.photocuration.Role"]);
        Assert.Equal("1", MetadataTools.Exiv2(copy, 'E')["Exif.Image.Orientation"]);

        // The JPEG without XMP of its own gets a fresh packet: no caption, no keywords unless asked.
        var second = MetadataTools.Exiftool(Path.Combine(Out, "02_IMG_1002.jpg"));
        Assert.Equal("Blue", Str(second, "XMP-xmp:Label"));
        Assert.False(second.ContainsKey("XMP-dc:Description"));
        Assert.False(second.ContainsKey("XMP-dc:Subject"));
    }

    [MetadataToolsFact]
    public void Png_tiff_and_dng_copies_carry_the_xmp_inside_and_keep_their_pixels_and_other_metadata()
    {
        var png = WritePng("IMG_2001.png");
        var tiff = WriteTiff("IMG_2002.tif");
        var dng = WriteDng("IMG_2003.dng");
        var originals = new[] { png, tiff, dng }.ToDictionary(p => p, File.ReadAllBytes);
        var set = SetOf(PhotoOf(png, "Png", 0.9), PhotoOf(tiff, "Tiff", 0.7), PhotoOf(dng, "Raw:DNG", 0.5));
        Export(set, Options());

        var copies = new[] { "01_IMG_2001.png", "02_IMG_2002.tif", "03_IMG_2003.dng" }.Select(n => Path.Combine(Out, n)).ToArray();
        Assert.Empty(Directory.GetFiles(Out, "*.xmp"));
        for (var i = 0; i < 3; i++)
        {
            var tags = MetadataTools.Exiftool(copies[i]);
            Assert.Equal(set.Items[i].Rating.ToString(), Str(tags, "XMP-xmp:Rating"));
            Assert.Equal(new[] { "Red", "Green", "Blue" }[i], Str(tags, "XMP-xmp:Label"));
            Assert.Equal((i + 1).ToString(), Str(tags, "XMP-photocuration:Sequence"));
            var exiv2 = MetadataTools.Exiv2(copies[i]);
            Assert.Equal(set.Items[i].Rating.ToString(), exiv2["Xmp.xmp.Rating"]);
            Assert.Equal((i + 1).ToString(), exiv2["Xmp.photocuration.Sequence"]);
            var before = NonXmpTags(originals.Keys.ElementAt(i)).Where(kv => !kv.Key.StartsWith("File:File", StringComparison.Ordinal) && !kv.Key.EndsWith(":XMP", StringComparison.Ordinal)).ToList();
            var after = NonXmpTags(copies[i]).Where(kv => !kv.Key.StartsWith("File:File", StringComparison.Ordinal) && !kv.Key.EndsWith(":XMP", StringComparison.Ordinal)).ToList();
            Assert.Equal(before, after);
        }
        Assert.Equal("Ann Photographer", Str(MetadataTools.Exiftool(copies[0]), "PNG:Author"));
        Assert.Equal("1 4 0 0", Str(MetadataTools.Exiftool(copies[2]), "IFD0:DNGVersion"));

        // PNG: every chunk but the XMP one is the original's, in order. TIFF and DNG: the original is a
        // prefix of the copy except the header's IFD0 offset (bytes 4–7); the rest is appended.
        Assert.Equal(PngChunksWithoutXmp(originals[png]), PngChunksWithoutXmp(File.ReadAllBytes(copies[0])));
        foreach (var (original, copy) in new[] { (tiff, copies[1]), (dng, copies[2]) })
        {
            var a = originals[original];
            var b = File.ReadAllBytes(copy);
            Assert.True(b.Length > a.Length);
            Assert.Equal(a[..4], b[..4]);
            Assert.Equal(a[8..], b[8..a.Length]);
        }
        // The pixels decode the same.
        foreach (var (original, copy) in new[] { (png, copies[0]), (tiff, copies[1]) })
        {
            using var x = Image.Load<Rgb24>(original);
            using var y = Image.Load<Rgb24>(copy);
            Assert.Equal((x.Width, x.Height), (y.Width, y.Height));
            for (var r = 0; r < x.Height; r++)
            {
                for (var c = 0; c < x.Width; c++) Assert.Equal(x[c, r], y[c, r]);
            }
        }
    }

    [MetadataToolsFact]
    public void A_raw_copy_gets_a_sidecar_named_as_asked_that_keeps_the_original_sidecar_fields()
    {
        var nef = WriteNef("IMG_3001.NEF");
        File.WriteAllText(Path.ChangeExtension(nef, ".xmp"), ForeignXmp);
        var set = SetOf(PhotoOf(WriteJpeg("IMG_3000.jpg", foreignXmp: false), "Jpeg", 0.4), PhotoOf(nef, "Raw:NEF", 0.9));
        Export(set, Options());

        Assert.Equal(File.ReadAllBytes(nef), File.ReadAllBytes(Path.Combine(Out, "02_IMG_3001.NEF")));
        var sidecar = Path.Combine(Out, "02_IMG_3001.xmp");
        var tags = MetadataTools.Exiftool(sidecar);
        Assert.Equal(set.Items[1].Rating.ToString(), Str(tags, "XMP-xmp:Rating"));
        Assert.Equal("Blue", Str(tags, "XMP-xmp:Label"));
        Assert.Equal("0.50", Str(tags, "XMP-crs:Exposure2012").TrimStart('+'));
        Assert.Equal("Sunset over the bay", Str(tags, "XMP-dc:Description"));
        var exiv2 = MetadataTools.Exiv2(sidecar);
        Assert.Equal(set.Items[1].Rating.ToString(), exiv2["Xmp.xmp.Rating"]);
        Assert.Equal("closer", exiv2["Xmp.photocuration.Role"]);
        Assert.Equal("+0.50", exiv2["Xmp.crs.Exposure2012"]);

        // darktable's naming: NAME.EXT.xmp; the Adobe-named sidecar of the earlier export goes with the switch.
        Export(set, Options(naming: SidecarNaming.Darktable));
        Assert.True(File.Exists(Path.Combine(Out, "02_IMG_3001.NEF.xmp")));
        Assert.False(File.Exists(sidecar));
        Assert.Equal("closer", MetadataTools.Exiv2(Path.Combine(Out, "02_IMG_3001.NEF.xmp"))["Xmp.photocuration.Role"]);
    }

    [MetadataToolsFact]
    public void Keywords_only_when_asked_and_only_words_a_person_searches_by()
    {
        var jpeg = WriteJpeg("IMG_4001.jpg", foreignXmp: false);
        var set = SetOf(PhotoOf(jpeg, "Jpeg", 0.9));
        Export(set, Options());
        Assert.False(MetadataTools.Exiftool(Path.Combine(Out, "01_IMG_4001.jpg")).ContainsKey("XMP-dc:Subject"));
        Export(set, Options(keywords: true));
        var subjects = MetadataTools.Exiftool(Path.Combine(Out, "01_IMG_4001.jpg"))["XMP-dc:Subject"];
        var words = subjects.ValueKind == JsonValueKind.Array ? subjects.EnumerateArray().Select(e => e.GetString()!).ToArray() : new[] { subjects.GetString()! };
        Assert.Equal(new[] { "golden hour", "beach" }, words);
        Assert.False(MetadataTools.Exiftool(Path.Combine(Out, "01_IMG_4001.jpg")).ContainsKey("XMP-lr:HierarchicalSubject"));

        set.Items[0].Axes["scene_type"] = "scene_03";
        Assert.Equal(new[] { "golden hour" }, XmpKeywords.Of(set.Items[0]));
    }

    [MetadataToolsFact]
    public void Face_regions_are_written_as_mwg_regions_lightroom_and_digikam_read()
    {
        var faces = new[] { new PhotoFace { X = 0.25, Y = 0.2, Width = 0.1, Height = 0.15, Confidence = 0.9 }, new PhotoFace { X = 0.6, Y = 0.3, Width = 0.2, Height = 0.3, Confidence = 0.8 } };
        var set = SetOf(PhotoOf(WriteJpeg("IMG_5001.jpg", foreignXmp: false), "Jpeg", 0.9, faces));
        Export(set, Options(faces: true));
        var copy = Path.Combine(Out, "01_IMG_5001.jpg");
        var info = MetadataTools.Exiftool(copy)["XMP-mwg-rs:RegionInfo"];
        Assert.Equal(320, info.GetProperty("AppliedToDimensions").GetProperty("W").GetInt32());
        var regions = info.GetProperty("RegionList").EnumerateArray().ToList();
        Assert.Equal(2, regions.Count);
        Assert.Equal("Face", regions[0].GetProperty("Type").GetString());
        var area = regions[0].GetProperty("Area");
        Assert.Equal(0.3, area.GetProperty("X").GetDouble(), 6);
        Assert.Equal(0.275, area.GetProperty("Y").GetDouble(), 6);
        Assert.Equal(0.1, area.GetProperty("W").GetDouble(), 6);
        Assert.Equal("normalized", area.GetProperty("Unit").GetString());
        var exiv2 = MetadataTools.Exiv2(copy);
        Assert.Equal("0.7", exiv2["Xmp.mwg-rs.Regions/mwg-rs:RegionList[2]/mwg-rs:Area/stArea:x"]);
        Assert.Equal("Face", exiv2["Xmp.mwg-rs.Regions/mwg-rs:RegionList[1]/mwg-rs:Type"]);
    }

    [Fact]
    public void Regions_a_person_named_are_kept_and_ours_are_not_added_over_them()
    {
        const string named = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
             <rdf:Description rdf:about="" xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/">
              <mwg-rs:Regions rdf:parseType="Resource"><mwg-rs:RegionList><rdf:Bag><rdf:li rdf:parseType="Resource"><mwg-rs:Name>Ann</mwg-rs:Name></rdf:li></rdf:Bag></mwg-rs:RegionList></mwg-rs:Regions>
             </rdf:Description></rdf:RDF></x:xmpmeta>
            """;
        var fields = new XmpFields { Rating = 4, Pick = 1, Regions = new MwgRegionSet { Width = 10, Height = 10, Faces = new[] { new MwgRegionSet.Area(0.5, 0.5, 0.1, 0.1) } } };
        var merged = XmpDocument.Build(fields, named);
        Assert.Contains("Ann", merged);
        Assert.DoesNotContain("stArea", merged);
    }

    [Fact]
    public void Malformed_xmp_in_the_original_is_reported_and_the_copy_is_exported_unchanged_with_a_sidecar()
    {
        var jpeg = TestImages.JpegBytes(120, 80, seed: 8);
        jpeg = JpegSegments.InsertAfterSoi(jpeg, 0xE1, Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><broken"));
        var path = _dir.File("shoot/IMG_6001.jpg");
        File.WriteAllBytes(path, jpeg);
        var export = Export(SetOf(PhotoOf(path, "Jpeg", 0.9)), Options());
        var problem = Assert.Single(export.Problems);
        Assert.Equal("XmpNotEmbedded", problem.ErrorId);
        Assert.Equal(jpeg, File.ReadAllBytes(Path.Combine(Out, "01_IMG_6001.jpg")));
        Assert.True(File.Exists(Path.Combine(Out, "01_IMG_6001.xmp")));
    }

    [Fact]
    public void The_same_export_gives_the_same_bytes_and_embedding_twice_does_not_grow_the_packet()
    {
        var set = SetOf(PhotoOf(WriteJpeg("IMG_7001.jpg"), "Jpeg", 0.9), PhotoOf(WriteTiff("IMG_7002.tif"), "Tiff", 0.5));
        Export(set, Options());
        var first = Directory.GetFiles(Out).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        var again = Export(set, Options());
        Assert.DoesNotContain(again.Steps, s => s.Target.StartsWith(Out, StringComparison.Ordinal) && !s.Target.EndsWith(".json", StringComparison.Ordinal));
        Assert.Equal(first, Directory.GetFiles(Out).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList());

        // Embedding into a copy that already has our packet replaces it rather than adding a second one.
        var copy = File.ReadAllBytes(Path.Combine(Out, "01_IMG_7001.jpg"));
        var twice = XmpContainer.Embed(XmpContainerKind.Jpeg, copy, XmpFields.ForPick(set.Items[0], false, false));
        Assert.Equal(copy, twice);
    }

    [Fact]
    public void An_export_without_xmp_or_csv_keeps_what_an_earlier_export_wrote_for_the_same_picks()
    {
        var nef = WriteNef("IMG_8002.NEF");
        var set = SetOf(PhotoOf(WriteJpeg("IMG_8001.jpg"), "Jpeg", 0.9), PhotoOf(nef, "Raw:NEF", 0.5));
        Export(set, Options(csv: true));
        var withXmp = Directory.GetFiles(Out).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var embedded = File.ReadAllBytes(Path.Combine(Out, "01_IMG_8001.jpg"));
        Assert.Contains("02_IMG_8002.xmp", withXmp);
        Assert.Contains("curated_list.csv", withXmp);

        var plain = Export(set, Options(xmp: false));
        Assert.DoesNotContain(plain.Steps, s => s.Action.StartsWith("Remove", StringComparison.Ordinal));
        Assert.Equal(withXmp, Directory.GetFiles(Out).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToList());
        Assert.Equal(embedded, File.ReadAllBytes(Path.Combine(Out, "01_IMG_8001.jpg")));
        // …and still knows them as its own: a later change of picks removes the sidecar with its copy.
        Export(SetOf(set.Items[0].Photo), Options(xmp: false));
        Assert.False(File.Exists(Path.Combine(Out, "02_IMG_8002.NEF")));
        Assert.False(File.Exists(Path.Combine(Out, "02_IMG_8002.xmp")));
        Assert.False(File.Exists(Path.Combine(Out, "curated_list.csv")));
    }

    [Fact]
    public void Our_namespace_is_a_real_stable_uri_and_the_caption_is_never_written()
    {
        Assert.StartsWith("urn:uuid:", XmpNamespaces.Curation, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(XmpNamespaces.ModuleGuid, out _));
        var manifest = File.ReadAllText(Path.Combine(RepoRoot(), "module", "PhotoCuration.psd1"));
        Assert.Contains($"GUID                 = '{XmpNamespaces.ModuleGuid}'", manifest);
        var set = SetOf(PhotoOf(WriteJpeg("IMG_9001.jpg", foreignXmp: false), "Jpeg", 0.9));
        var xml = XmpDocument.Build(XmpFields.ForPick(set.Items[0], keywords: true, faceRegions: false));
        Assert.DoesNotContain("example.invalid", xml);
        Assert.DoesNotContain("dc:description", xml);
        Assert.DoesNotContain("role:", xml);
        Assert.DoesNotContain("look", xml);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "module", "PhotoCuration.psd1"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }
}
