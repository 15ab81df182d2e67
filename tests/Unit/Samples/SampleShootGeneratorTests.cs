using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Samples;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Samples;

/// <summary>The demo's sample shoot: 12 frames and one byte-identical copy, the same bytes on every run.</summary>
public sealed class SampleShootGeneratorTests : IDisposable
{
    private static readonly DateTime Start = new(2024, 9, 14, 8, 12, 5, 250);
    private readonly TempFolder _a = new();
    private readonly TempFolder _b = new();

    private static SampleShootGenerator Small() => new(200, 134);

    [Fact]
    public void The_plan_has_twelve_distinct_frames_in_capture_order()
    {
        var plan = SampleShootGenerator.Plan();
        Assert.Equal(12, plan.Count);
        Assert.Equal(12, plan.Select(f => f.FileName).Distinct().Count());
        Assert.True(plan.Zip(plan.Skip(1)).All(p => p.First.At < p.Second.At));
        Assert.Single(plan, f => f.Orientation == 6);
    }

    [Fact]
    public void Writes_twelve_frames_and_one_identical_copy_with_the_same_bytes_every_time()
    {
        var written = Small().Write(_a.Path, Start);
        var again = Small().Write(_b.Path, Start);
        Assert.Equal(13, written.Count);
        Assert.Equal(written.Select(p => Path.GetRelativePath(_a.Path, p)), again.Select(p => Path.GetRelativePath(_b.Path, p)));
        foreach (var file in written)
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(_b.Path, Path.GetRelativePath(_a.Path, file))));
        }
        var copy = Path.Combine(_a.Path, "copies", "IMG_0003 copy.jpg");
        Assert.Contains(copy, written);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_a.Path, "IMG_0003.jpg")), File.ReadAllBytes(copy));
        // Frames really differ from one another.
        Assert.Equal(12, written.Where(p => p != copy).Select(p => Hashing.PhotoId(File.ReadAllBytes(p))).Distinct().Count());
    }

    [Fact]
    public void A_second_write_never_overwrites()
    {
        Small().Write(_a.Path, Start);
        var first = Path.Combine(_a.Path, "IMG_0001.jpg");
        var bytes = File.ReadAllBytes(first);
        Assert.Empty(new SampleShootGenerator(300, 200).Write(_a.Path, Start.AddDays(1)));
        Assert.Equal(bytes, File.ReadAllBytes(first));
    }

    [Fact]
    public void Frames_ingest_with_full_exif_and_the_copy_is_flagged_as_a_duplicate()
    {
        var written = Small().Write(_a.Path, Start);
        var batch = new BatchIngest("sample", new WorkspaceLayout(_a.File("ws")), new UserOverrides(null, null), null);
        var photos = written.Select(p => batch.Accept(TestImages.Inspect(p))).ToList();
        Assert.Equal(1, batch.DuplicateCount);
        Assert.Equal(Path.Combine(_a.Path, "IMG_0003.jpg"), photos.Single(p => p.FileName == "IMG_0003 copy.jpg").DuplicateOf);
        var plan = SampleShootGenerator.Plan();
        foreach (var frame in plan)
        {
            var exif = photos.Single(p => p.FileName == frame.FileName).Exif;
            Assert.Empty(exif.Warnings);
            var expected = Start + frame.At;
            // Seconds from DateTimeOriginal, hundredths from SubsecTimeOriginal.
            Assert.Equal(expected.AddTicks(-(expected.Ticks % (TimeSpan.TicksPerMillisecond * 10))), exif.CaptureTimeLocal);
            Assert.Equal(TimeSpan.FromHours(2), exif.CaptureOffset);
            Assert.Equal(frame.Orientation, exif.Orientation);
            Assert.NotNull(exif.GpsLatitude);
        }
        var rotated = photos.Single(p => p.FileName == "IMG_0009.jpg");
        Assert.True(rotated.Width > rotated.Height, "stored sideways as a camera does");
    }

    [Fact]
    public void Frames_must_be_at_least_64_pixels() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SampleShootGenerator(63, 200));

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
