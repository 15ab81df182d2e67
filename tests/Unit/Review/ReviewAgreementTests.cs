using System.Globalization;
using System.Net;
using PhotoCuration.Engine.Review;
using PhotoCuration.Engine.Taste;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Review;

/// <summary>
/// The review page's agreement with the photographer: a reference folder of the shoot's photos with XMP
/// sidecars (5 stars on frames the run left out, −1 on one of its picks, the hostile file name among the
/// rated), measured through the real engine and shown on the written and the served page, escaped.
/// </summary>
public sealed class ReviewAgreementTests : IDisposable
{
    private readonly ReviewedShoot _shoot = new();
    private readonly TempFolder _temp = new();
    private readonly List<string> _warnings = new();
    private readonly List<PhotoInputException> _problems = new();

    private static string Sidecar(int rating) => string.Create(CultureInfo.InvariantCulture,
        $"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:Rating=\"{rating}\"/></rdf:RDF></x:xmpmeta>");

    /// <summary>The photographer's folder: a copy of the shoot with their ratings in NAME.xmp sidecars.</summary>
    private string Reference()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_temp.Path, "lightroom")).FullName;
        foreach (var file in Directory.GetFiles(_shoot.ShootDir, "*.jpg")) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var set = _shoot.Set.Items.Select(i => i.PhotoId).ToHashSet();
        var kept = _shoot.Photos.Where(p => p.Score is { IsDropped: false }).ToList();
        var liked = kept.Where(p => !set.Contains(p.PhotoId)).Take(2).Append(_shoot.Photo(ReviewedShoot.HostileFileName)).DistinctBy(p => p.PhotoId);
        foreach (var p in liked) File.WriteAllText(Path.Combine(folder, Path.GetFileNameWithoutExtension(p.FileName) + ".xmp"), Sidecar(5));
        var disliked = _shoot.Photos.First(p => set.Contains(p.PhotoId) && p.FileName != ReviewedShoot.HostileFileName);
        File.WriteAllText(Path.Combine(folder, Path.GetFileNameWithoutExtension(disliked.FileName) + ".xmp"), Sidecar(-1));
        return folder;
    }

    [Fact]
    public async Task The_page_shows_the_agreement_measured_against_a_reference_escaped_on_disk_and_served()
    {
        var agreement = AgreementSection.Load(_shoot.Layout.Root, ReviewedShoot.BatchId, new[] { Reference() }, null, _problems.Add, _warnings.Add);
        Assert.NotNull(agreement);
        Assert.Empty(_problems);
        Assert.True(agreement!.PickCount >= 2, $"{agreement.PickCount} picks");
        Assert.True(agreement.Precision < 1);
        Assert.NotEmpty(agreement.Disagreements);
        Assert.True(File.Exists(WorkspaceAgreement.ReportPath(_shoot.Layout, ReviewedShoot.BatchId)));

        var html = CurationReport.Build(_shoot.Layout.Root, ReviewedShoot.BatchId, 2, agreement: agreement).Html;
        Assert.Contains("<section id=\"agreement\">", html);
        Assert.Contains("<a href=\"#agreement\">Agreement</a>", html);
        static string F(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
        Assert.Contains($"{F(agreement.Precision)} / {F(agreement.Recall)} / {F(agreement.F1)}", html);
        Assert.Contains($"<tr data-measure=\"hero\"><th>hero agreement</th><td>{F(agreement.HeroAgreement)} ({agreement.MomentsWithPicks} moments with a pick)</td></tr>", html);
        Assert.Contains($"<tr data-measure=\"tau\"><th>Kendall τ_b (Total vs ratings)</th><td>{F(agreement.KendallTauB)}</td></tr>", WebUtility.HtmlDecode(html));
        Assert.Contains($"{F(agreement.PickRejectAuc)} / {F(agreement.PickAuc)}", html);
        // Every disagreement shown with both sides' reasons, every string escaped.
        foreach (var d in agreement.Disagreements.Take(AgreementSection.MaxDisagreements))
        {
            Assert.Contains($"<tr data-photo=\"{WebUtility.HtmlEncode(d.PhotoId)}\"><td>{WebUtility.HtmlEncode(d.FileName)}<br>", html);
            Assert.All(d.OurReasons.Concat(d.TheirReasons), r => Assert.Contains($"<li>{WebUtility.HtmlEncode(r)}</li>", html));
        }
        Assert.Contains(agreement.Disagreements, d => d.FileName == ReviewedShoot.HostileFileName);
        Assert.DoesNotContain("<img src=x onerror=alert(3)>", html);

        // Without a reference, the report written above is what the page shows.
        var again = AgreementSection.Load(_shoot.Layout.Root, ReviewedShoot.BatchId, null, null, _problems.Add, _warnings.Add);
        Assert.Equal(AgreementSection.Render(agreement), AgreementSection.Render(again!));

        // The served page shows it too.
        using var server = ReviewServer.Start(_shoot.Layout.Root, ReviewedShoot.BatchId, 0, _ => { }, again);
        using var http = new HttpClient();
        var served = await http.GetStringAsync(server.Url);
        Assert.Contains(AgreementSection.Render(agreement), served);
    }

    [Fact]
    public void Without_a_reference_or_a_report_the_page_has_no_agreement_section()
    {
        Assert.Null(AgreementSection.Load(_shoot.Layout.Root, ReviewedShoot.BatchId, null, null, _problems.Add, _warnings.Add));
        var html = CurationReport.Build(_shoot.Layout.Root, ReviewedShoot.BatchId, 2).Html;
        Assert.DoesNotContain("id=\"agreement\"", html);
    }

    public void Dispose()
    {
        _shoot.Dispose();
        _temp.Dispose();
    }
}
