using System.Diagnostics;
using PhotoCuration.Engine.Taste;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Taste;

public sealed class DecisionReaderTests
{
    private const string Lightroom = """
        <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:Rating="4" xmp:Label="Red"/>
        </rdf:RDF></x:xmpmeta>
        <?xpacket end="w"?>
        """;

    [Fact]
    public void AttributeFormRatingAndLabel()
    {
        var d = XmpDecisionParser.Parse(Lightroom, "a.jpg", "sidecar");
        Assert.Equal(4, d.Rating);
        Assert.Equal("Red", d.Label);
        Assert.Null(d.Pick);
        Assert.True(d.HasDecision);
        Assert.False(d.IsRejected);
    }

    [Fact]
    public void ElementFormWithOtherPrefixesAndDigiKamReject()
    {
        const string xmp = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about="" xmlns:b="http://ns.adobe.com/xap/1.0/" xmlns:dk="http://www.digikam.org/ns/1.0/">
                <b:Rating>2</b:Rating><dk:PickLabel>1</dk:PickLabel>
              </rdf:Description>
            </rdf:RDF></x:xmpmeta>
            """;
        var d = XmpDecisionParser.Parse(xmp, "a.jpg", "sidecar");
        Assert.Equal(2, d.Rating);
        Assert.False(d.Pick);
        Assert.True(d.IsRejected);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("-1", false)]
    [InlineData("0", null)]
    public void LightroomPickFlag(string pick, bool? expected)
    {
        var xmp = $"""<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmpDM="http://ns.adobe.com/xmp/1.0/DynamicMedia/" xmpDM:pick="{pick}"/></rdf:RDF></x:xmpmeta>""";
        Assert.Equal(expected, XmpDecisionParser.Parse(xmp, "a.jpg", "sidecar").Pick);
    }

    [Theory]
    [InlineData("<x:xmpmeta><rdf:RDF")]                      // not well-formed
    [InlineData("<html><body>hello</body></html>")]          // foreign XML
    public void DamagedOrForeignXmpIsInvalidData(string xmp) =>
        Assert.Throws<InvalidDataException>(() => XmpDecisionParser.Parse(xmp, "a.jpg", "sidecar"));

    [Fact]
    public void RatingOutOfRangeIsInvalidData() =>
        Assert.Throws<InvalidDataException>(() => XmpDecisionParser.Parse(Lightroom.Replace("xmp:Rating=\"4\"", "xmp:Rating=\"9\""), "a.jpg", "sidecar"));

    [Fact]
    public void NameExtSidecarWinsOverNameSidecar()
    {
        using var dir = new TempFolder();
        var photo = WriteImage(dir.File("IMG_1.jpg"));
        File.WriteAllText(dir.File("IMG_1.xmp"), Lightroom);
        File.WriteAllText(dir.File("IMG_1.jpg.xmp"), Lightroom.Replace("xmp:Rating=\"4\"", "xmp:Rating=\"-1\""));
        var d = DecisionReader.Read(photo);
        Assert.Equal(-1, d.Rating);
        Assert.Equal("sidecar", d.Source);
    }

    [Fact]
    public void OneDamagedSidecarIsOneProblemAndTheRestIsRead()
    {
        using var dir = new TempFolder();
        WriteImage(dir.File("a.jpg"));
        WriteImage(dir.File("b.jpg"));
        WriteImage(dir.File("c.jpg"));
        File.WriteAllText(dir.File("a.xmp"), Lightroom);
        File.WriteAllText(dir.File("b.xmp"), "<x:xmpmeta><rdf:RDF");
        var shoot = ShootDecisions.Read(new[] { dir.Path });
        var problem = Assert.Single(shoot.Problems);
        Assert.EndsWith("b.xmp", problem.FilePath);
        Assert.Equal(PhotoErrorIds.CorruptMetadata, problem.ErrorId);
        Assert.Equal(new[] { "a.jpg", "c.jpg" }, shoot.Decisions.Select(d => Path.GetFileName(d.Path)));
        Assert.True(shoot.IsCulled);
        Assert.Equal("none", shoot.Decisions[1].Source);
    }

    [Fact]
    public void TruncatedJpegSegmentIsAProblemOfThatFile()
    {
        using var dir = new TempFolder();
        var path = dir.File("t.jpg");
        File.WriteAllBytes(path, new byte[] { 0xFF, 0xD8, 0xFF, 0xE1, 0x40, 0x00, 0x68, 0x74 });
        var ex = Assert.Throws<PhotoInputException>(() => DecisionReader.Read(path));
        Assert.Equal(PhotoErrorIds.CorruptMetadata, ex.ErrorId);
    }

    /// <summary>Ratings, labels and rejects written by Debian's exiftool into sidecars and into JPEG, PNG and TIFF files read back exactly.</summary>
    [Fact]
    public void ExiftoolWrittenDecisionsReadBackExactly()
    {
        var exiftool = Exiftool.Path ?? throw new InvalidOperationException("exiftool is not installed (apt-get install libimage-exiftool-perl)");
        using var dir = new TempFolder();
        var cases = new (string Name, int Rating, string? Label, bool Sidecar)[]
        {
            ("emb.jpg", 5, "Red", false),
            ("emb.png", 3, "Green", false),
            ("emb.tif", -1, null, false),
            ("side.jpg", 2, "Blue", true),
            ("side2.tif", 0, "Purple", true),
            ("raw.dng", 4, null, true),
        };
        foreach (var c in cases)
        {
            var path = dir.File(c.Name);
            if (c.Name.EndsWith(".dng")) File.WriteAllBytes(path, File.ReadAllBytes(WriteImage(dir.File("src.tif"))));
            else WriteImage(path);
            // NAME.EXT.xmp (darktable, digiKam) for the TIFF, NAME.xmp (Lightroom) for the others.
            var target = !c.Sidecar ? path : c.Name.EndsWith(".tif") ? path + ".xmp" : Path.ChangeExtension(path, ".xmp");
            var args = new List<string> { "-q", "-overwrite_original", $"-XMP-xmp:Rating={c.Rating}" };
            if (c.Label is not null) args.Add($"-XMP-xmp:Label={c.Label}");
            args.Add(target);
            Exiftool.Run(exiftool, args);
        }
        File.Delete(dir.File("src.tif"));
        foreach (var c in cases)
        {
            var d = DecisionReader.Read(dir.File(c.Name));
            Assert.Equal((c.Name, (int?)c.Rating, c.Label), (c.Name, d.Rating, d.Label));
            Assert.Equal(c.Sidecar ? "sidecar" : "embedded-" + (c.Name.EndsWith(".jpg") ? "jpeg" : c.Name.EndsWith(".png") ? "png" : "tiff"), d.Source);
        }
    }

    internal static string WriteImage(string path)
    {
        using var image = TestImages.Quadrants(64, 48);
        image.Save(path);
        return path;
    }
}

/// <summary>Runs Debian's exiftool.</summary>
internal static class Exiftool
{
    public static string? Path => new[] { "/usr/bin/exiftool", "/usr/local/bin/exiftool" }.FirstOrDefault(File.Exists);

    public static string Run(string exe, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"exiftool failed ({p.ExitCode}): {error}");
        return output;
    }
}
