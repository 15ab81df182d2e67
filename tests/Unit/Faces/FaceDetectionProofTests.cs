using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Faces;

/// <summary>
/// BlazeFace on real photographs through the real detector: portraits found where the face is, skimage's
/// LFW subset (100 faces, 100 non-faces) and photos without a person. docs/algorithms.md#faces
/// </summary>
public sealed class FaceDetectionProofTests : IClassFixture<FaceDetectionProofTests.Detector>
{
    public sealed class Detector : IDisposable
    {
        public BlazeFaceDetector Model { get; } = BlazeFaceDetector.OpenCpu(FaceFixtures.ModelPath, intraOpThreads: 1);
        public void Dispose() => Model.Dispose();
    }

    private readonly BlazeFaceDetector _detector;
    private readonly ITestOutputHelper _output;

    public FaceDetectionProofTests(Detector detector, ITestOutputHelper output)
    {
        _detector = detector.Model;
        _output = output;
    }

    [FaceDataFact]
    public void Astronaut_OneFaceOnHerFace()
    {
        using var image = FaceFixtures.LoadStandardized(FaceFixtures.Fixture("astronaut.png"));
        var faces = _detector.Detect(image);
        foreach (var f in faces) _output.WriteLine($"{f.Left:0} {f.Top:0} {f.Right:0} {f.Bottom:0} {f.Score:0.000} eyes {f[FaceKeypoint.RightEye]} {f[FaceKeypoint.LeftEye]}");
        var face = Assert.Single(faces);
        Assert.True(face.Score > 0.7);
        // Her face spans about x 180–280, y 60–170 of the 512-px image (eyes near y 110).
        Assert.InRange(face.Center.X, 200, 260);
        Assert.InRange(face.Center.Y, 90, 150);
        Assert.InRange(face.Width, 70, 140);
        // The person's right eye is on the image's left, both above the nose, the nose above the mouth.
        Assert.True(face[FaceKeypoint.RightEye].X < face[FaceKeypoint.LeftEye].X);
        Assert.True(face[FaceKeypoint.RightEye].Y < face[FaceKeypoint.NoseTip].Y && face[FaceKeypoint.NoseTip].Y < face[FaceKeypoint.MouthCenter].Y);
    }

    [FaceDataFact]
    public void GraceHopperAndCameraman_OneFaceEach()
    {
        foreach (var name in new[] { "grace_hopper.png", "camera.png" })
        {
            using var image = FaceFixtures.LoadStandardized(FaceFixtures.Fixture(name));
            var faces = _detector.Detect(image);
            _output.WriteLine($"{name}: {string.Join(", ", faces.Select(f => $"{f.Score:0.000}@{f.Left:0},{f.Top:0} {f.Width:0}px"))}");
            Assert.Single(faces);
        }
    }

    /// <summary>
    /// Small faces need the tiles: a real face (astronaut's, Grace Hopper's) scaled to 32–200 px (40–200
    /// with the faster half-scale 512-px tiles) and set into a landscape at a seeded position of the
    /// 1024-px frame is found where it was put, and nothing else is found. The whole frame alone misses
    /// the smallest.
    /// </summary>
    [FaceDataTheory]
    [InlineData(256, 32)]
    [InlineData(512, 40)]
    public void Tiles_FindSmallFacesInA1024Frame(int tileSize, int smallest)
    {
        var options = new FaceDetectionOptions { TileSize = tileSize };
        var landscapes = Directory.GetFiles(FaceFixtures.Landscapes, "*.jpg").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var rng = new Random(3);
        int found = 0, total = 0, foundWhole = 0, extra = 0;
        foreach (var (source, fx, fy, fs) in new[] { ("astronaut.png", 170, 50, 120), ("grace_hopper.png", 150, 100, 220) })
        {
            using var portrait = Image.Load<Rgb24>(FaceFixtures.Fixture(source));
            var side = (int)(fs * 1.6);
            var region = new Rectangle(Math.Max(0, fx + fs / 2 - side / 2), Math.Max(0, fy + fs / 2 - side / 2), 0, 0);
            region.Width = Math.Min(side, portrait.Width - region.X);
            region.Height = Math.Min(side, portrait.Height - region.Y);
            using var head = portrait.Clone(x => x.Crop(region));
            foreach (var size in new[] { 32, 40, 48, 64, 96, 128, 160, 200 }.Where(s => s >= smallest))
            {
                using var frame = Image.Load<Rgb24>(landscapes[rng.Next(landscapes.Length)]);
                frame.Mutate(x => x.Resize(1024, 640));
                var scaled = (int)(head.Width * size / (double)fs);
                using var small = head.Clone(x => x.Resize(scaled, scaled));
                var at = new Point(rng.Next(0, 1024 - scaled), rng.Next(0, 640 - scaled));
                frame.Mutate(x => x.DrawImage(small, at, 1f));
                using var image = FeatureImage.FromImage(frame);
                var centre = new FacePoint(at.X + scaled / 2.0, at.Y + scaled / 2.0);
                bool Hit(FaceDetection f) => Math.Abs(f.Center.X - centre.X) < size / 2.0 && Math.Abs(f.Center.Y - centre.Y) < size / 2.0;
                var faces = _detector.Detect(image, options);
                total++;
                if (faces.Any(Hit)) found++;
                extra += faces.Count(f => !Hit(f));
                if (_detector.Detect(image, new FaceDetectionOptions { Tiles = false }).Any(Hit)) foundWhole++;
                _output.WriteLine($"{source} {size}px: {string.Join(", ", faces.Select(f => $"{f.Score:0.000}@{f.Left:0},{f.Top:0} {f.Width:0}px"))}");
            }
        }
        _output.WriteLine($"found {found}/{total} with tiles, {foundWhole}/{total} whole frame only, {extra} other detections");
        Assert.Equal(total, found);
        Assert.Equal(0, extra);
        Assert.True(foundWhole < total, "the whole frame alone should miss the smallest faces, or the tiles prove nothing");
    }

    /// <summary>
    /// The same ONNX file in OpenCV's cv2.dnn (Debian's python3-opencv) on the same input tensor gives
    /// the same raw outputs as ONNX Runtime here, within 1e-3: the graph is read the same way by two
    /// independent runtimes, so the decoding rests on the model and not on a runtime's quirk.
    /// </summary>
    [FaceDataFact]
    public void Parity_OpenCvDnnGivesTheSameRawOutputs()
    {
        using var image = FaceFixtures.LoadStandardized(FaceFixtures.Fixture("astronaut.png"));
        var tensor = FaceInputTensor.Create(image, FaceTiling.Windows(image.Width, image.Height)[0]);
        var ours = _detector.Run(tensor);
        var flat = ours.FineScores.Concat(ours.CoarseScores).Concat(ours.FineBoxes).Concat(ours.CoarseBoxes).ToArray();
        var theirs = FaceFixtures.RunOpenCvDnn(tensor);
        Assert.Equal(flat.Length, theirs.Length);
        var worst = flat.Zip(theirs, (a, b) => Math.Abs(a - b)).Max();
        _output.WriteLine($"{flat.Length} values, largest difference {worst:E2}");
        Assert.True(worst <= 1e-3, $"largest difference {worst}");
        // And the input decodes to a face in both.
        Assert.NotEmpty(ours.Decode(0.5));
    }

    [FaceDataFact]
    public void Lfw_FacesFoundNonFacesNot()
    {
        int faces = 0, nonFaces = 0;
        var whole = new FaceDetectionOptions { Tiles = false };
        for (var i = 0; i < 100; i++)
        {
            using var face = FaceFixtures.LoadStandardized(FaceFixtures.Fixture($"lfw/face_{i:000}.png"));
            var found = _detector.Detect(face, whole);
            if (found.Count > 0) faces++; else _output.WriteLine($"missed face {i}");
            using var other = FaceFixtures.LoadStandardized(FaceFixtures.Fixture($"lfw/nonface_{i:000}.png"));
            var wrong = _detector.Detect(other, whole);
            if (wrong.Count > 0) { nonFaces++; _output.WriteLine($"non-face {i}: {wrong[0].Score:0.000}"); }
        }
        _output.WriteLine($"faces {faces}/100, non-faces {nonFaces}/100");
        Assert.True(faces >= 95, $"{faces}/100 LFW faces found");
        Assert.True(nonFaces <= 2, $"{nonFaces}/100 LFW non-faces taken for faces");
    }

    [FaceDataFact]
    public void Landscapes_NoFace()
    {
        var files = Directory.GetFiles(FaceFixtures.Landscapes, "*.jpg").Concat(Directory.GetFiles(FaceFixtures.Fixture("nonface"), "*.png")).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var withFace = 0;
        foreach (var file in files)
        {
            using var image = FaceFixtures.LoadStandardized(file);
            var found = _detector.Detect(image);
            _output.WriteLine($"{Path.GetFileName(file)} {image.Width}x{image.Height}: {found.Count} {string.Join(", ", found.Select(f => $"{f.Score:0.000}@{f.Left:0},{f.Top:0} {f.Width:0}px"))}");
            if (found.Count > 0) withFace++;
        }
        Assert.True(withFace <= files.Count * 0.05, $"{withFace}/{files.Count} photos without a person got a face");
    }
}
