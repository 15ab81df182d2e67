using System.Diagnostics;
using System.Globalization;
using PhotoCuration.Engine.Models;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Models;

/// <summary>
/// The engine's BRISQUE against OpenCV's own <c>QualityBRISQUE</c> (Debian's python3-opencv and
/// opencv-data) on the same pixels: each photo is written once as a PNG, which both decode to the
/// same 8-bit RGB. Real photos from mate-backgrounds at sizes of every width mod 8, each also with
/// blown highlights (+1.3 EV, clipped) and crushed shadows (−2 EV), where the variance of flat
/// areas rounds negative and OpenCV's NaN pixels leave the fit; plus the package's flat graphics.
/// </summary>
public sealed class BrisqueParityTests : IDisposable
{
    private const string Backgrounds = "/usr/share/backgrounds/mate";
    private readonly TempFolder _temp = new();
    private readonly ITestOutputHelper _output;

    public BrisqueParityTests(ITestOutputHelper output) => _output = output;

    private IReadOnlyList<(string Name, string Path, bool Photo)> Images()
    {
        var photos = Directory.EnumerateFiles(Path.Combine(Backgrounds, "nature"), "*.jpg")
            .Append(Path.Combine(Backgrounds, "abstract", "Elephants.jpg"))
            .Append(Path.Combine(Backgrounds, "desktop", "GreenTraditional.jpg"))
            .Where(File.Exists).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var graphics = Directory.EnumerateFiles(Backgrounds, "*.png", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var result = new List<(string, string, bool)>();
        var index = 0;
        foreach (var source in photos.Concat(graphics))
        {
            var photo = index < photos.Count;
            using var image = Image.Load<Rgb24>(source);
            // Widths 801…, one of each residue mod 8 and mod 4 in turn (OpenCV's SIMD remainders).
            var width = 801 + 3 * index++;
            image.Mutate(c => c.Resize(width, 0));
            var name = Path.GetFileNameWithoutExtension(source);
            result.Add((name, Save(image, name), photo));
            if (!photo) continue;
            foreach (var (suffix, gain) in new[] { ("bright", 2.5f), ("dark", 0.25f) })
            {
                using var edited = image.Clone(c => c.ProcessPixelRowsAsVector4(row =>
                {
                    for (var x = 0; x < row.Length; x++) row[x] = System.Numerics.Vector4.Clamp(row[x] * new System.Numerics.Vector4(gain, gain, gain, 1), System.Numerics.Vector4.Zero, System.Numerics.Vector4.One);
                }));
                result.Add(($"{name}-{suffix}", Save(edited, $"{name}-{suffix}"), true));
            }
        }
        return result;
    }

    private string Save(Image<Rgb24> image, string name)
    {
        var path = _temp.File($"{name}.png");
        image.SaveAsPng(path);
        return path;
    }

    [OpenCvFact]
    public void Engine_matches_OpenCV_QualityBRISQUE_on_real_photos_with_flat_and_clipped_areas()
    {
        Assert.True(OpenCvPython.Missing is null, $"OpenCV reference unavailable under CI: {OpenCvPython.Missing}");
        Assert.True(Directory.Exists(Backgrounds), $"{Backgrounds} is missing (apt-get install mate-backgrounds; .ci/run does)");
        var images = Images();
        Assert.True(images.Count(i => i.Photo) >= 30, $"only {images.Count(i => i.Photo)} photos");

        var reference = OpenCvPython.Brisque(images.Select(i => i.Path).ToList());
        var model = BrisqueModel.Load(OpenCvPython.BrisqueModel);
        var clock = Stopwatch.StartNew();
        var engine = images.Select(i => model.Score(i.Path)).ToArray();
        var perImage = clock.Elapsed.TotalMilliseconds / images.Count;

        var deltas = new List<double>();
        for (var i = 0; i < images.Count; i++)
        {
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{images[i].Name,-40} opencv {reference[i],8:F3} engine {engine[i],8:F3}"));
            Assert.True(double.IsNaN(reference[i]) == double.IsNaN(engine[i]), $"{images[i].Name}: OpenCV {reference[i]}, engine {engine[i]}");
            if (!double.IsNaN(reference[i])) deltas.Add(Math.Abs(reference[i] - engine[i]));
        }
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{deltas.Count} images: mean |Δ| {deltas.Average():F4}, max |Δ| {deltas.Max():F4}, engine {perImage:F0} ms per image"));
        Assert.True(deltas.Count >= 30, $"only {deltas.Count} finite scores");
        Assert.True(deltas.Average() <= 0.2, $"mean |Δ| {deltas.Average():F3} > 0.2");
        Assert.True(deltas.Max() <= 1.5, $"max |Δ| {deltas.Max():F3} > 1.5");
    }

    public void Dispose() => _temp.Dispose();
}
