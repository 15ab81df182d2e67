using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

public sealed class PreprocessorTests : IDisposable
{
    private readonly PreprocessFixture _fixture = new();

    [Theory]
    [InlineData(3000, 2000, 2048, 1365, 1024, 683)]
    [InlineData(2000, 3000, 1365, 2048, 683, 1024)]
    [InlineData(1500, 1000, 1500, 1000, 1024, 683)]
    [InlineData(800, 600, 800, 600, 800, 600)]
    public void Sizes_follow_the_long_edge_and_never_upscale(int w, int h, int rw, int rh, int sw, int sh)
    {
        var path = TestImages.WriteJpeg(_fixture.Temp.File($"{w}x{h}.jpg"), w, h);
        var result = _fixture.Run(path);
        Assert.Equal((rw, rh), (result.RankingWidth, result.RankingHeight));
        Assert.Equal((sw, sh), (result.StandardizedWidth, result.StandardizedHeight));
        using var ranking = PreprocessFixture.Load(result.RankingPath);
        using var std = PreprocessFixture.Load(result.StandardizedPath);
        Assert.Equal((rw, rh), (ranking.Width, ranking.Height));
        Assert.Equal((sw, sh), (std.Width, std.Height));
        Assert.Null(ranking.Metadata.ExifProfile);
    }

    [Fact]
    public void Derived_files_are_named_by_stem_and_id_inside_the_workspace()
    {
        var path = TestImages.WriteJpeg(_fixture.Temp.File("Brautpaar am Fluß.jpg"));
        var photo = TestImages.Inspect(path);
        var result = new Preprocessor(_fixture.Layout, new PreprocessOptions()).Process(photo);
        var hex = photo.PhotoId[7..15];
        Assert.Equal(Path.Combine(_fixture.Layout.RankingDir, $"Brautpaar_am_Fluß_{hex}.jpg"), result.RankingPath);
        Assert.Equal(Path.Combine(_fixture.Layout.StandardizedDir, $"Brautpaar_am_Fluß_{hex}_std.jpg"), result.StandardizedPath);
    }

    [Fact]
    public void Sixteen_bit_and_grayscale_pngs_are_converted()
    {
        using (var deep = new Image<Rgb48>(200, 100, new Rgb48(65535, 32768, 0)))
        {
            deep.SaveAsPng(_fixture.Temp.File("deep.png"), new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Rgb });
        }
        using (var gray = new Image<L8>(200, 100, new L8(90)))
        {
            gray.SaveAsPng(_fixture.Temp.File("gray.png"));
        }
        using var deepOut = PreprocessFixture.Load(_fixture.Run(_fixture.Temp.File("deep.png")).StandardizedPath);
        var p = deepOut[100, 50];
        Assert.InRange(p.R, 240, 255);
        Assert.InRange(p.G, 118, 138);
        Assert.InRange(p.B, 0, 12);
        using var grayOut = PreprocessFixture.Load(_fixture.Run(_fixture.Temp.File("gray.png")).StandardizedPath);
        Assert.InRange(grayOut[100, 50].G, 85, 95);
    }

    [Fact]
    public void An_animated_gif_gives_its_first_frame()
    {
        using var gif = new Image<Rgba32>(64, 64, new Rgba32(255, 0, 0));
        using var second = new Image<Rgba32>(64, 64, new Rgba32(0, 0, 255));
        gif.Frames.AddFrame(second.Frames.RootFrame);
        var path = _fixture.Temp.File("anim.gif");
        gif.SaveAsGif(path, new GifEncoder());
        using var output = PreprocessFixture.Load(_fixture.Run(path).StandardizedPath);
        Assert.True(output[32, 32].R > 200 && output[32, 32].B < 60, output[32, 32].ToString());
    }

    [Fact]
    public void A_file_changed_after_import_is_refused()
    {
        var path = TestImages.WriteJpeg(_fixture.Temp.File("c.jpg"), seed: 1);
        var photo = TestImages.Inspect(path);
        TestImages.WriteJpeg(path, seed: 2);
        var ex = Assert.Throws<PhotoInputException>(() => new Preprocessor(_fixture.Layout, new PreprocessOptions()).Process(photo));
        Assert.Equal(PhotoErrorIds.FileChanged, ex.ErrorId);
    }

    [Fact]
    public void The_pixel_limit_is_checked_again_before_decoding()
    {
        var path = TestImages.WriteJpeg(_fixture.Temp.File("big.jpg"), 2000, 1000);
        var ex = Assert.Throws<PhotoInputException>(() => _fixture.Run(path, new PreprocessOptions { MaxMegapixels = 1 }));
        Assert.Equal(PhotoErrorIds.PixelLimitExceeded, ex.ErrorId);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Preprocessor(_fixture.Layout, new PreprocessOptions { StandardizedLongEdge = 4096 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Preprocessor(_fixture.Layout, new PreprocessOptions { JpegQuality = 20 }));
    }

    [Fact]
    public void Two_fresh_workspaces_give_identical_bytes_and_stage_json()
    {
        var paths = new[] { TestImages.WriteJpeg(_fixture.Temp.File("d1.jpg"), 900, 600, 3), TestImages.WriteJpeg(_fixture.Temp.File("d2.jpg"), 600, 900, 4) };
        string RunAll(string workspace)
        {
            var layout = new WorkspaceLayout(_fixture.Temp.File(workspace));
            var preprocessor = new Preprocessor(layout, new PreprocessOptions());
            var batch = new PreprocessBatch("det", layout, new PreprocessOptions());
            foreach (var path in paths)
            {
                var photo = TestImages.Inspect(path);
                photo.Preprocess = preprocessor.Process(photo);
                batch.Add(photo);
            }
            return StageJson.Serialize(batch.ToDocument());
        }
        var first = RunAll("ws1");
        var second = RunAll("ws2");
        Assert.Equal(first, second);
        foreach (var name in Directory.GetFiles(_fixture.Temp.File("ws1/data/input")).Select(Path.GetFileName))
        {
            Assert.Equal(File.ReadAllBytes(_fixture.Temp.File("ws1/data/input/" + name)), File.ReadAllBytes(_fixture.Temp.File("ws2/data/input/" + name)));
        }
    }

    public void Dispose() => _fixture.Dispose();
}
