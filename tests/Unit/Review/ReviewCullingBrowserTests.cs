using System.Text.Json;
using System.Text.Json.Nodes;
using PhotoCuration.Engine.Review;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Review;

/// <summary>
/// Culling with the keyboard in a real browser (Debian's chromium, headless, over the DevTools
/// protocol), through real key presses: the grid, the loupe at fit and at 100 % from the server's ranking
/// image, the compare view with linked zoom, and P / X / U / 1–5 each checked in the overrides file,
/// curated_list.json and the page, updated without a reload. Screenshots at 1280 and 390 px are kept
/// when PHOTOCURATION_SCREENSHOTS names a folder (CI keeps them as artifacts).
/// </summary>
public sealed class ReviewCullingBrowserTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly ReviewedShoot _shoot = new();

    private static string Js(string text) => JsonSerializer.Serialize(text);

    private JsonElement CuratedList()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(_shoot.CuratedListPath));
        return doc.RootElement.Clone();
    }

    private List<string> CuratedIds() => CuratedList().GetProperty("items").EnumerateArray().Select(i => i.GetProperty("photo_id").GetString()!).ToList();

    private BatchOverrides Overrides() => BatchOverridesFile.Load(_shoot.Layout, ReviewedShoot.BatchId)!;

    /// <summary>xmp:Rating the export wrote for the photo (sidecar or embedded in its copy), or null.</summary>
    private int? XmpRating(string photoId)
    {
        var stem = Path.GetFileNameWithoutExtension(_shoot.Photos.First(p => p.PhotoId == photoId).FileName);
        var folder = Path.GetDirectoryName(_shoot.CuratedListPath)!;
        foreach (var file in Directory.GetFiles(folder).Where(f => Path.GetFileName(f).Contains(stem, StringComparison.Ordinal)))
        {
            var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(file));
            var m = System.Text.RegularExpressions.Regex.Match(text, "xmp:Rating(?:=\"|>)(-?\\d)");
            if (m.Success) return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return null;
    }

    private static async Task Press(HeadlessChromium browser, string key)
    {
        var (code, vk, text) = key switch
        {
            "ArrowRight" => ("ArrowRight", 39, null),
            "ArrowLeft" => ("ArrowLeft", 37, null),
            "ArrowDown" => ("ArrowDown", 40, null),
            "Enter" => ("Enter", 13, "\r"),
            "Escape" => ("Escape", 27, null),
            _ when key.Length == 1 && char.IsDigit(key[0]) => ("Digit" + key, (int)key[0], key),
            _ => ("Key" + key.ToUpperInvariant(), (int)char.ToUpperInvariant(key[0]), (string?)key),
        };
        await browser.SendAsync("Input.dispatchKeyEvent", text is null
            ? new { type = "rawKeyDown", key, code, windowsVirtualKeyCode = vk }
            : (object)new { type = "keyDown", key, code, windowsVirtualKeyCode = vk, text });
        await browser.SendAsync("Input.dispatchKeyEvent", new { type = "keyUp", key, code, windowsVirtualKeyCode = vk });
    }

    private static async Task<string> Focused(HeadlessChromium browser) =>
        (string)(await browser.EvaluateAsync("document.querySelector('#grid .tile.focus').dataset.photo"))!;

    private static async Task FocusOn(HeadlessChromium browser, string photoId) =>
        Assert.True((bool)(await browser.EvaluateAsync($"(() => {{ const t = document.querySelector('#grid .tile[data-photo=' + {Js(JsonSerializer.Serialize(photoId))} + ']'); if (!t || t.hidden) return false; t.click(); return true; }})()"))!);

    private static async Task Generation(HeadlessChromium browser, int n) =>
        await browser.WaitForAsync($"document.body.dataset.generation === '{n}' && !document.body.classList.contains('busy')", Patience);

    [BrowserFact]
    public async Task Culling_with_the_keyboard_loupe_compare_and_decisions()
    {
        // The export as a photographer runs it, with XMP: the server's re-exports then write XMP too.
        var export = PhotoCuration.Engine.Export.CuratedListExport.Plan(_shoot.Set, _shoot.Layout.Root, new PhotoCuration.Engine.Export.ExportOptions { Xmp = true }, _ => { });
        foreach (var step in export.Steps) export.Run(step);
        export.Finish();
        using var server = ReviewServer.Start(_shoot.Layout.Root, ReviewedShoot.BatchId, 0, _ => { });
        await using var browser = await HeadlessChromium.StartAsync(Patience);
        await browser.SetViewportAsync(1280, 900, mobile: false);
        await browser.NavigateAsync(server.Url);
        await browser.WaitForAsync("document.readyState === 'complete' && document.body.dataset.generation === '0' && !!document.querySelector('#grid .tile.focus')", Patience);

        // The grid: every photo has a tile; the picks view shows the selection in sequence order, with thumbnails.
        var picks = CuratedList().GetProperty("items").EnumerateArray().OrderBy(i => i.GetProperty("sequence").GetInt32()).Select(i => i.GetProperty("photo_id").GetString()!).ToList();
        Assert.Equal(ReviewedShoot.Count, (int)(await browser.EvaluateAsync("Array.from(document.querySelectorAll('#grid .tile')).filter(t => !t.hidden).length"))!);
        Assert.True((int)(await browser.EvaluateAsync("document.querySelectorAll('#grid .tile').length"))! > ReviewedShoot.Count);
        await browser.WaitForAsync("Array.from(document.querySelectorAll('#grid .tile:not([hidden]) img')).every(i => i.complete && i.naturalWidth > 0)", Patience);
        Assert.Equal(picks[0], await Focused(browser));
        await Press(browser, "ArrowRight");
        Assert.Equal(picks[1], await Focused(browser));

        // Loupe: Enter opens the ranking image from the server, fit to the window; Z shows it at 100 %.
        await Press(browser, "Enter");
        await browser.WaitForAsync("(() => { const i = document.querySelector('#loupe .pic img'); return !!i && i.complete && i.naturalWidth > 0; })()", Patience);
        Assert.StartsWith("/api/image?id=", (string)(await browser.EvaluateAsync("new URL(document.querySelector('#loupe .pic img').src).pathname + new URL(document.querySelector('#loupe .pic img').src).search"))!);
        var natural = (int)(await browser.EvaluateAsync("document.querySelector('#loupe .pic img').naturalWidth"))!;
        Assert.True(natural > Thumbnails.DefaultLongEdge, $"the loupe shows {natural} px: not the large image");
        Assert.Contains(_shoot.Photos.First(p => p.PhotoId == picks[1]).FileName, (string)(await browser.EvaluateAsync("document.querySelector('#loupe aside').textContent"))!);
        await Press(browser, "z");
        await browser.WaitForAsync("document.querySelector('#loupe').dataset.zoom !== '1'", TimeSpan.FromSeconds(10));
        var shown = (double)(await browser.EvaluateAsync("document.querySelector('#loupe .pic').getBoundingClientRect().width"))!;
        Assert.InRange(shown, natural - 2, natural + 2);
        await Press(browser, "Escape");
        Assert.Equal(0, (int)(await browser.EvaluateAsync("document.querySelectorAll('.overlay').length"))!);

        // Compare: a moment's frames side by side, the hero marked, zoom linked across them.
        var moment = MultiFrameMoment();
        Assert.NotNull(moment);
        await browser.EvaluateAsync("document.querySelector('#cull .view[data-view=all]').click()");
        await FocusOn(browser, moment!.Value.Other);
        await Press(browser, "c");
        await browser.WaitForAsync("document.querySelectorAll('#compare .cell').length >= 2 && Array.from(document.querySelectorAll('#compare .pic img')).every(i => i.complete && i.naturalWidth > 0)", Patience);
        Assert.Equal(Math.Min(4, moment.Value.Size), (int)(await browser.EvaluateAsync("document.querySelectorAll('#compare .cell').length"))!);
        Assert.Equal(1, (int)(await browser.EvaluateAsync("document.querySelectorAll('#compare .label .hero').length"))!);
        await browser.EvaluateAsync("(() => { const p = document.querySelector('#compare .pic'); const r = p.getBoundingClientRect(); p.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: r.left + r.width * 0.3, clientY: r.top + r.height * 0.6 })); })()");
        var transforms = (await browser.EvaluateAsync("Array.from(document.querySelectorAll('#compare .pic')).map(p => p.style.transform)"))!.AsArray().Select(t => (string)t!).ToList();
        Assert.All(transforms, t => Assert.Contains("scale(", t));
        Assert.Single(transforms.Select(t => t[t.IndexOf("scale(", StringComparison.Ordinal)..]).Distinct());
        Assert.DoesNotContain("scale(1)", transforms[0]);
        await Press(browser, "Escape");

        // P: a kept photo that was not picked is locked in and joins the list, without a reload.
        await browser.EvaluateAsync("window.__sameDocument = true");
        var outsider = _shoot.Photos.First(p => p.Score is { IsDropped: false } && !picks.Contains(p.PhotoId)).PhotoId;
        await FocusOn(browser, outsider);
        await Press(browser, "p");
        await Generation(browser, 1);
        Assert.Contains(outsider, Overrides().UserOverrides.LockIn);
        Assert.Contains(outsider, CuratedIds());
        Assert.True((bool)(await browser.EvaluateAsync("window.__sameDocument === true"))!, "the page reloaded");
        Assert.Equal(outsider, await Focused(browser));
        Assert.True((bool)(await browser.EvaluateAsync($"document.querySelector('#grid .tile[data-photo=' + {Js(JsonSerializer.Serialize(outsider))} + ']').classList.contains('locked')"))!);

        // X: a pick is rejected and leaves the list; U takes that back.
        var victim = CuratedIds().First(id => id != outsider);
        await FocusOn(browser, victim);
        await Press(browser, "x");
        await Generation(browser, 2);
        Assert.Contains(victim, Overrides().UserOverrides.Exclude);
        Assert.DoesNotContain(victim, CuratedIds());
        await Press(browser, "u");
        await Generation(browser, 3);
        Assert.DoesNotContain(victim, Overrides().UserOverrides.Exclude);
        Assert.Contains(victim, CuratedIds());
        Assert.Contains(outsider, Overrides().UserOverrides.LockIn);

        // 1–5: the person's stars reach the overrides file and the curated list; 0 gives them back.
        await FocusOn(browser, victim);
        var moduleStars = CuratedList().GetProperty("items").EnumerateArray().First(i => i.GetProperty("photo_id").GetString() == victim).GetProperty("rating").GetInt32();
        var mine = moduleStars == 2 ? 4 : 2;
        await Press(browser, mine.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Generation(browser, 4);
        Assert.Equal(mine, Overrides().Ratings![victim]);
        var item = CuratedList().GetProperty("items").EnumerateArray().First(i => i.GetProperty("photo_id").GetString() == victim);
        Assert.Equal(mine, item.GetProperty("rating").GetInt32());
        Assert.Equal(mine, XmpRating(victim));
        Assert.Contains(item.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("set by the user", StringComparison.Ordinal));
        Assert.Equal(mine, (int)(await browser.EvaluateAsync($"document.querySelector('#grid .tile[data-photo=' + {Js(JsonSerializer.Serialize(victim))} + '] .stars.user').textContent.length"))!);
        await Press(browser, "0");
        await Generation(browser, 5);
        Assert.Null(Overrides().Ratings);
        Assert.Equal(moduleStars, CuratedList().GetProperty("items").EnumerateArray().First(i => i.GetProperty("photo_id").GetString() == victim).GetProperty("rating").GetInt32());
        Assert.Equal(moduleStars, XmpRating(victim));

        // ? lists the keys.
        await Press(browser, "?");
        Assert.Contains("undo", (string)(await browser.EvaluateAsync("document.querySelector('#keys').textContent"))!);
        await Press(browser, "Escape");

        // The grid at desktop and phone widths: nothing wider than the screen.
        var desktop = await browser.ScreenshotAsync();
        await browser.SetViewportAsync(390, 844, mobile: true);
        await browser.WaitForAsync("document.documentElement.scrollWidth <= window.innerWidth + 1", TimeSpan.FromSeconds(10));
        var phone = await browser.ScreenshotAsync();
        Assert.True(desktop.Length > 20_000 && phone.Length > 10_000);
        if (Environment.GetEnvironmentVariable("PHOTOCURATION_SCREENSHOTS") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await File.WriteAllBytesAsync(Path.Combine(dir, "culling-1280.png"), desktop);
            await File.WriteAllBytesAsync(Path.Combine(dir, "culling-390.png"), phone);
        }
        Assert.Empty(browser.Dialogs);
    }

    [Fact]
    public async Task The_large_image_needs_the_token_and_a_photo_of_the_batch()
    {
        using var server = ReviewServer.Start(_shoot.Layout.Root, ReviewedShoot.BatchId, 0, _ => { });
        using var http = new HttpClient();
        var id = Uri.EscapeDataString(_shoot.Photos[0].PhotoId);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await http.GetAsync($"{server.Url}api/image?id={id}&t=wrong")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"{server.Url}api/image?id={Uri.EscapeDataString("../../etc/passwd")}&t={server.Token}")).StatusCode);
        var ok = await http.GetAsync($"{server.Url}api/image?id={id}&t={server.Token}");
        Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("image/jpeg", ok.Content.Headers.ContentType!.MediaType);
        var bytes = await ok.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, bytes[..2]);
    }

    private (string Other, int Size)? MultiFrameMoment()
    {
        var batch = ReviewBatch.Load(_shoot.Layout.Root, ReviewedShoot.BatchId);
        var moment = batch.Moments().FirstOrDefault(m => m.Members.Length >= 2);
        return moment is null ? null : (moment.Members[1].PhotoId, moment.Members.Length);
    }

    public void Dispose() => _shoot.Dispose();
}
