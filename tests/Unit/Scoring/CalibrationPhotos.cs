using PhotoCuration.Engine.Samples;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Tests.Scoring;

/// <summary>
/// Sources for calibration: real photographs from Debian's mate-backgrounds package when installed
/// (.ci/run installs it), and always three rendered scenes from the sample shoot.
/// </summary>
public static class CalibrationPhotos
{
    public const string DebianPhotos = "/usr/share/backgrounds/mate/nature";

    /// <summary>Photos with a sharp subject on a soft, out-of-focus background.</summary>
    public static readonly IReadOnlySet<string> ShallowDepthOfField = new HashSet<string> { "FreshFlower.jpg", "LadyBird.jpg", "YellowFlower.jpg", "TwoWings.jpg" };

    /// <summary>
    /// Photos with one subject inside the frame, to cut at the edge: the water drop, the marigold, the
    /// dandelion seeds, the fresh flower. Not LadyBird: its saliency centroid lies on the stem, away from
    /// the small beetle, so the crop through the centroid removes the beetle instead of cutting it. Not
    /// YellowFlower: the flower already runs off the bottom and right edges, so no crop keeps it whole.
    /// </summary>
    public static readonly IReadOnlySet<string> SingleSubject = new HashSet<string> { "Aqua.jpg", "FreshFlower.jpg", "Garden.jpg", "TwoWings.jpg" };

    /// <summary>Landscapes with a horizon and nothing cut by the frame: sky and ground, road and rail run across it.</summary>
    public static readonly IReadOnlySet<string> Landscapes = new HashSet<string> { "Dune.jpg", "Storm.jpg" };

    public static IEnumerable<object[]> All()
    {
        foreach (var name in Real()) yield return new object[] { name };
        yield return new object[] { "scene:Mountains" };
        yield return new object[] { "scene:Lake" };
        yield return new object[] { "scene:Portrait" };
    }

    public static IEnumerable<string> Real() => Directory.Exists(DebianPhotos)
        ? Directory.EnumerateFiles(DebianPhotos, "*.jpg").Select(Path.GetFileName).OfType<string>().OrderBy(n => n, StringComparer.Ordinal)
        : Enumerable.Empty<string>();

    public static Image<Rgb24> Load(string name)
    {
        if (name.StartsWith("scene:", StringComparison.Ordinal))
        {
            var kind = Enum.Parse<SampleShootGenerator.SceneKind>(name[6..]);
            var frame = SampleShootGenerator.Plan().First(f => f.Scene == kind && f.Orientation == 1 && f.BlurSigma == 0 && f.Exposure >= 0.9f);
            return new SampleShootGenerator(1600, 1067).Render(frame);
        }
        return Image.Load<Rgb24>(Path.Combine(DebianPhotos, name));
    }
}
