using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Faces;

/// <summary>
/// Face measures on real portraits through the real detector: the face alone blurred or darkened moves
/// the face's own measures; a mirrored face turns the other way. docs/algorithms.md#faces
/// </summary>
public sealed class FaceMeasuresTests : IClassFixture<FaceDetectionProofTests.Detector>
{
    private readonly BlazeFaceDetector _detector;
    private readonly ITestOutputHelper _output;

    public FaceMeasuresTests(FaceDetectionProofTests.Detector detector, ITestOutputHelper output)
    {
        _detector = detector.Model;
        _output = output;
    }

    private static FeatureImage Edited(string name, Rectangle face, Action<IImageProcessingContext, Rectangle> edit)
    {
        using var image = Image.Load<Rgb24>(FaceFixtures.Fixture(name));
        image.Mutate(x => edit(x, Rectangle.Intersect(face, image.Bounds())));
        return FeatureImage.FromImage(image);
    }

    private static Rectangle Around(FaceDetection f, double grow) =>
        Rectangle.FromLTRB((int)(f.Left - grow * f.Width), (int)(f.Top - grow * f.Height), (int)(f.Right + grow * f.Width), (int)(f.Bottom + grow * f.Height));

    /// <summary>Multiplies linear light by 2^ev inside the rectangle.</summary>
    private static void Exposure(IImageProcessingContext x, Rectangle r, double ev)
    {
        var factor = (float)Math.Pow(2, ev);
        x.ProcessPixelRowsAsVector4(row =>
        {
            for (var i = 0; i < row.Length; i++)
            {
                static float Lin(float c) => c <= 0.04045f ? c / 12.92f : MathF.Pow((c + 0.055f) / 1.055f, 2.4f);
                static float Enc(float c) => c <= 0.0031308f ? c * 12.92f : 1.055f * MathF.Pow(c, 1 / 2.4f) - 0.055f;
                row[i] = new System.Numerics.Vector4(Enc(Lin(row[i].X) * factor), Enc(Lin(row[i].Y) * factor), Enc(Lin(row[i].Z) * factor), row[i].W);
            }
        }, r);
    }

    [FaceDataFact]
    public void BlurredOrDarkenedFace_LosesFaceDetailOrExposure()
    {
        foreach (var name in new[] { "astronaut.png", "grace_hopper.png" })
        {
            using var original = FeatureImage.Load(FaceFixtures.Fixture(name));
            var face = Assert.Single(_detector.Detect(original));
            var region = Around(face, 0.1);
            using var blurred = Edited(name, region, (x, r) => x.GaussianBlur(3f, r));
            using var darkened = Edited(name, region, (x, r) => Exposure(x, r, -1.5));
            var faces = new[] { face };
            var o = FaceMeasures.Measure(original, faces)[0];
            var b = FaceMeasures.Measure(blurred, faces)[0];
            var d = FaceMeasures.Measure(darkened, faces)[0];
            _output.WriteLine($"{name}: sharp {o.Sharpness:0.00}/{b.Sharpness:0.00}/{d.Sharpness:0.00} ratio {o.SharpnessRatio:0.00}/{b.SharpnessRatio:0.00} eye {o.EyeSharpness:0.00}/{b.EyeSharpness:0.00} ev {o.ExposureEv:0.00}/{d.ExposureEv:0.00} luma {o.Luma:0.00}/{d.Luma:0.00} yaw {o.Yaw:0.0} share {o.Share:0.000}");
            // The measure is log1p(1000 × Tenengrad): 0.7 lower is half the raw detail, 0.5 lower 40 % less.
            Assert.True(b.Sharpness < o.Sharpness - 0.7, "blurred face keeps its detail");
            Assert.True(b.SharpnessRatio < 0.6 * o.SharpnessRatio, "blurred face keeps its share of the frame's detail");
            Assert.True(b.EyeSharpness < o.EyeSharpness - 0.5, "blurred eyes keep their detail");
            // Darkening is a tone change, not blur: detail (contrast-normalized) stays close.
            Assert.InRange(d.Sharpness, o.Sharpness - 0.3, o.Sharpness + 0.3);
            // The face's own luminance drops by exactly 1.5 EV (bar clipping); the frame's drops a little with it.
            Assert.InRange(Math.Log2(FaceMeasures.LinearLuminance(darkened, Box(face, original)) / FaceMeasures.LinearLuminance(original, Box(face, original))), -1.6, -1.35);
            Assert.True(d.ExposureEv < o.ExposureEv - 1.0, $"face exposure {o.ExposureEv:0.00} → {d.ExposureEv:0.00} EV");
            Assert.True(d.Luma < o.Luma);
            Assert.Equal((double)Box(face, original).Area / original.PixelCount, o.Share, 9);
            Assert.Equal(EyeState.Unknown, o.EyeState);
        }
    }

    private static PixelRegion Box(FaceDetection f, FeatureImage image) => PixelRegion.Clamp(f.Left, f.Top, f.Right, f.Bottom, image.Width, image.Height);

    [FaceDataFact]
    public void Yaw_FrontalNearZero_MirrorTurnsTheOtherWay()
    {
        // The cameraman looks sideways into his camera: turned well past 30°, the portraits face the lens.
        foreach (var (name, turned) in new[] { ("astronaut.png", false), ("grace_hopper.png", false), ("camera.png", true) })
        {
            using var original = FeatureImage.Load(FaceFixtures.Fixture(name));
            using var mirrored = Edited(name, new Rectangle(0, 0, 4096, 4096), (x, _) => x.Flip(FlipMode.Horizontal));
            var a = FaceYaw.Estimate(Assert.Single(_detector.Detect(original)));
            var b = FaceYaw.Estimate(Assert.Single(_detector.Detect(mirrored)));
            _output.WriteLine($"{name}: yaw {a:0.0} mirrored {b:0.0}");
            if (turned) Assert.True(Math.Abs(a) > 30); else Assert.InRange(Math.Abs(a), 0, 15);
            Assert.InRange(a + b, -6, 6);
        }
    }

    [Fact]
    public void Yaw_FromKeypointGeometry()
    {
        // Eyes at x 40/60, ears at 20/80: nose at 50 → 0°, at 80 → atan(30/30) = 45°, rolled 90° → the same.
        FaceDetection Face(double noseX) => new(0, 0, 100, 100, new[] { new FacePoint(40, 40), new FacePoint(60, 40), new FacePoint(noseX, 60), new FacePoint(50, 80), new FacePoint(20, 50), new FacePoint(80, 50) }, 0.9);
        Assert.Equal(0, FaceYaw.Estimate(Face(50)), 9);
        Assert.Equal(45, FaceYaw.Estimate(Face(80)), 9);
        Assert.Equal(-45, FaceYaw.Estimate(Face(20)), 9);
        var f = Face(80);
        var rolled = f.Map(p => new FacePoint(-p.Y, p.X));
        Assert.Equal(45, FaceYaw.Estimate(rolled), 9);
    }

    [FaceDataFact]
    public void Analyzer_GivesTheContractRecord()
    {
        using var detector = BlazeFaceDetector.OpenCpu(FaceFixtures.ModelPath);
        var analyzer = new FaceAnalyzer(detector);
        using var image = FaceFixtures.LoadStandardized(FaceFixtures.Fixture("astronaut.png"));
        var face = Assert.Single(analyzer.Analyze(image));
        Assert.Equal("unknown", face.EyeState);
        Assert.Null(face.EyesClosedProbability);
        Assert.Equal(12, face.Keypoints.Length);
        Assert.InRange(face.X, 0.3, 0.5);
        Assert.InRange(face.Width, 0.12, 0.3);
        Assert.True(face.Confidence > 0.7 && face.Sharpness > 0 && face.Share > 0.01);
        // Deterministic: the same frame gives the same record.
        var again = Assert.Single(analyzer.Analyze(image));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(face), System.Text.Json.JsonSerializer.Serialize(again));
    }
}
