using PhotoCuration.Engine.Export;
using Xunit;

namespace PhotoCuration.Tests.Export;

public sealed class ExportFileNameTests
{
    [Theory]
    [InlineData(1, 12, "IMG_0003.jpg", "01_IMG_0003.jpg")]
    [InlineData(12, 12, "IMG_0003.JPG", "12_IMG_0003.JPG")]
    [InlineData(7, 150, "a.jpg", "007_a.jpg")]
    [InlineData(3, 5, "../../etc/pass wd?.jpg", "03_pass_wd.jpg")]
    [InlineData(2, 5, "Café del Mar — 01.jpeg", "02_Café_del_Mar_01.jpeg")]
    [InlineData(2, 5, "photo.jp g;rm", "02_photo.jpgrm")]
    [InlineData(1, 1, "...", "01_photo")]
    [InlineData(4, 9, "写真 1.png", "04_写真_1.png")]
    public void Names_copies_by_rank_with_a_sanitized_name(int rank, int count, string original, string expected) =>
        Assert.Equal(expected, ExportFileName.For(rank, count, original));

    [Fact]
    public void The_adobe_sidecar_replaces_the_extension_and_darktables_adds_to_it()
    {
        Assert.Equal(Path.Combine("out", "01_IMG_0003.xmp"), ExportFileName.SidecarFor(Path.Combine("out", "01_IMG_0003.CR2")));
        Assert.Equal(Path.Combine("out", "01_IMG_0003.CR2.xmp"), ExportFileName.SidecarFor(Path.Combine("out", "01_IMG_0003.CR2"), SidecarNaming.Darktable));
    }

    [Fact]
    public void Refuses_rank_zero() => Assert.Throws<ArgumentOutOfRangeException>(() => ExportFileName.For(0, 3, "a.jpg"));
}
