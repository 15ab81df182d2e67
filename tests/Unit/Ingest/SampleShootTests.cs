using PhotoCuration.Engine.Samples;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

public sealed class SampleShootTests
{
    [Fact]
    public void The_sample_shoot_is_deterministic_and_complete()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        var start = new DateTime(2024, 9, 14, 8, 12, 5, 250);
        var written = new SampleShootGenerator(200, 134).Write(a.Path, start);
        new SampleShootGenerator(200, 134).Write(b.Path, start);
        Assert.Equal(13, written.Count);
        foreach (var file in written)
        {
            var relative = Path.GetRelativePath(a.Path, file);
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(b.Path, relative)));
        }
        // It never overwrites: a second run writes nothing.
        Assert.Empty(new SampleShootGenerator(200, 134).Write(a.Path, start));
        var rotated = TestImages.Inspect(Path.Combine(a.Path, "IMG_0009.jpg"));
        Assert.Equal(6, rotated.Exif.Orientation);
        Assert.True(rotated.Width > rotated.Height, "stored sideways as a camera does");
    }
}
