using PhotoCuration.Engine.Ingest;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>Folder scans: photo extensions only, hidden entries skipped, include/exclude patterns, a stable order.</summary>
public sealed class PhotoScannerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string[] Relative(IEnumerable<string> paths) =>
        paths.Select(p => Path.GetRelativePath(_temp.Path, p).Replace('\\', '/')).ToArray();

    [Fact]
    public void Skips_hidden_entries_and_non_photos_and_sorts_ordinally()
    {
        foreach (var name in new[] { "b.jpg", "A.JPG", "._b.jpg", ".thumbnails/t.jpg", "day2/c.jpg", "day10/d.nef", "notes.txt", "b.xmp", "c.heic" })
            File.WriteAllBytes(_temp.File(name), new byte[] { 1 });
        Assert.Equal(new[] { "A.JPG", "b.jpg", "c.heic", "day10/d.nef", "day2/c.jpg" }, Relative(new PhotoScanner().Scan(_temp.Path, recurse: true)));
        Assert.Equal(new[] { "A.JPG", "b.jpg", "c.heic" }, Relative(new PhotoScanner().Scan(_temp.Path, recurse: false)));
    }

    [Fact]
    public void Include_and_exclude_patterns_match_the_file_name()
    {
        foreach (var name in new[] { "IMG_0001.jpg", "IMG_0002.jpg", "DSC_0001.jpg", "sub/IMG_0003.JPG" })
            File.WriteAllBytes(_temp.File(name), new byte[] { 1 });
        Assert.Equal(new[] { "IMG_0001.jpg", "IMG_0002.jpg", "sub/IMG_0003.JPG" }, Relative(new PhotoScanner(include: new[] { "img_*" }).Scan(_temp.Path, true)));
        Assert.Equal(new[] { "DSC_0001.jpg", "IMG_0001.jpg" }, Relative(new PhotoScanner(exclude: new[] { "IMG_000[23]*" }).Scan(_temp.Path, true)));
    }

    [Fact]
    public void Names_with_spaces_and_non_ascii_letters_are_found()
    {
        File.WriteAllBytes(_temp.File("Brautpaar am Fluß.jpg"), new byte[] { 1 });
        File.WriteAllBytes(_temp.File("写真 1.jpg"), new byte[] { 1 });
        Assert.Equal(2, new PhotoScanner().Scan(_temp.Path, false).Count());
    }

    public void Dispose() => _temp.Dispose();
}
