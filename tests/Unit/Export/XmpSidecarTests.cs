using System.Xml;
using PhotoCuration.Engine.Export;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Export;

/// <summary>XMP sidecars read back with XmlDocument: the fields Lightroom and Bridge read.</summary>
[Collection(ScoredShootCollection.Name)]
public sealed class XmpSidecarTests : IDisposable
{
    private readonly ScoredShoot _shoot;
    private readonly TempFolder _out = new();

    public XmpSidecarTests(ScoredShootFixture shoot) => _shoot = shoot.Value;

    private static (XmlDocument Doc, XmlNamespaceManager Ns, XmlElement Description) Parse(string path)
    {
        var doc = new XmlDocument();
        doc.Load(path);
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("x", XmpSidecar.MetaNs);
        ns.AddNamespace("rdf", XmpSidecar.RdfNs);
        ns.AddNamespace("xmp", XmpSidecar.XmpNs);
        ns.AddNamespace("dc", XmpSidecar.DcNs);
        ns.AddNamespace("lr", XmpSidecar.LrNs);
        ns.AddNamespace("xmpDM", XmpSidecar.XmpDmNs);
        ns.AddNamespace("pc", XmpSidecar.CurationNs);
        var description = (XmlElement)doc.SelectSingleNode("/x:xmpmeta/rdf:RDF/rdf:Description", ns)!;
        return (doc, ns, description);
    }

    private CuratedListExport Export(CuratedSet set, bool besideOriginals = false, bool force = false)
    {
        var export = CuratedListExport.Plan(set, _shoot.Layout.Root, new ExportOptions { OutputPath = _out.Path, Xmp = true, SidecarsBesideOriginals = besideOriginals, Force = force }, _ => { });
        foreach (var step in export.Steps) export.Run(step);
        export.Finish();
        return export;
    }

    [Fact]
    public void Writes_rating_label_pick_keywords_and_reasons_beside_each_copy()
    {
        var set = _shoot.Set("IMG_0003.jpg", "IMG_0005.jpg", "IMG_0008.jpg", "IMG_0009.jpg", "IMG_0010.jpg");
        Export(set);
        var (_, ns, d) = Parse(Path.Combine(_out.Path, "01_IMG_0003.xmp"));
        // Stars follow quality, not the sequence: the set's best Total gets 5, its worst 1 (percentiles among these five picks).
        var best = set.Items.OrderByDescending(i => i.Total).ThenBy(i => i.PhotoId, StringComparer.Ordinal).First();
        var worst = set.Items.OrderBy(i => i.Total).ThenByDescending(i => i.PhotoId, StringComparer.Ordinal).First();
        Assert.Equal("5", Parse(Path.Combine(_out.Path, $"{best.Sequence:00}_{Path.GetFileNameWithoutExtension(best.FileName)}.xmp")).Description.GetAttribute("Rating", XmpSidecar.XmpNs));
        Assert.Equal("1", Parse(Path.Combine(_out.Path, $"{worst.Sequence:00}_{Path.GetFileNameWithoutExtension(worst.FileName)}.xmp")).Description.GetAttribute("Rating", XmpSidecar.XmpNs));
        foreach (var item in set.Items)
        {
            var rated = Parse(Path.Combine(_out.Path, $"{item.Sequence:00}_{Path.GetFileNameWithoutExtension(item.FileName)}.xmp")).Description;
            Assert.Equal(item.Rating.ToString(System.Globalization.CultureInfo.InvariantCulture), rated.GetAttribute("Rating", XmpSidecar.XmpNs));
            Assert.Equal(item.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), rated.GetAttribute("Rank", XmpSidecar.CurationNs));
            Assert.Equal(item.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), rated.GetAttribute("Sequence", XmpSidecar.CurationNs));
        }
        Assert.Equal("Red", d.GetAttribute("Label", XmpSidecar.XmpNs));
        Assert.Equal("1", d.GetAttribute("pick", XmpSidecar.XmpDmNs));
        Assert.Equal("True", d.GetAttribute("good", XmpSidecar.XmpDmNs));
        Assert.Equal("kept", d.GetAttribute("Verdict", XmpSidecar.CurationNs));
        Assert.Equal(_shoot.Photo("IMG_0003.jpg").PhotoId, d.GetAttribute("PhotoId", XmpSidecar.CurationNs));
        var tod = _shoot.Photo("IMG_0003.jpg").Features!.TimeOfDay;
        var subjects = d.SelectNodes("dc:subject/rdf:Bag/rdf:li", ns)!.Cast<XmlNode>().Select(n => n.InnerText).ToArray();
        Assert.Equal(new[] { "time_of_day:" + tod, "orientation:landscape", "role:opener" }, subjects);
        var hierarchical = d.SelectNodes("lr:hierarchicalSubject/rdf:Bag/rdf:li", ns)!.Cast<XmlNode>().Select(n => n.InnerText).ToArray();
        Assert.Contains($"PhotoCuration|time_of_day|time_of_day:{tod}", hierarchical);
        Assert.Contains("PhotoCuration|role|role:opener", hierarchical);
        var text = d.SelectSingleNode("dc:description/rdf:Alt/rdf:li[@xml:lang='x-default']", ns)!.InnerText;
        Assert.Equal($"Hero of moment m_0001: sharpest of 2 frames. The only time_of_day:{tod} photo in the set.", text);

        var body = Parse(Path.Combine(_out.Path, "03_IMG_0008.xmp")).Description;
        Assert.Equal("Green", body.GetAttribute("Label", XmpSidecar.XmpNs));
        var closer = Parse(Path.Combine(_out.Path, "05_IMG_0010.xmp")).Description;
        Assert.Equal("Blue", closer.GetAttribute("Label", XmpSidecar.XmpNs));
    }

    [Fact]
    public void A_flagged_photo_says_so_in_keywords_and_a_locked_photo_that_failed_the_gate_too()
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
        var a = new XmlDocument();
        a.LoadXml(XmpSidecar.Build(set.Items[0]));
        Assert.Contains("flagged:blur", a.InnerText);
        Assert.Contains("PhotoCuration|flagged|flagged:blur", a.InnerText);
        var b = new XmlDocument();
        b.LoadXml(XmpSidecar.Build(set.Items[1]));
        Assert.Contains("PhotoCuration|failed_gate|failed_gate:underexposed", b.InnerText);
        Assert.Contains("photocuration:Verdict=\"dropped\"", XmpSidecar.Build(set.Items[1]));
    }

    /// <summary>The photo with a scorecard of its own, so the shared fixture's photo stays as it is.</summary>
    private static Photo CopyScore(Photo photo)
    {
        var s = photo.Score!;
        return new Photo
        {
            PhotoId = photo.PhotoId, FileName = photo.FileName, Path = photo.Path, Features = photo.Features,
            Score = new PhotoScore { Total = s.Total, QTech = s.QTech, ScorecardVersion = s.ScorecardVersion, Theme = s.Theme },
        };
    }

    [Fact]
    public void Escapes_markup_and_drops_characters_xml_cannot_carry()
    {
        var set = _shoot.Set("IMG_0003.jpg");
        set.Items[0].Reasons = new[] { "beats <b>\"all\"</b> & more\u0001" };
        set.Items[0].Tags = new[] { "scene_type:a|b" };
        var xml = XmpSidecar.Build(set.Items[0]);
        var doc = new XmlDocument();
        doc.LoadXml(xml);
        Assert.Contains("Beats <b>\"all\"</b> & more.", doc.InnerText);
        Assert.Contains("PhotoCuration|scene_type|scene_type:a/b", doc.InnerText);
    }

    [Fact]
    public void Beside_originals_only_on_request_and_never_over_an_existing_sidecar()
    {
        var set = _shoot.Set("IMG_0005.jpg", "IMG_0006.jpg");
        var existing = ExportFileName.SidecarFor(_shoot.Photo("IMG_0006.jpg").Path);
        var fresh = ExportFileName.SidecarFor(_shoot.Photo("IMG_0005.jpg").Path);
        try
        {
            Export(set);
            Assert.False(File.Exists(fresh));
            File.WriteAllText(existing, "<lightroom edits/>");
            var export = Export(set, besideOriginals: true);
            var problem = Assert.Single(export.Problems);
            Assert.Equal("SidecarExists", problem.ErrorId);
            Assert.Equal(existing, problem.Target);
            Assert.Equal("<lightroom edits/>", File.ReadAllText(existing));
            Assert.Equal("Red", Parse(fresh).Description.GetAttribute("Label", XmpSidecar.XmpNs));
            // Sidecars beside originals are never removed or claimed by the export folder.
            Assert.DoesNotContain(ExportManifest.Read(_out.Path).Files, f => f.Name == Path.GetFileName(fresh));

            Export(set, besideOriginals: true, force: true);
            Assert.Equal("Blue", Parse(existing).Description.GetAttribute("Label", XmpSidecar.XmpNs));
        }
        finally
        {
            File.Delete(existing);
            File.Delete(fresh);
        }
    }

    public void Dispose() => _out.Dispose();
}
