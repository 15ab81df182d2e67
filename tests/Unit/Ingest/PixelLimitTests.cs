using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>docs/architecture.md#inputs-that-must-work: an image declaring more pixels than the limit is refused from its header, before any decode.</summary>
public sealed class PixelLimitTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void A_png_header_declaring_900_megapixels_is_refused_under_the_default_limit()
    {
        var path = _temp.File("bomb.png");
        File.WriteAllBytes(path, PngBuilder.HeaderOnly(30000, 30000));
        var ex = Assert.Throws<PhotoInputException>(() => new PhotoInspector(250).Inspect(path));
        Assert.Equal(PhotoErrorIds.PixelLimitExceeded, ex.ErrorId);
        Assert.Equal(PhotoProblem.LimitExceeded, ex.Problem);
        Assert.Equal(path, ex.FilePath);
        Assert.Contains("30000×30000", ex.Message);
        Assert.Contains("250 MP", ex.Message);
    }

    [Fact]
    public void A_jpeg_frame_header_declaring_huge_dimensions_is_refused_by_ingest_and_preprocess()
    {
        var real = File.ReadAllBytes(TestImages.WriteJpeg(_temp.File("real.jpg"), 64, 48));
        var path = _temp.File("bomb.jpg");
        File.WriteAllBytes(path, JpegEdit.WithDeclaredSize(real, 60000, 60000));
        var ex = Assert.Throws<PhotoInputException>(() => TestImages.Inspect(path));
        Assert.Equal(PhotoErrorIds.PixelLimitExceeded, ex.ErrorId);

        // Preprocess checks again from the bytes it reads (a photo object may come from an older stage file).
        var photo = new Photo { Path = path, FileName = "bomb.jpg", PhotoId = Hashing.PhotoId(File.ReadAllBytes(path)) };
        var preprocessor = new Preprocessor(new WorkspaceLayout(_temp.File("ws")), new PreprocessOptions());
        var again = Assert.Throws<PhotoInputException>(() => preprocessor.Process(photo));
        Assert.Equal(PhotoErrorIds.PixelLimitExceeded, again.ErrorId);
        Assert.False(Directory.Exists(_temp.File("ws/data/input")) && Directory.EnumerateFiles(_temp.File("ws/data/input"), "*", SearchOption.AllDirectories).Any());
    }

    [Theory]
    [InlineData(2000, 1000, 2.0, false)]   // exactly at the limit is allowed
    [InlineData(2000, 1001, 2.0, true)]
    [InlineData(1, 1, 0.000001, false)]
    public void The_limit_is_inclusive(int width, int height, double limit, bool refused)
    {
        var path = _temp.File($"{width}x{height}.png");
        File.WriteAllBytes(path, PngBuilder.HeaderOnly(width, height));
        var inspect = () => new PhotoInspector(limit).Inspect(path);
        if (refused) Assert.Equal(PhotoErrorIds.PixelLimitExceeded, Assert.Throws<PhotoInputException>(inspect).ErrorId);
        else Assert.Equal(width, inspect().Width);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void The_limit_must_be_positive(double limit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhotoInspector(limit));

    public void Dispose() => _temp.Dispose();
}
