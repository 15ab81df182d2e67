using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>Derived images belong to the bytes they were made from; originals are only ever read.</summary>
public sealed class PreprocessIdentityTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _input;
    private readonly WorkspaceLayout _layout;

    public PreprocessIdentityTests()
    {
        _input = Directory.CreateDirectory(_temp.File("shoot")).FullName;
        _layout = new WorkspaceLayout(_temp.File("ws"));
    }

    private string Flat(string name, Rgb24 colour)
    {
        using var image = new Image<Rgb24>(80, 60, colour);
        return TestImages.SaveJpeg(image, Path.Combine(_input, name));
    }

    private static Rgb24 Centre(string jpeg)
    {
        using var image = Image.Load<Rgb24>(jpeg);
        return image[image.Width / 2, image.Height / 2];
    }

    [Fact]
    public void A_byte_identical_copy_shares_the_first_files_outputs()
    {
        var first = Flat("IMG_0003.jpg", TestImages.Red);
        Directory.CreateDirectory(Path.Combine(_input, "copies"));
        var copy = Path.Combine(_input, "copies", "IMG_0003 copy.jpg");
        File.Copy(first, copy);
        var preprocessor = new Preprocessor(_layout, new PreprocessOptions());
        var a = preprocessor.Process(TestImages.Inspect(first));
        var b = preprocessor.Process(TestImages.Inspect(copy));
        Assert.False(a.FromCache);
        Assert.True(b.FromCache);
        Assert.Equal(a.StandardizedPath, b.StandardizedPath);
        Assert.Equal(copy, b.OriginalPath);
        Assert.Single(Directory.GetFiles(_layout.StandardizedDir, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Originals_and_their_folder_are_never_written()
    {
        var a = Flat("a.jpg", TestImages.Red);
        Flat("b.jpg", TestImages.Blue);
        File.SetLastWriteTimeUtc(a, new DateTime(2020, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        string Snapshot() => string.Join("\n", Directory.GetFileSystemEntries(_input, "*", SearchOption.AllDirectories).Order()
            .Select(f => f + " " + File.GetLastWriteTimeUtc(f).Ticks + " " + (File.Exists(f) ? Hashing.PhotoId(File.ReadAllBytes(f)) : "dir")));
        var before = Snapshot();
        var preprocessor = new Preprocessor(_layout, new PreprocessOptions());
        foreach (var path in Directory.GetFiles(_input)) preprocessor.Process(TestImages.Inspect(path));
        foreach (var path in Directory.GetFiles(_input)) preprocessor.Process(TestImages.Inspect(path));
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void An_original_deleted_after_import_is_not_found()
    {
        var path = Flat("gone.jpg", TestImages.Red);
        var photo = TestImages.Inspect(path);
        File.Delete(path);
        var ex = Assert.Throws<PhotoInputException>(() => new Preprocessor(_layout, new PreprocessOptions()).Process(photo));
        Assert.Equal(PhotoErrorIds.FileNotFound, ex.ErrorId);
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void An_original_replaced_by_other_bytes_after_import_is_refused()
    {
        var path = Flat("swap.jpg", TestImages.Red);
        var photo = TestImages.Inspect(path);
        File.WriteAllBytes(path, File.ReadAllBytes(Flat("other.jpg", TestImages.Blue)));
        var ex = Assert.Throws<PhotoInputException>(() => new Preprocessor(_layout, new PreprocessOptions()).Process(photo));
        Assert.Equal(PhotoErrorIds.FileChanged, ex.ErrorId);
        Assert.Equal(PhotoProblem.Changed, ex.Problem);
        Assert.Equal(path, ex.FilePath);
        Assert.Contains(photo.PhotoId, ex.Message);
        Assert.False(Directory.Exists(_layout.StandardizedDir) && Directory.EnumerateFiles(_layout.StandardizedDir, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void A_cancelled_process_writes_nothing()
    {
        var path = Flat("c.jpg", TestImages.Red);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new Preprocessor(_layout, new PreprocessOptions()).Process(TestImages.Inspect(path), cancelled.Token));
        Assert.False(Directory.Exists(_layout.RankingDir) && Directory.EnumerateFiles(_layout.RankingDir, "*", SearchOption.AllDirectories).Any());
        Assert.False(Directory.Exists(_layout.CacheDir) && Directory.EnumerateFiles(_layout.CacheDir, "*", SearchOption.AllDirectories).Any());
    }

    /// <summary>
    /// Was an engine bug (fixed): Preprocessor.Process keys the cache and names the derived
    /// files by photo.PhotoId before it has read the file, and ReadAndVerify skips the check when the id is
    /// empty. Photo objects built by hand in PowerShell (<c>[PhotoCuration.Photo]@{ Path = … }</c>) have
    /// an empty id, so the second such photo is served the first one's images from the cache.
    /// </summary>
    [Fact]
    public void Two_photos_without_an_id_do_not_share_derived_images()
    {
        var red = Flat("red.jpg", TestImages.Red);
        var blue = Flat("blue.jpg", TestImages.Blue);
        var preprocessor = new Preprocessor(_layout, new PreprocessOptions());
        var first = preprocessor.Process(new Photo { Path = red, FileName = "red.jpg" });
        var second = preprocessor.Process(new Photo { Path = blue, FileName = "blue.jpg" });
        PixelAssert.Near(TestImages.Red, Centre(first.StandardizedPath), 8, "red.jpg");
        Assert.False(second.FromCache);
        PixelAssert.Near(TestImages.Blue, Centre(second.StandardizedPath), 8, "blue.jpg");
    }

    public void Dispose() => _temp.Dispose();
}
