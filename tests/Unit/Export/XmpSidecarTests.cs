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
        Assert.Equal("5", d.GetAttribute("Rating", XmpSidecar.XmpNs));
        Assert.Equal("Red", d.GetAttribute("Label", XmpSidecar.XmpNs));
        Assert.Equal("1", d.GetAttribute("pick", XmpSidecar.XmpDmNs));
        Assert.Equal("True", d.GetAttribute("good", XmpSidecar.XmpDmNs));
        Assert.Equal("1", d.GetAttribute("Rank", XmpSidecar.CurationNs));
        Assert.Equal(_shoot.Photo("IMG_0003.jpg").PhotoId, d.GetAttribute("PhotoId", XmpSidecar.CurationNs));
        var tod = _shoot.Photo("IMG_0003.jpg").Features!.TimeOfDay;
        var subjects = d.SelectNodes("dc:subject/rdf:Bag/rdf:li", ns)!.Cast<XmlNode>().Select(n => n.InnerText).ToArray();
        Assert.Equal(new[] { "time_of_day:" + tod, "orientation:landscape", "role:opener" }, subjects);
        var hierarchical = d.SelectNodes("lr:hierarchicalSubject/rdf:Bag/rdf:li", ns)!.Cast<XmlNode>().Select(n => n.InnerText).ToArray();
        Assert.Contains($"PhotoCuration|time_of_day|time_of_day:{tod}", hierarchical);
        Assert.Contains("PhotoCuration|role|role:opener", hierarchical);
        var text = d.SelectSingleNode("dc:description/rdf:Alt/rdf:li[@xml:lang='x-default']", ns)!.InnerText;
        Assert.Equal($"Hero of moment m_0001: sharpest of 2 frames. Adds time_of_day:{tod}, not yet covered.", text);

        var body = Parse(Path.Combine(_out.Path, "03_IMG_0008.xmp")).Description;
        Assert.Equal("Green", body.GetAttribute("Label", XmpSidecar.XmpNs));
        Assert.Equal("4", body.GetAttribute("Rating", XmpSidecar.XmpNs));
        var closer = Parse(Path.Combine(_out.Path, "05_IMG_0010.xmp")).Description;
        Assert.Equal("Blue", closer.GetAttribute("Label", XmpSidecar.XmpNs));
        Assert.Equal("3", closer.GetAttribute("Rating", XmpSidecar.XmpNs));
    }

    [Theory]
    [InlineData(1, 24, 5)]
    [InlineData(5, 24, 5)]
    [InlineData(6, 24, 4)]
    [InlineData(12, 24, 4)]
    [InlineData(13, 24, 3)]
    [InlineData(24, 24, 3)]
    [InlineData(1, 1, 5)]
    [InlineData(2, 2, 3)]
    public void Rates_by_rank_band(int rank, int count, int stars) => Assert.Equal(stars, XmpSidecar.RatingFor(rank, count));

    [Fact]
    public void Escapes_markup_and_drops_characters_xml_cannot_carry()
    {
        var set = _shoot.Set("IMG_0003.jpg");
        set.Items[0].Reasons = new[] { "beats <b>\"all\"</b> & more\u0001" };
        set.Items[0].Tags = new[] { "scene_type:a|b" };
        var xml = XmpSidecar.Build(set.Items[0], 1);
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
