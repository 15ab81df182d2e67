using PhotoCuration.Engine.Workspace;
using System.Text.Json;
using PhotoCuration.Engine.Review;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Review;

/// <summary>
/// The review page in a real browser (Debian's chromium, headless, over the DevTools protocol): the page
/// renders, hostile EXIF shows as text and runs nothing, a click on lock selects a photo that was not
/// selected and rewrites curated_list.json, a click on exclude removes a selected one, and the page
/// fits a phone's width. One browser and one server for the whole flow keeps the CI cost to seconds.
/// </summary>
public sealed class ReviewBrowserTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly ReviewedShoot _shoot = new();

    private List<string> CuratedIds()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(_shoot.CuratedListPath));
        return doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("photo_id").GetString()!).ToList();
    }

    private static string Js(string text) => JsonSerializer.Serialize(text);

    [BrowserFact]
    public async Task Lock_and_exclude_clicked_in_the_browser_re_run_the_selection()
    {
        using var server = ReviewServer.Start(_shoot.Layout.Root, ReviewedShoot.BatchId, 0, _ => { });
        await using var browser = await HeadlessChromium.StartAsync(Patience);
        await browser.NavigateAsync(server.Url);
        await browser.WaitForAsync("document.readyState === 'complete' && document.body.dataset.generation === '0'", Patience);

        // Rendered, with the hostile EXIF shown as text and no script of its own.
        Assert.Equal(ReviewedShoot.Count, (int)(await browser.EvaluateAsync("document.querySelectorAll('article.card').length"))!);
        Assert.True((bool)(await browser.EvaluateAsync($"document.body.innerText.includes({Js(ReviewedShoot.HostileDescription)})"))!);
        Assert.Equal(1, (int)(await browser.EvaluateAsync("Array.from(document.scripts).filter(s => s.type !== 'application/json').length"))!);
        // Thumbnails are the server's, named with the token and fetched lazily, never embedded in the served page.
        Assert.True((bool)(await browser.EvaluateAsync($"Array.from(document.images).every(i => i.src.startsWith({Js(server.Url + "api/thumb?id=")}) && i.getAttribute('loading') === 'lazy')"))!);
        Assert.DoesNotContain("data:image", (string)(await browser.EvaluateAsync("document.documentElement.outerHTML"))!);
        await browser.WaitForAsync("document.images[0].complete && document.images[0].naturalWidth > 0", Patience);

        // Lock a photo that was not selected: it joins the selection and curated_list.json.
        var before = CuratedIds();
        var outsider = _shoot.Photos.First(p => p.Score is { IsDropped: false } && !before.Contains(p.PhotoId));
        var clicked = await browser.EvaluateAsync($"(() => {{ const b = document.querySelector('#moments button[data-action=\"lock\"][data-photo=' + {Js(JsonSerializer.Serialize(outsider.PhotoId))} + ']'); if (!b) return false; b.click(); return true; }})()");
        Assert.True((bool)clicked!);
        await browser.WaitForAsync("document.readyState === 'complete' && document.body.dataset.generation === '1'", Patience);
        Assert.Contains(outsider.PhotoId, server.Session.SelectedIds);
        var afterLock = CuratedIds();
        Assert.Contains(outsider.PhotoId, afterLock);
        Assert.NotEqual(before, afterLock);
        Assert.Contains(outsider.PhotoId, BatchOverridesFile.Load(_shoot.Layout, ReviewedShoot.BatchId)!.UserOverrides.LockIn);
        Assert.True((bool)(await browser.EvaluateAsync($"!!document.querySelector('article.card.locked[data-photo=' + {Js(JsonSerializer.Serialize(outsider.PhotoId))} + ']')"))!);
        Assert.Contains("locked", (string)(await browser.EvaluateAsync("document.getElementById('status').textContent"))!);

        // Exclude a selected photo (not the locked one): it leaves the selection and the list.
        var victim = afterLock.First(id => id != outsider.PhotoId);
        var excluded = await browser.EvaluateAsync($"(() => {{ const b = document.querySelector('article.card[data-photo=' + {Js(JsonSerializer.Serialize(victim))} + '] button[data-action=\"exclude\"]'); if (!b) return false; b.click(); return true; }})()");
        Assert.True((bool)excluded!);
        await browser.WaitForAsync("document.readyState === 'complete' && document.body.dataset.generation === '2'", Patience);
        Assert.DoesNotContain(victim, server.Session.SelectedIds);
        Assert.DoesNotContain(victim, CuratedIds());
        Assert.Equal(ReviewedShoot.Count, CuratedIds().Count);
        Assert.True((bool)(await browser.EvaluateAsync($"!!document.querySelector('#excluded [data-photo=' + {Js(JsonSerializer.Serialize(victim))} + ']') && !document.querySelector('article.card[data-photo=' + {Js(JsonSerializer.Serialize(victim))} + ']')"))!);

        // A screenshot of the page as rendered: a real PNG, not one flat colour.
        var png = await browser.ScreenshotAsync();
        AssertRendered(png, 1280);

        // Phone width: nothing wider than the screen.
        await browser.SetViewportAsync(390, 844, mobile: true);
        await browser.WaitForAsync("document.documentElement.scrollWidth <= window.innerWidth + 1", TimeSpan.FromSeconds(10));
        AssertRendered(await browser.ScreenshotAsync(), 390);

        Assert.Empty(browser.Dialogs);
        if (Environment.GetEnvironmentVariable("PHOTOCURATION_SCREENSHOTS") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await File.WriteAllBytesAsync(Path.Combine(dir, "review-page.png"), png);
        }
    }

    private static void AssertRendered(byte[] png, int width)
    {
        Assert.True(png.Length > 20_000, $"screenshot is only {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        using var image = Image.Load<Rgb24>(png);
        Assert.Equal(width, image.Width);
        var colours = new HashSet<Rgb24>();
        double sum = 0, sumSq = 0;
        var n = 0;
        for (var y = 0; y < image.Height; y += 7)
        {
            for (var x = 0; x < image.Width; x += 7)
            {
                var p = image[x, y];
                colours.Add(p);
                var luma = 0.299 * p.R + 0.587 * p.G + 0.114 * p.B;
                sum += luma;
                sumSq += luma * luma;
                n++;
            }
        }
        var sd = Math.Sqrt(Math.Max(0, sumSq / n - (sum / n) * (sum / n)));
        Assert.True(colours.Count > 100, $"only {colours.Count} colours: the page looks blank");
        Assert.True(sd > 10, $"luma spread {sd:0.0}: the page looks blank");
    }

    public void Dispose() => _shoot.Dispose();
}
