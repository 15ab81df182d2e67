using System.Text.RegularExpressions;
using PhotoCuration.Engine.Review;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Review;

/// <summary>The review page as Export-CurationReport writes it: content, escaping, self-containment.</summary>
public sealed class ReportPageTests : IClassFixture<ReviewedShootFixture>
{
    private const string CreatedAt = "2024-09-15 10:00 UTC";
    private readonly ReviewedShoot _shoot;
    private readonly string _html;

    public ReportPageTests(ReviewedShootFixture fixture)
    {
        _shoot = fixture.Value;
        _html = Build();
    }

    private string Build(string? token = null)
    {
        var batch = ReviewBatch.Load(_shoot.Layout.Root, ReviewedShoot.BatchId);
        return ReportPage.Build(batch, BatchOverridesFile.Load(_shoot.Layout, ReviewedShoot.BatchId), new Thumbnails(_shoot.Layout.Root), token, 0, CreatedAt);
    }

    [Fact]
    public void Exif_description_with_a_script_tag_shows_as_text()
    {
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", _html);
        Assert.DoesNotContain(ReviewedShoot.HostileDescription, _html);
        // The script elements are the page's own and its photo data (JSON, never run); the data escapes
        // '<', so the hostile description cannot close it.
        var scripts = Regex.Matches(_html, "<script[^>]*>", RegexOptions.IgnoreCase).Select(m => m.Value).ToList();
        Assert.Equal(new[] { "<script type=\"application/json\" id=\"photo-data\">", "<script>" }, scripts);
        var data = Regex.Match(_html, "<script type=\"application/json\" id=\"photo-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        Assert.DoesNotContain("<", data);
        using var json = System.Text.Json.JsonDocument.Parse(data);
        Assert.Contains(json.RootElement.GetProperty("photos").EnumerateObject(), p => p.Value.GetProperty("file").GetString() == ReviewedShoot.HostileFileName);
    }

    [Fact]
    public void Run_section_shows_the_timings_of_the_run_that_wrote_the_list_not_of_a_later_one()
    {
        using var shoot = new ReviewedShoot();
        var listed = System.Text.Json.JsonDocument.Parse(File.ReadAllText(shoot.CuratedListPath)).RootElement.GetProperty("audit").GetProperty("stage_timings_ms");
        // A later run that failed after its features stage: the log now holds a time the list never saw.
        StageTimingLog.Record(shoot.Layout, ReviewedShoot.BatchId, "features", 987654);
        var batch = ReviewBatch.Load(shoot.Layout.Root, ReviewedShoot.BatchId);
        var html = ReportPage.Build(batch, null, new Thumbnails(shoot.Layout.Root), null, 0, CreatedAt);
        var run = html[html.IndexOf("<section id=\"run\">", StringComparison.Ordinal)..];
        Assert.DoesNotContain("987654", run);
        Assert.Contains("the run that wrote curated_list.json", run);
        foreach (var t in listed.EnumerateObject()) Assert.Contains($"{t.Name} {t.Value.GetInt64()} ms", run);
    }

    [Fact]
    public void A_locked_photo_the_gate_dropped_is_named_by_no_raw_id_in_its_reasons()
    {
        using var shoot = new ReviewedShoot();
        var dropped = shoot.Photos.FirstOrDefault(p => p.Score is { IsDropped: true });
        Assert.NotNull(dropped);
        var batch = ReviewBatch.Load(shoot.Layout.Root, ReviewedShoot.BatchId);
        var overrides = BatchOverridesFile.LoadOrSeed(shoot.Layout, ReviewedShoot.BatchId);
        overrides.Lock(dropped!);
        var run = ReviewRun.Run(batch, overrides, _ => { });
        var item = run.Set.Items.Single(i => i.PhotoId == dropped!.PhotoId);
        Assert.DoesNotContain(item.Reasons, r => r.Contains("sha256:", StringComparison.Ordinal));
        Assert.Contains(item.Reasons, r => r.Contains("in no moment", StringComparison.Ordinal));
    }

    [Fact]
    public void Camera_string_cannot_close_an_attribute()
    {
        Assert.Contains("Evil&quot; onmouseover=&quot;alert(2)", _html);
        Assert.DoesNotContain("onmouseover=\"alert(2)", _html);
    }

    [Fact]
    public void File_name_with_markup_shows_as_text()
    {
        Assert.Contains("IMG_0004 &lt;img src=x onerror=alert(3)&gt; &amp; co.jpg", _html);
        Assert.DoesNotContain("<img src=x", _html);
    }

    [Fact]
    public void Is_self_contained_no_network_reference()
    {
        Assert.DoesNotMatch(new Regex(@"(src|href|action)\s*=\s*""?\s*(https?:)?//", RegexOptions.IgnoreCase), _html);
        Assert.DoesNotMatch(new Regex(@"url\(|@import|<link|<iframe|<object|<embed", RegexOptions.IgnoreCase), _html);
        var sources = Regex.Matches(_html, "<img [^>]*src=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.StartsWith("data:image/jpeg;base64,", s));
        var hrefs = Regex.Matches(_html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.All(hrefs, h => Assert.StartsWith("#", h));
        Assert.Contains("default-src 'none'", _html);
        // No absolute path of the workspace or the shoot leaks into the page.
        Assert.DoesNotContain(_shoot.ShootDir, _html);
        Assert.DoesNotContain(_shoot.Layout.Root, _html);
    }

    [Fact]
    public void Every_photo_with_a_derived_image_has_an_embedded_thumbnail()
    {
        var thumbs = new Thumbnails(_shoot.Layout.Root);
        foreach (var photo in ReviewBatch.Load(_shoot.Layout.Root, ReviewedShoot.BatchId).Photos)
        {
            var uri = thumbs.Of(photo);
            Assert.NotNull(uri);
            Assert.Contains(uri!, _html);
            var bytes = Convert.FromBase64String(uri!["data:image/jpeg;base64,".Length..]);
            using var image = SixLabors.ImageSharp.Image.Load(bytes);
            Assert.Equal(Thumbnails.DefaultLongEdge, Math.Max(image.Width, image.Height));
        }
    }

    [Fact]
    public void Thumbnails_are_never_read_from_outside_the_workspace()
    {
        var photo = _shoot.Photo("IMG_0001.jpg");
        var outside = new Photo
        {
            PhotoId = "sha256:" + new string('a', 64),
            Preprocess = new PhotoPreprocess { StandardizedPath = photo.Path, RankingPath = photo.Path },
        };
        Assert.Null(new Thumbnails(_shoot.Layout.Root).Of(outside));
    }

    [Fact]
    public void Why_cards_follow_the_sequence_with_rank_stars_six_score_bars_tags_and_reasons()
    {
        var ranks = Regex.Matches(_html, "<article class=\"card[^\"]*\" id=\"[^\"]*\" data-photo=\"([^\"]*)\" data-rank=\"(\\d+)\"").ToList();
        Assert.Equal(_shoot.Set.Items.Select(i => i.PhotoId), ranks.Select(m => m.Groups[1].Value));
        Assert.Equal(Enumerable.Range(1, ReviewedShoot.Count).Select(i => i.ToString()), ranks.Select(m => m.Groups[2].Value));
        foreach (var label in new[] { "Q_tech", "Aesthetic", "Vibe", "Typography", "Composition", "Total" })
        {
            Assert.Equal(ReviewedShoot.Count, Regex.Matches(_html, $"aria-label=\"{label}\"").Count);
        }
        foreach (var item in _shoot.Set.Items)
        {
            Assert.Contains($"<span class=\"role role-{item.Role}\">", _html);
            var card = Regex.Match(_html, $"<article[^>]*data-photo=\"{Regex.Escape(item.PhotoId)}\"[^>]*>.*?</h3>", RegexOptions.Singleline).Value;
            Assert.Contains($">rank {item.Rank}</span>", card);
            Assert.Contains($"title=\"{item.Rating} of 5 stars\">{new string('★', item.Rating)}{new string('☆', 5 - item.Rating)}</span>", card);
            foreach (var tag in item.Tags) Assert.Contains($"<li>{System.Net.WebUtility.HtmlEncode(tag)}</li>", _html);
            foreach (var reason in item.Reasons) Assert.Contains(System.Net.WebUtility.HtmlEncode(reason), _html);
        }
    }

    [Fact]
    public void Cards_show_the_other_frames_of_their_moment()
    {
        var batch = ReviewBatch.Load(_shoot.Layout.Root, ReviewedShoot.BatchId);
        var withSiblings = _shoot.Set.Items.Select(i => batch.Moments().First(m => m.Members.Any(p => p.PhotoId == i.PhotoId))).Where(m => m.Members.Length > 1).ToList();
        Assert.NotEmpty(withSiblings);
        Assert.Equal(withSiblings.Count, Regex.Matches(_html, "Other frames of moment").Count);
    }

    [Fact]
    public void Coverage_has_a_row_per_axis_and_moments_dropped_and_run_sections()
    {
        foreach (var axis in new[] { "scene_type", "look", "palette_cluster", "time_of_day", "people_count", "orientation" })
        {
            Assert.Contains($"<tr data-axis=\"{axis}\">", _html);
        }
        var batch = ReviewBatch.Load(_shoot.Layout.Root, ReviewedShoot.BatchId);
        Assert.Equal(batch.Moments().Count, Regex.Matches(_html, "<div class=\"moment\"").Count);
        var dropped = batch.Dropped().ToList();
        Assert.NotEmpty(dropped);
        foreach (var (photo, reasons) in dropped)
        {
            Assert.Contains($"id=\"p-{photo.ShortId}-dropped\"", _html);
            Assert.NotEmpty(reasons);
            Assert.Contains(string.Join(", ", reasons), _html);
        }
        Assert.Contains("LLM judge", _html);
        Assert.Contains("not run (LLM-free ranking by Total_prelim)", _html);
        Assert.Contains("quality weight / diversity weight", _html);
    }

    [Fact]
    public void Exported_page_has_no_token_and_hides_the_buttons()
    {
        Assert.Contains("<body class=\"static\" data-token=\"\"", _html);
        var live = Build("abc123");
        Assert.Contains("<body class=\"live\" data-token=\"abc123\"", live);
    }

    [Fact]
    public void Same_inputs_give_the_same_page()
    {
        Assert.Equal(_html, Build());
        Assert.True(ReportPage.IsReportFile(WriteTemp(_html)));
        Assert.False(ReportPage.IsReportFile(WriteTemp("<!DOCTYPE html><html><head><title>mine</title></head></html>")));
    }

    private string WriteTemp(string text)
    {
        var path = _shoot.File(Guid.NewGuid().ToString("N") + ".html");
        AtomicFile.WriteAllText(path, text);
        return path;
    }
}
