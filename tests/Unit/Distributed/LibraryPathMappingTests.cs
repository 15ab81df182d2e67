using PhotoCuration.Engine.Distributed;
using Xunit;

namespace PhotoCuration.Tests.Distributed;

/// <summary>
/// The mapping between a machine's paths and library-relative ones (<c>archive:/2019/x.jpg</c>) in both
/// path styles, so a Windows machine and a Linux machine are proved against each other on one OS.
/// </summary>
public sealed class LibraryPathMappingTests
{
    private static LibraryRoots Windows(string root) => new(new Dictionary<string, string> { ["archive"] = root }, PathStyle.Windows);
    private static LibraryRoots Posix(string root) => new(new Dictionary<string, string> { ["archive"] = root }, PathStyle.Posix);

    [Fact]
    public void A_path_a_windows_share_lists_resolves_under_a_posix_mount_and_back()
    {
        var nas = Windows(@"\\nas\photos");
        var mount = Posix("/mnt/photos");

        var portable = nas.TryPortable(@"\\nas\photos\2019\Day 1\IMG_0001.JPG");

        Assert.Equal("archive:/2019/Day 1/IMG_0001.JPG", portable);
        Assert.Equal("/mnt/photos/2019/Day 1/IMG_0001.JPG", mount.ToLocal(portable!));
        Assert.Equal(portable, mount.TryPortable("/mnt/photos/2019/Day 1/IMG_0001.JPG"));
        Assert.Equal(@"\\nas\photos\2019\Day 1\IMG_0001.JPG", nas.ToLocal(portable!));
    }

    [Fact]
    public void A_drive_root_and_forward_slashes_on_windows_give_the_same_portable_path()
    {
        var drive = Windows(@"D:\Photos\");
        Assert.Equal("archive:/2019/a.jpg", drive.TryPortable(@"D:\Photos\2019\a.jpg"));
        Assert.Equal("archive:/2019/a.jpg", drive.TryPortable("D:/Photos/2019/./x/../a.jpg"));
        Assert.Equal(@"D:\Photos\2019\a.jpg", drive.ToLocal("archive:/2019/a.jpg"));
        // The root itself and a sibling whose name starts like it are not files in the library.
        Assert.Null(drive.TryPortable(@"D:\Photos"));
        Assert.Null(drive.TryPortable(@"D:\Photos2\a.jpg"));
        Assert.Null(drive.TryPortable(@"E:\Photos\a.jpg"));
    }

    [Fact]
    public void Windows_roots_match_in_any_case_posix_roots_only_exactly_and_names_ignore_case()
    {
        Assert.Equal("archive:/2019/IMG_0001.JPG", Windows(@"\\nas\photos").TryPortable(@"\\NAS\Photos\2019\IMG_0001.JPG"));
        Assert.Null(Posix("/mnt/photos").TryPortable("/mnt/Photos/2019/IMG_0001.JPG"));
        // The relative part keeps its case; the library name is looked up in any case.
        Assert.Equal("/mnt/photos/2019/IMG_0001.JPG", Posix("/mnt/photos").ToLocal("ARCHIVE:/2019/IMG_0001.JPG"));
    }

    [Theory]
    [InlineData("archive:/../secrets/x.jpg")]
    [InlineData("archive:/2019/../../x.jpg")]
    [InlineData("archive:/..")]
    [InlineData("archive:/")]
    public void A_path_climbing_out_of_its_library_is_refused_in_both_styles(string portable)
    {
        Assert.Equal(PhotoErrorIds.OutsideLibrary, Assert.Throws<PhotoInputException>(() => Posix("/mnt/photos").ToLocal(portable)).ErrorId);
        Assert.Equal(PhotoErrorIds.OutsideLibrary, Assert.Throws<PhotoInputException>(() => Windows(@"\\nas\photos").ToLocal(portable)).ErrorId);
    }

    [Fact]
    public void Backslashes_are_names_on_posix_but_separators_on_windows_where_they_cannot_climb_out()
    {
        var mount = Posix("/mnt/photos");
        // A POSIX file may be called "a\b.jpg": it stays one name.
        Assert.Equal(@"archive:/a\b.jpg", mount.TryPortable(@"/mnt/photos/a\b.jpg"));
        Assert.Equal(@"/mnt/photos/a\b.jpg", mount.ToLocal(@"archive:/a\b.jpg"));
        Assert.Equal(@"/mnt/photos/..\..\x.jpg", mount.ToLocal(@"archive:/..\..\x.jpg"));
        // On Windows the same text would climb out, or reach another drive or a file's stream.
        var nas = Windows(@"\\nas\photos");
        Assert.Equal(PhotoErrorIds.OutsideLibrary, Assert.Throws<PhotoInputException>(() => nas.ToLocal(@"archive:/..\..\x.jpg")).ErrorId);
        Assert.Equal(PhotoErrorIds.OutsideLibrary, Assert.Throws<PhotoInputException>(() => nas.ToLocal("archive:/C:/Windows/x.jpg")).ErrorId);
        Assert.Equal(PhotoErrorIds.OutsideLibrary, Assert.Throws<PhotoInputException>(() => nas.ToLocal("archive:/a.jpg:stream")).ErrorId);
        Assert.Equal(@"\\nas\photos\2020\x.jpg", nas.ToLocal("archive:/2019/../2020/x.jpg"));
    }

    [Fact]
    public void Unicode_names_travel_unchanged_without_normalization()
    {
        const string composed = "Ålesund/日本 ß é.jpg";             // é as one code point (NFC)
        var decomposed = "Ålesund/日本 ß e\u0301.jpg";               // é as e + combining accent (NFD, as macOS may name it)
        var nas = Windows(@"\\nas\фото");
        var mount = Posix("/mnt/фото");
        foreach (var name in new[] { composed, decomposed })
        {
            var portable = nas.TryPortable(@"\\nas\фото\" + name.Replace('/', '\\'));
            Assert.Equal("archive:/" + name, portable);
            Assert.Equal("/mnt/фото/" + name, mount.ToLocal(portable!));
        }
        Assert.NotEqual(mount.ToLocal("archive:/" + composed), mount.ToLocal("archive:/" + decomposed));
    }

    [Fact]
    public void An_unknown_library_is_an_error_naming_the_parameter_to_give()
    {
        var error = Assert.Throws<PhotoInputException>(() => Posix("/mnt/photos").ToLocal("studio:/2019/x.jpg"));
        Assert.Equal(PhotoErrorIds.UnknownLibrary, error.ErrorId);
        Assert.Contains("-Library @{ studio = ", error.Message);
        Assert.Equal("studio:/2019/x.jpg", error.FilePath);
        Assert.Equal(PhotoErrorIds.UnknownLibrary, Assert.Throws<PhotoInputException>(() => LibraryRoots.None.ToLocal("archive:/x.jpg")).ErrorId);
    }

    [Theory]
    [InlineData("archive:/2019/x.jpg", true)]
    [InlineData("my-lib_2:/x.jpg", true)]
    [InlineData("file:///mnt/photos/x.jpg", false)]
    [InlineData("FILE:///C:/photos/x.jpg", false)]
    [InlineData("C:/photos/x.jpg", false)]
    [InlineData("/mnt/photos/x.jpg", false)]
    [InlineData("archive:2019/x.jpg", false)]
    [InlineData("arch ive:/x.jpg", false)]
    public void Only_the_name_colon_slash_form_reads_as_library_relative(string value, bool portable) =>
        Assert.Equal(portable, LibraryRoots.IsPortable(value));

    [Fact]
    public void A_library_named_file_or_a_name_given_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new LibraryRoots(new Dictionary<string, string> { ["File"] = "/mnt/photos" }, PathStyle.Posix));
        Assert.Throws<ArgumentException>(() => new LibraryRoots(new Dictionary<string, string> { ["archive"] = "/a", ["ARCHIVE"] = "/b" }, PathStyle.Posix));
    }

    [Fact]
    public void The_longest_root_holding_a_path_names_it()
    {
        var roots = new LibraryRoots(new Dictionary<string, string> { ["archive"] = "/mnt/photos", ["studio"] = "/mnt/photos/studio" }, PathStyle.Posix);
        Assert.Equal("studio:/2019/x.jpg", roots.TryPortable("/mnt/photos/studio/2019/x.jpg"));
        Assert.Equal("archive:/2019/x.jpg", roots.TryPortable("/mnt/photos/2019/x.jpg"));
    }
}
