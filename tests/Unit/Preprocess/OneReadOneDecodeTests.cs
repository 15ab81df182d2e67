using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Faces;
using PhotoCuration.Tests.Scoring;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>
/// One read per original and one decode per photo when ingest, preprocess and features run as one
/// stream (the curation session; docs/architecture.md#one-read-one-decode): preprocess decodes the bytes
/// ingest hashed, features decode the standardized JPEG preprocess handed over in memory, and faces look
/// at the pixels features decoded.
/// </summary>
public sealed class OneReadOneDecodeTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly ITestOutputHelper _output;

    public OneReadOneDecodeTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// The original is replaced on disk after ingest read it: preprocess with the handed-over bytes
    /// still makes the images of what ingest saw (it never read the file again), byte-identical to a
    /// preprocess of those bytes from disk; without the handoff it reads the file and refuses the change.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Preprocess_decodes_the_bytes_ingest_read(bool shrinkOnLoad)
    {
        var path = _temp.File("frame.jpg");
        using (var frame = TestImages.Texture(2600, 1700, seed: 3)) TestImages.SaveJpeg(frame, path, 92);
        var reference = _temp.File("reference.jpg");
        File.Copy(path, reference);

        var originals = new Handoff<byte[]>();
        var photo = new PhotoInspector().Inspect(path, CancellationToken.None, originals.Put);
        Assert.Equal(1, originals.Count);
        using (var other = TestImages.Texture(2600, 1700, seed: 4)) TestImages.SaveJpeg(other, path, 92);

        var handed = new Preprocessor(new WorkspaceLayout(_temp.File("ws-handed")), new PreprocessOptions()) { Originals = originals, UseShrinkOnLoad = shrinkOnLoad }.Process(photo);
        Assert.Equal(0, originals.Count);
        var fromDisk = new Preprocessor(new WorkspaceLayout(_temp.File("ws-disk")), new PreprocessOptions()) { UseShrinkOnLoad = shrinkOnLoad }
            .Process(new PhotoInspector().Inspect(reference));
        Assert.Equal(File.ReadAllBytes(fromDisk.RankingPath), File.ReadAllBytes(handed.RankingPath));
        Assert.Equal(File.ReadAllBytes(fromDisk.StandardizedPath), File.ReadAllBytes(handed.StandardizedPath));

        var error = Assert.Throws<PhotoInputException>(() =>
            new Preprocessor(new WorkspaceLayout(_temp.File("ws-reread")), new PreprocessOptions()) { UseShrinkOnLoad = shrinkOnLoad }.Process(photo));
        Assert.Equal(PhotoErrorIds.FileChanged, error.ErrorId);
    }

    [Fact]
    public void Ingest_hashes_the_bytes_it_hands_over()
    {
        var path = TestImages.WriteJpeg(_temp.File("small.jpg"));
        var originals = new Handoff<byte[]>();
        var photo = new PhotoInspector().Inspect(path, CancellationToken.None, originals.Put);
        var bytes = originals.Take(photo.Path);
        Assert.NotNull(bytes);
        Assert.Equal(File.ReadAllBytes(path), bytes);
        Assert.Equal(Hashing.PhotoId(bytes!), photo.PhotoId);
        Assert.Equal(photo.PhotoId, new PhotoInspector().Inspect(path).PhotoId);
    }

    public static IEnumerable<object[]> Sources()
    {
        foreach (var name in CalibrationPhotos.Real().Take(3)) yield return new object[] { name, true };
        yield return new object[] { "scene:Mountains", true };
        yield return new object[] { "scene:Lake", false };
    }

    /// <summary>
    /// Features measured on the standardized JPEG preprocess handed over in memory equal, to the last
    /// digit, those measured on the file it wrote (a second workspace: outputs are byte-stable), on both
    /// decoder paths. Measuring the pixels before the JPEG encode instead would have saved the small
    /// decode but moved the features the gate and moments are calibrated on (the wavelet noise sigma by
    /// up to 2.4× on these photos: q92 quantisation removes fine noise); docs/architecture.md#one-read-one-decode.
    /// </summary>
    [Theory]
    [MemberData(nameof(Sources))]
    public void Features_from_the_handed_jpeg_equal_those_from_the_file(string source, bool shrinkOnLoad)
    {
        var name = source.Replace(':', '_');
        var path = _temp.File(name + (source.EndsWith(".jpg", StringComparison.Ordinal) ? "" : ".jpg"));
        using (var frame = CalibrationPhotos.Load(source)) frame.SaveAsJpeg(path, new JpegEncoder { Quality = 92, ColorType = JpegColorType.YCbCrRatio420 });
        var photo = new PhotoInspector().Inspect(path);
        var handoff = new Handoff<byte[]>();
        var layout = new WorkspaceLayout(_temp.File("ws-" + name));
        photo.Preprocess = new Preprocessor(layout, new PreprocessOptions()) { StandardizedJpeg = handoff, UseShrinkOnLoad = shrinkOnLoad }.Process(photo);
        var jpeg = handoff.Take(photo.Path);
        Assert.NotNull(jpeg);
        Assert.Equal(File.ReadAllBytes(photo.Preprocess.StandardizedPath), jpeg);
        var fromMemory = new FeatureStage(layout) { StandardizedJpeg = new Handoff<byte[]>() }.Process(photo, jpeg);

        var other = new WorkspaceLayout(_temp.File("ws-file-" + name));
        var again = new PhotoInspector().Inspect(path);
        again.Preprocess = new Preprocessor(other, new PreprocessOptions()) { UseShrinkOnLoad = shrinkOnLoad }.Process(again);
        var fromFile = new FeatureStage(other).Process(again);
        Assert.False(fromMemory.FromCache);
        Assert.False(fromFile.FromCache);
        fromMemory.SaliencyPath = fromFile.SaliencyPath = null;
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(fromFile), System.Text.Json.JsonSerializer.Serialize(fromMemory));
    }

    /// <summary>
    /// On a real portrait (skimage's astronaut) through the real face model: the faces found on the
    /// standardized pixels features handed over equal, to the last digit, those found by decoding the
    /// standardized file in a second workspace; the handoff is emptied by the face stage, and a cached
    /// look takes (and releases) the pixels too.
    /// </summary>
    [FaceDataFact]
    public void Faces_from_the_pixels_features_decoded_equal_those_from_the_file()
    {
        var path = _temp.File("astronaut.jpg");
        using (var astronaut = Image.Load<Rgb24>(FaceFixtures.Fixture("astronaut.png"))) astronaut.SaveAsJpeg(path, new JpegEncoder { Quality = 92, ColorType = JpegColorType.YCbCrRatio420 });
        var catalog = new ModelCatalog(ModelSearchPath.Roots(null, Path.Combine(AppContext.BaseDirectory, "models"), environment: ""));
        var (analyzer, modelId) = FaceStage.Open(catalog, ModelDevice.Cpu, 1);
        using (analyzer)
        {
            Assert.NotNull(analyzer);
            var layout = new WorkspaceLayout(_temp.File("ws-pixels"));
            var jpegs = new Handoff<byte[]>();
            var pixels = new Handoff<FeatureImage>();
            var photo = new PhotoInspector().Inspect(path);
            photo.Preprocess = new Preprocessor(layout, new PreprocessOptions()) { StandardizedJpeg = jpegs }.Process(photo);
            photo.Features = new FeatureStage(layout) { StandardizedJpeg = jpegs, StandardizedPixels = pixels }.Process(photo);
            Assert.Equal(1, pixels.Count);
            var stage = new FaceStage(layout, analyzer, modelId) { StandardizedPixels = pixels };
            var fromPixels = stage.Process(photo);
            Assert.Equal(0, pixels.Count);
            Assert.False(fromPixels.FromCache);

            var other = new WorkspaceLayout(_temp.File("ws-file"));
            var again = new PhotoInspector().Inspect(path);
            again.Preprocess = new Preprocessor(other, new PreprocessOptions()).Process(again);
            var fromFile = new FaceStage(other, analyzer, modelId).Process(again);
            Assert.False(fromFile.FromCache);
            Assert.Single(fromFile.Faces!);
            Assert.Equal(StageJson.Serialize(fromFile.Faces), StageJson.Serialize(fromPixels.Faces));

            // Pixels handed over for a photo whose faces are cached are taken and released all the same.
            pixels.Put(photo.Path, FeatureImage.Load(photo.Preprocess.StandardizedPath));
            Assert.True(stage.Process(photo).FromCache);
            Assert.Equal(0, pixels.Count);
        }
    }

    public void Dispose() => _temp.Dispose();
}
