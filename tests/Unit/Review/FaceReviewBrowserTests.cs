using System.Text.Json;
using PhotoCuration.Engine.Review;
using PhotoCuration.Tests.Faces;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Review;

/// <summary>
/// Face boxes on the review page, in a real browser (Debian's chromium, headless, over the DevTools
/// protocol), for a real face photo (<see cref="FaceShoot"/>: skimage's astronaut and two edited frames
/// through every stage with the shipped face model): the main face's box sits where the face stage put
/// it on the thumbnail and on the astronaut's face, it is drawn (its green edge is in the screenshot at
/// that place), the switch hides it, the why-cards carry the face lines and the moment's face reasons,
/// and the loupe draws the box on its large image with the face lines beside it.
/// </summary>
public sealed class FaceReviewBrowserTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly ITestOutputHelper _output;

    public FaceReviewBrowserTests(ITestOutputHelper output) => _output = output;

    private static string Js(string text) => JsonSerializer.Serialize(text);

    [FaceBrowserFact]
    public async Task Face_boxes_sit_on_the_face_and_the_why_cards_give_face_reasons()
    {
        using var shoot = new FaceShoot();
        var hero = shoot.Photo("a_original.jpg");
        var face = hero.Faces![0];
        using var server = ReviewServer.Start(shoot.Layout.Root, FaceShoot.BatchId, 0, _ => { });
        await using var browser = await HeadlessChromium.StartAsync(Patience);
        await browser.SetViewportAsync(1280, 900, mobile: false);
        await browser.NavigateAsync(server.Url);
        await browser.WaitForAsync("document.readyState === 'complete'", Patience);

        // The main face box of the hero's why-card, against its picture, in CSS pixels.
        var card = $"article.card[data-photo=\"{hero.PhotoId}\"]";
        await browser.EvaluateAsync($"document.querySelector({Js(card)}).scrollIntoView({{ block: 'center' }})");
        await browser.WaitForAsync($"(() => {{ const i = document.querySelector({Js(card + " .thumb .faced img")}); return i.complete && i.naturalWidth > 0; }})()", Patience);
        var geometry = await browser.EvaluateAsync($$"""
            (() => {
              const card = document.querySelector({{Js(card)}});
              const img = card.querySelector('.thumb .faced img').getBoundingClientRect();
              const box = card.querySelector('.thumb .facebox.main').getBoundingClientRect();
              return JSON.stringify({ il: img.left, it: img.top, iw: img.width, ih: img.height, bl: box.left, bt: box.top, bw: box.width, bh: box.height });
            })()
            """);
        var g = JsonDocument.Parse((string)geometry!).RootElement;
        double D(string name) => g.GetProperty(name).GetDouble();
        _output.WriteLine(geometry!.ToString());
        Assert.True(D("iw") > 100 && D("ih") > 100, "the thumbnail is drawn");
        // Where the face stage put it, within a pixel and a half.
        Assert.InRange(D("bl") - D("il"), face.X * D("iw") - 1.5, face.X * D("iw") + 1.5);
        Assert.InRange(D("bt") - D("it"), face.Y * D("ih") - 1.5, face.Y * D("ih") + 1.5);
        Assert.InRange(D("bw"), face.Width * D("iw") - 1.5, face.Width * D("iw") + 1.5);
        Assert.InRange(D("bh"), face.Height * D("ih") - 1.5, face.Height * D("ih") + 1.5);
        // And on her face: in skimage's 512-px astronaut the face spans about x 180–280, y 60–170.
        var cx = (D("bl") - D("il") + D("bw") / 2) / D("iw");
        var cy = (D("bt") - D("it") + D("bh") / 2) / D("ih");
        Assert.InRange(cx, 200 / 512.0, 260 / 512.0);
        Assert.InRange(cy, 90 / 512.0, 150 / 512.0);

        // Drawn: the box's left edge, halfway down, is the main-face green in the screenshot.
        var edge = new Point((int)Math.Round(D("bl") + 0.5), (int)Math.Round(D("bt") + D("bh") / 2));
        Assert.True(IsGreen(await browser.ScreenshotAsync(), edge), "the main face box is not drawn where it was placed");

        // The switch hides every box.
        await browser.EvaluateAsync("document.getElementById('show-faces').click()");
        Assert.True((bool)(await browser.EvaluateAsync("document.body.classList.contains('nofaces') && Array.from(document.querySelectorAll('.facebox')).every(b => getComputedStyle(b).display === 'none')"))!);
        Assert.False(IsGreen(await browser.ScreenshotAsync(), edge), "the box still shows after the switch");
        await browser.EvaluateAsync("document.getElementById('show-faces').click()");
        Assert.True((bool)(await browser.EvaluateAsync("getComputedStyle(document.querySelector('.facebox')).display !== 'none'"))!);

        // Why-cards: the main face's measures and eye state; the moment's face reasons where the ranking gave them.
        var heroNotes = (string)(await browser.EvaluateAsync($"document.querySelector({Js(card + " ul.faces")}).innerText"))!;
        _output.WriteLine(heroNotes);
        Assert.Contains("1 face; main face", heroNotes);
        Assert.Contains("eye state unknown (no eye model installed)", heroNotes);
        foreach (var (file, words) in new[] { ("b_face_blurred.jpg", "face softer than"), ("c_face_dark.jpg", "face darker than") })
        {
            var id = shoot.Photo(file).PhotoId;
            var text = (string)(await browser.EvaluateAsync($"Array.from(document.querySelectorAll('article.card[data-photo=\"{id}\"] ul.faces, #moments figure[data-photo=\"{id}\"] .why')).map(e => e.innerText).join(' | ')"))!;
            _output.WriteLine($"{file}: {text}");
            Assert.Contains(words, text);
        }
        // The loupe (the large image from the server) draws the same box and lists the face lines.
        await browser.EvaluateAsync($"document.querySelector({Js($"#grid .tile[data-photo=\"{hero.PhotoId}\"]")}).dispatchEvent(new MouseEvent('dblclick', {{ bubbles: true }}))");
        await browser.WaitForAsync("(() => { const i = document.querySelector('#loupe .pic img'); return !!i && i.complete && i.naturalWidth > 0; })()", Patience);
        var loupe = JsonDocument.Parse((string)(await browser.EvaluateAsync("""
            (() => {
              const pic = document.querySelector('#loupe .pic').getBoundingClientRect();
              const box = document.querySelector('#loupe .pic .face').getBoundingClientRect();
              return JSON.stringify({ x: (box.left - pic.left) / pic.width, y: (box.top - pic.top) / pic.height, aside: document.querySelector('#loupe aside').innerText });
            })()
            """))!).RootElement;
        Assert.InRange(loupe.GetProperty("x").GetDouble(), face.X - 0.01, face.X + 0.01);
        Assert.InRange(loupe.GetProperty("y").GetDouble(), face.Y - 0.01, face.Y + 0.01);
        Assert.Contains("eye state unknown (no eye model installed)", loupe.GetProperty("aside").GetString());
        Assert.Empty(browser.Dialogs);
    }

    /// <summary>Whether the screenshot pixel at <paramref name="at"/> (or one beside it) is the main box's green (#00e676).</summary>
    private static bool IsGreen(byte[] png, Point at)
    {
        using var image = Image.Load<Rgb24>(png);
        for (var dx = -1; dx <= 1; dx++)
        {
            var p = image[Math.Clamp(at.X + dx, 0, image.Width - 1), Math.Clamp(at.Y, 0, image.Height - 1)];
            if (p.G > 180 && p.R < 90 && p.B < 160) return true;
        }
        return false;
    }
}

/// <summary>A browser fact on the face fixtures: skipped when chromium or the Python face data is missing, unless CI requires them.</summary>
public sealed class FaceBrowserFactAttribute : FactAttribute
{
    public FaceBrowserFactAttribute()
    {
        var browser = HeadlessChromium.Executable is null && Environment.GetEnvironmentVariable(HeadlessChromium.RequireVariable) != "1";
        var faces = FaceFixtures.MissingReason is not null && Environment.GetEnvironmentVariable(FaceFixtures.RequireVariable) != "1";
        if (browser) Skip = "chromium is not installed (apt-get install chromium); CI sets " + HeadlessChromium.RequireVariable + "=1 and fails instead";
        else if (faces) Skip = FaceFixtures.MissingReason + "; CI sets " + FaceFixtures.RequireVariable + "=1 and fails instead";
    }
}
