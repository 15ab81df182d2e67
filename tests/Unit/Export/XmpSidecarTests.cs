using System.Text;
using System.Xml;
using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Export.Xmp;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Export;

/// <summary>
/// The XMP of a curated shoot run through the real engine (ingest, scoring): the fields editors read,
/// inside the JPEG copies, in sidecars beside the originals, and rejects for what the gate dropped.
/// </summary>
[Collection(ScoredShootCollection.Name)]
public sealed class XmpSidecarTests : IDisposable
{
    private readonly ScoredShoot _shoot;
    private readonly TempFolder _out = new();

    public XmpSidecarTests(ScoredShootFixture shoot) => _shoot = shoot.Value;

    private static (XmlNamespaceManager Ns, XmlElement Description) ParseXml(string xml)
    {
        var doc = XmpDocument.Parse(xml);
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("x", XmpNamespaces.Meta);
        ns.AddNamespace("rdf", XmpNamespaces.Rdf);
        ns.AddNamespace("dc", XmpNamespaces.Dc);
        ns.AddNamespace("pc", XmpNamespaces.Curation);
        return (ns, (XmlElement)doc.SelectSingleNode("/x:xmpmeta/rdf:RDF/rdf:Description", ns)!);
    }

    /// <summary>The XMP inside an exported JPEG copy.</summary>
    private (XmlNamespaceManager Ns, XmlElement Description) Embedded(string copyName) =>
        ParseXml(JpegXmp.Read(File.ReadAllBytes(Path.Combine(_out.Path, copyName))) ?? throw new Xunit.Sdk.XunitException(copyName + " has no XMP"));

    private static XmlElement Sidecar(string path) => ParseXml(File.ReadAllText(path)).Description;

    private CuratedListExport Export(CuratedSet set, bool besideOriginals = false, bool force = false, bool markRejects = false)
    {
        var export = CuratedListExport.Plan(set, _shoot.Layout.Root, new ExportOptions { OutputPath = _out.Path, Xmp = true, SidecarsBesideOriginals = besideOriginals, Force = force, MarkRejects = markRejects }, _ => { });
        foreach (var step in export.Steps) export.Run(step);
        export.Finish();
        return export;
    }

    private static string CopyName(CuratedItem item) => $"{item.Sequence:00}_{item.FileName}";

    [Fact]
    public void Each_jpeg_copy_carries_rating_label_pick_and_the_curation_in_our_namespace()
    {
        var set = _shoot.Set("IMG_0003.jpg", "IMG_0005.jpg", "IMG_0008.jpg", "IMG_0009.jpg", "IMG_0010.jpg");
        Export(set);
        Assert.Empty(Directory.GetFiles(_out.Path, "*.xmp"));
        // Stars follow quality, not the sequence: the set's best Total gets 5, its worst 1 (percentiles among these five picks).
        var best = set.Items.OrderByDescending(i => i.Total).ThenBy(i => i.PhotoId, StringComparer.Ordinal).First();
        var worst = set.Items.OrderBy(i => i.Total).ThenByDescending(i => i.PhotoId, StringComparer.Ordinal).First();
        Assert.Equal("5", Embedded(CopyName(best)).Description.GetAttribute("Rating", XmpNamespaces.Xmp));
        Assert.Equal("1", Embedded(CopyName(worst)).Description.GetAttribute("Rating", XmpNamespaces.Xmp));
        foreach (var item in set.Items)
        {
            var d = Embedded(CopyName(item)).Description;
            Assert.Equal(item.Rating.ToString(System.Globalization.CultureInfo.InvariantCulture), d.GetAttribute("Rating", XmpNamespaces.Xmp));
            Assert.Equal(item.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), d.GetAttribute("Rank", XmpNamespaces.Curation));
            Assert.Equal(item.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), d.GetAttribute("Sequence", XmpNamespaces.Curation));
            Assert.Equal(item.Total.ToString("R", System.Globalization.CultureInfo.InvariantCulture), d.GetAttribute("Total", XmpNamespaces.Curation));
        }
        var (ns, opener) = Embedded("01_IMG_0003.jpg");
        Assert.Equal("Red", opener.GetAttribute("Label", XmpNamespaces.Xmp));
        Assert.Equal("1", opener.GetAttribute("pick", XmpNamespaces.XmpDm));
        Assert.Equal("True", opener.GetAttribute("good", XmpNamespaces.XmpDm));
        Assert.Equal("kept", opener.GetAttribute("Verdict", XmpNamespaces.Curation));
        Assert.Equal(_shoot.Photo("IMG_0003.jpg").PhotoId, opener.GetAttribute("PhotoId", XmpNamespaces.Curation));
        var tod = _shoot.Photo("IMG_0003.jpg").Features!.TimeOfDay;
        var reasons = opener.SelectNodes("pc:Reasons/rdf:Seq/rdf:li", ns)!.Cast<XmlNode>().Select(n => n.InnerText).ToArray();
        Assert.Equal(new[] { "hero of moment m_0001: sharpest of 2 frames", $"the only time_of_day:{tod} photo in the set" }, reasons);
        // No caption and no keywords unless asked: Lightroom's Caption stays the photographer's.
        Assert.Null(opener.SelectSingleNode("dc:description", ns));
        Assert.Null(opener.SelectSingleNode("dc:subject", ns));
        Assert.Equal("Green", Embedded("03_IMG_0008.jpg").Description.GetAttribute("Label", XmpNamespaces.Xmp));
        Assert.Equal("Blue", Embedded("05_IMG_0010.jpg").Description.GetAttribute("Label", XmpNamespaces.Xmp));
        // The copies are the originals plus the XMP segment: same length plus one APP1 segment.
        foreach (var item in set.Items)
        {
            var copy = File.ReadAllBytes(Path.Combine(_out.Path, CopyName(item)));
            var original = File.ReadAllBytes(item.Photo.Path);
            var segment = JpegXmp.Segments(copy).Single(s => s.Marker == 0xE1 && copy.AsSpan(s.Start + 4).StartsWith("http://ns.adobe.com/xap/1.0/\0"u8));
            Assert.Equal(original.Length + 2 + segment.Length, copy.Length);
        }
    }

    [Fact]
    public void A_flagged_photo_and_a_locked_photo_that_failed_the_gate_say_so_in_our_namespace()
    {
        var set = _shoot.Set("IMG_0003.jpg", "IMG_0005.jpg");
        var flagged = CopyScore(set.Items[0].Photo);
        flagged.Score!.Verdict = "flagged";
        flagged.Score.FlagReasons = new[] { "blur" };
        set.Items[0].Photo = flagged;
        var failed = CopyScore(set.Items[1].Photo);
        failed.IsLocked = true;
        failed.Score!.DropReasons = new[] { "underexposed" };
        set.Items[1].Photo = failed;
        var a = XmpDocument.Build(XmpFields.ForPick(set.Items[0], false, false));
        Assert.Contains("photocuration:Verdict=\"flagged\"", a);
        Assert.Contains("flagged by the technical gate: blur", a);
        var b = XmpDocument.Build(XmpFields.ForPick(set.Items[1], false, false));
        Assert.Contains("photocuration:Verdict=\"dropped\"", b);
        Assert.DoesNotContain("failed_gate", b);
    }

    /// <summary>The photo with a scorecard of its own, so the shared fixture's photo stays as it is.</summary>
    private static Photo CopyScore(Photo photo)
    {
        var s = photo.Score!;
        return new Photo
        {
            PhotoId = photo.PhotoId, FileName = photo.FileName, Path = photo.Path, Features = photo.Features, Format = photo.Format,
            Score = new PhotoScore { Total = s.Total, QTech = s.QTech, ScorecardVersion = s.ScorecardVersion, Theme = s.Theme },
        };
    }

    [Fact]
    public void Escapes_markup_and_drops_characters_xml_cannot_carry()
    {
        var set = _shoot.Set("IMG_0003.jpg");
        set.Items[0].Reasons = new[] { "beats <b>\"all\"</b> & more\u0001" };
        var xml = XmpDocument.Build(XmpFields.ForPick(set.Items[0], false, false));
        var (ns, d) = ParseXml(xml);
        Assert.Equal("beats <b>\"all\"</b> & more", d.SelectSingleNode("pc:Reasons/rdf:Seq/rdf:li", ns)!.InnerText);
    }

    [Fact]
    public void Beside_originals_only_on_request_never_over_an_existing_sidecar_and_with_force_merged_into_it()
    {
        var set = _shoot.Set("IMG_0005.jpg", "IMG_0006.jpg");
        var existing = ExportFileName.SidecarFor(_shoot.Photo("IMG_0006.jpg").Path);
        var fresh = ExportFileName.SidecarFor(_shoot.Photo("IMG_0005.jpg").Path);
        const string lightroom = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
             <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/" xmp:Rating="2" xmp:Label="Purple" crs:Exposure2012="+0.50"/>
            </rdf:RDF></x:xmpmeta>
            """;
        try
        {
            Export(set);
            Assert.False(File.Exists(fresh));
            File.WriteAllText(existing, lightroom);
            var export = Export(set, besideOriginals: true);
            var problem = Assert.Single(export.Problems);
            Assert.Equal("SidecarExists", problem.ErrorId);
            Assert.Equal(existing, problem.Target);
            Assert.Equal(lightroom, File.ReadAllText(existing));
            Assert.Equal("Red", Sidecar(fresh).GetAttribute("Label", XmpNamespaces.Xmp));
            // Sidecars beside originals are never removed or claimed by the export folder.
            Assert.DoesNotContain(ExportManifest.Read(_out.Path).Files, f => f.Name == Path.GetFileName(fresh));

            Export(set, besideOriginals: true, force: true);
            var merged = Sidecar(existing);
            Assert.Equal("Blue", merged.GetAttribute("Label", XmpNamespaces.Xmp));
            Assert.Equal(set.Items[1].Rating.ToString(System.Globalization.CultureInfo.InvariantCulture), merged.GetAttribute("Rating", XmpNamespaces.Xmp));
            Assert.Equal("+0.50", merged.GetAttribute("Exposure2012", "http://ns.adobe.com/camera-raw-settings/1.0/"));

            File.WriteAllText(existing, "<not xmp");
            export = Export(set, besideOriginals: true, force: true);
            Assert.Equal("SidecarUnreadable", Assert.Single(export.Problems).ErrorId);
            Assert.Equal("<not xmp", File.ReadAllText(existing));
        }
        finally
        {
            File.Delete(existing);
            File.Delete(fresh);
        }
    }

    [Fact]
    public void Mark_rejects_writes_a_minus_one_sidecar_beside_each_photo_the_gate_dropped_and_nothing_beside_a_locked_one()
    {
        var dropped = _shoot.Ingested.Where(p => p.Score is { } s && GateVerdict.FailedGate(s) && !p.IsLocked).ToList();
        Assert.NotEmpty(dropped);
        var locked = _shoot.Ingested.Where(p => p.IsLocked).ToList();
        var set = _shoot.Set("IMG_0003.jpg", "IMG_0005.jpg");
        var written = new List<string>();
        try
        {
            var export = Export(set, markRejects: true);
            Assert.Empty(export.Problems);
            foreach (var photo in dropped)
            {
                var sidecar = ExportFileName.SidecarFor(photo.Path);
                written.Add(sidecar);
                var (ns, d) = ParseXml(File.ReadAllText(sidecar));
                Assert.Equal("-1", d.GetAttribute("Rating", XmpNamespaces.Xmp));
                Assert.Equal("-1", d.GetAttribute("pick", XmpNamespaces.XmpDm));
                Assert.Equal("dropped", d.GetAttribute("Verdict", XmpNamespaces.Curation));
                Assert.Equal(photo.PhotoId, d.GetAttribute("PhotoId", XmpNamespaces.Curation));
                Assert.StartsWith("dropped by the technical gate: ", d.SelectSingleNode("pc:Reasons/rdf:Seq/rdf:li", ns)!.InnerText, StringComparison.Ordinal);
            }
            foreach (var photo in locked.Concat(set.Items.Select(i => i.Photo))) Assert.False(File.Exists(ExportFileName.SidecarFor(photo.Path)), photo.FileName);
        }
        finally
        {
            foreach (var f in written) File.Delete(f);
        }
    }

    public void Dispose() => _out.Dispose();
}
