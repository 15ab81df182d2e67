using PhotoCuration.Engine.Ingest;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>A RAW and a JPEG with the same stem in the same folder are one photo: the RAW, with the JPEG as companion.</summary>
public sealed class RawJpegPairingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static string P(params string[] parts) => Path.Combine(new[] { "/shoot" }.Concat(parts).ToArray());

    [Fact]
    public void A_raw_and_jpeg_of_one_frame_pair_up_and_other_files_stay_single()
    {
        var files = new[] { P("IMG_0001.CR2"), P("IMG_0001.JPG"), P("IMG_0002.JPG"), P("IMG_0003.jpg"), P("IMG_0003.nef"), P("b", "IMG_0001.JPG") };
        var entries = RawJpegPairing.Pair(files);
        Assert.Equal(new[]
        {
            new RawJpegPairing.Entry(P("IMG_0001.CR2"), P("IMG_0001.JPG")),
            new RawJpegPairing.Entry(P("IMG_0002.JPG"), null),
            new RawJpegPairing.Entry(P("IMG_0003.nef"), P("IMG_0003.jpg")),
            new RawJpegPairing.Entry(P("b", "IMG_0001.JPG"), null),
        }, entries);
    }

    [Fact]
    public void Only_one_raw_and_one_jpeg_pair_per_stem_and_the_rest_stay_single()
    {
        var files = new[] { P("A.CR2"), P("A.DNG"), P("A.JPG"), P("A.jpeg"), P("A.png") };
        var entries = RawJpegPairing.Pair(files);
        Assert.Equal(new[]
        {
            new RawJpegPairing.Entry(P("A.CR2"), P("A.JPG")),
            new RawJpegPairing.Entry(P("A.DNG"), null),
            new RawJpegPairing.Entry(P("A.jpeg"), null),
            new RawJpegPairing.Entry(P("A.png"), null),
        }, entries);
    }

    [Fact]
    public void Pairs_are_recognised_in_either_order_and_only_across_kinds()
    {
        Assert.True(RawJpegPairing.ArePair(P("X.JPG"), P("X.ARW")));
        Assert.Equal(new RawJpegPairing.Entry(P("X.ARW"), P("X.JPG")), RawJpegPairing.Order(P("X.JPG"), P("X.ARW")));
        Assert.False(RawJpegPairing.ArePair(P("X.JPG"), P("X.jpeg")));
        Assert.False(RawJpegPairing.ArePair(P("X.CR2"), P("Y.JPG")));
        Assert.False(RawJpegPairing.ArePair(P("a", "X.CR2"), P("b", "X.JPG")));
    }

    [Fact]
    public void A_partner_on_disk_is_found_case_insensitively()
    {
        var raw = _temp.File("IMG_0009.CR2");
        File.WriteAllBytes(raw, new byte[] { 1 });
        var jpeg = _temp.File("img_0009.jpg");
        File.WriteAllBytes(jpeg, new byte[] { 1 });
        File.WriteAllBytes(_temp.File("IMG_0010.JPG"), new byte[] { 1 });
        Assert.True(RawJpegPairing.HasPartnerOnDisk(raw));
        Assert.True(RawJpegPairing.HasPartnerOnDisk(jpeg));
        Assert.False(RawJpegPairing.HasPartnerOnDisk(_temp.File("IMG_0010.JPG")));
    }

    [Fact]
    public void Naming_the_companion_jpeg_locks_or_excludes_the_pair()
    {
        var overrides = new UserOverrides(new[] { "IMG_0001.JPG" }, new[] { "IMG_0002.j*" });
        var first = new Photo { Path = P("IMG_0001.CR2"), FileName = "IMG_0001.CR2", CompanionPath = P("IMG_0001.JPG"), PhotoId = "sha256:00" };
        var second = new Photo { Path = P("IMG_0002.CR2"), FileName = "IMG_0002.CR2", CompanionPath = P("IMG_0002.jpg"), PhotoId = "sha256:01" };
        overrides.Apply(first);
        overrides.Apply(second);
        Assert.True(first.IsLocked);
        Assert.True(second.IsExcluded);
        Assert.Empty(overrides.Unmatched());
    }

    public void Dispose() => _temp.Dispose();
}
