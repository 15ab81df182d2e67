using PhotoCuration.Engine.Core;
using PhotoCuration.Engine.Distributed;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Distributed;

/// <summary>Library-relative paths: the same archive mounted at different places on the coordinator and the worker.</summary>
public sealed class LibraryRootsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void A_path_under_a_root_travels_relative_and_resolves_under_the_workers_own_root()
    {
        var coordinatorRoot = Directory.CreateDirectory(_temp.File("mnt-a/photos")).FullName;
        var workerRoot = Directory.CreateDirectory(_temp.File("mnt-b/archive")).FullName;
        var coordinator = new LibraryRoots(new Dictionary<string, string> { ["archive"] = coordinatorRoot });
        var worker = new LibraryRoots(new Dictionary<string, string> { ["archive"] = workerRoot });

        var portable = coordinator.ToPortable(Path.Combine(coordinatorRoot, "2019", "day 1", "IMG_0001.jpg"));

        Assert.Equal("archive:/2019/day 1/IMG_0001.jpg", portable);
        Assert.Equal(Path.Combine(workerRoot, "2019", "day 1", "IMG_0001.jpg"), worker.ToLocal(portable));
    }

    [Fact]
    public void Without_roots_or_outside_them_a_path_travels_as_it_is()
    {
        var path = _temp.File("elsewhere/IMG_0002.jpg");
        var roots = new LibraryRoots(new Dictionary<string, string> { ["archive"] = _temp.File("photos") });
        Assert.Equal(path, roots.ToPortable(path));
        Assert.Equal(path, LibraryRoots.None.ToPortable(path));
        Assert.Equal(path, LibraryRoots.None.ToLocal(path));
        // A sibling folder whose name starts like the root is not under it.
        Assert.Equal(_temp.File("photos2/x.jpg"), roots.ToPortable(_temp.File("photos2/x.jpg")));
    }

    [Fact]
    public void An_unknown_library_or_a_path_climbing_out_is_a_photo_error()
    {
        var worker = new LibraryRoots(new Dictionary<string, string> { ["archive"] = _temp.File("photos") });
        Assert.Equal("UnknownLibrary", Assert.Throws<PhotoInputException>(() => worker.ToLocal("studio:/a.jpg")).ErrorId);
        Assert.Equal("OutsideLibrary", Assert.Throws<PhotoInputException>(() => worker.ToLocal("archive:/../../etc/passwd")).ErrorId);
    }

    [Fact]
    public void A_path_typed_as_name_colon_slash_resolves_under_the_root_and_other_paths_are_left_alone()
    {
        var root = Directory.CreateDirectory(_temp.File("photos")).FullName;
        var roots = new LibraryRoots(new Dictionary<string, string> { ["archive"] = root });
        Assert.Equal(Path.Combine(root, "2019"), roots.Resolve("archive:/2019"));
        Assert.Equal(Path.Combine(root, "2019", "*.jpg"), roots.Resolve("Archive:/2019/*.jpg"));
        Assert.Equal(root, roots.Resolve("archive:"));
        Assert.Equal(root, roots.Resolve("archive:/"));
        Assert.Null(roots.Resolve("studio:/2019"));
        Assert.Null(roots.Resolve(Path.Combine(root, "2019")));
        Assert.Null(roots.Resolve("archive:2019"));
        Assert.Null(roots.Resolve("C:/photos"));
        Assert.Throws<ArgumentException>(() => roots.Resolve("archive:/../secrets"));
    }

    [Fact]
    public void A_one_letter_name_is_refused_as_it_would_read_as_a_drive()
    {
        Assert.Throws<ArgumentException>(() => new LibraryRoots(new Dictionary<string, string> { ["c"] = _temp.Path }));
    }

    [Fact]
    public void Relocate_moves_every_original_a_photo_names_and_keeps_derived_names()
    {
        var before = Directory.CreateDirectory(_temp.File("mount-a")).FullName;
        var after = Directory.CreateDirectory(_temp.File("mount-b")).FullName;
        var outside = _temp.File("elsewhere/IMG_0003.JPG");
        // Resolved while the library was at mount-a: a RAW with its JPEG, an exact copy of it, a copy of a file outside the library.
        var id = "sha256:" + new string('b', 64);
        var raw = new Photo { PhotoId = id, Path = Path.Combine(before, "2019", "IMG_0001.CR2"), LibraryPath = "archive:/2019/IMG_0001.CR2", CompanionPath = Path.Combine(before, "2019", "IMG_0001.JPG") };
        var copy = new Photo { PhotoId = id, Path = Path.Combine(before, "copies", "IMG_0001 (1).CR2"), LibraryPath = "archive:/copies/IMG_0001 (1).CR2", DuplicateOf = raw.Path };
        var stray = new Photo { PhotoId = id, Path = Path.Combine(before, "IMG_0003 (1).JPG"), LibraryPath = "archive:/IMG_0003 (1).JPG", DuplicateOf = outside };
        var namesBefore = new[] { raw, copy, stray }.Select(p => DerivedFileName.For(p.DuplicateOf ?? p.Path, p.PhotoId, "_std.jpg")).ToList();

        var roots = new LibraryRoots(new Dictionary<string, string> { ["archive"] = after });
        foreach (var p in new[] { raw, copy, stray }) roots.Relocate(p);

        Assert.Equal(Path.Combine(after, "2019", "IMG_0001.CR2"), raw.Path);
        Assert.Equal(Path.Combine(after, "2019", "IMG_0001.JPG"), raw.CompanionPath);
        Assert.Equal(Path.Combine(after, "copies", "IMG_0001 (1).CR2"), copy.Path);
        Assert.Equal(Path.Combine(after, "2019", "IMG_0001.CR2"), copy.DuplicateOf);
        Assert.Null(copy.CompanionPath);
        Assert.Equal(outside, stray.DuplicateOf);
        Assert.Equal(namesBefore, new[] { raw, copy, stray }.Select(p => DerivedFileName.For(p.DuplicateOf ?? p.Path, p.PhotoId, "_std.jpg")));
        // Once placed, placing again changes nothing.
        roots.Relocate(raw);
        Assert.Equal((Path.Combine(after, "2019", "IMG_0001.CR2"), Path.Combine(after, "2019", "IMG_0001.JPG")), (raw.Path, raw.CompanionPath));
    }

    [Fact]
    public void Relocate_moves_a_pair_and_a_duplicate_from_a_windows_share_to_another_drive()
    {
        var roots = new LibraryRoots(new Dictionary<string, string> { ["archive"] = @"D:\Photos" }, PathStyle.Windows);
        var photo = new Photo
        {
            Path = @"\\nas\photos\2019\Day 1\IMG_0002.NEF", LibraryPath = "archive:/2019/Day 1/IMG_0002.NEF",
            CompanionPath = @"\\NAS\Photos\2019\Day 1\IMG_0002.jpg", DuplicateOf = @"\\nas\photos\2018\IMG_0002.NEF",
        };
        roots.Relocate(photo);
        Assert.Equal((@"D:\Photos\2019\Day 1\IMG_0002.NEF", @"D:\Photos\2019\Day 1\IMG_0002.jpg", @"D:\Photos\2018\IMG_0002.NEF"),
            (photo.Path, photo.CompanionPath, photo.DuplicateOf));
    }

    [Fact]
    public void Relocate_to_a_library_with_no_root_here_leaves_the_photo_as_it_was()
    {
        var before = _temp.File("mount-a");
        var photo = new Photo { Path = Path.Combine(before, "IMG_0001.CR2"), LibraryPath = "archive:/IMG_0001.CR2", CompanionPath = Path.Combine(before, "IMG_0001.JPG"), DuplicateOf = Path.Combine(before, "IMG_0000.CR2") };
        var roots = new LibraryRoots(new Dictionary<string, string> { ["studio"] = _temp.File("mount-b") });
        var error = Assert.Throws<PhotoInputException>(() => roots.Relocate(photo));
        Assert.Equal(PhotoErrorIds.UnknownLibrary, error.ErrorId);
        Assert.Equal((Path.Combine(before, "IMG_0001.CR2"), Path.Combine(before, "IMG_0001.JPG"), Path.Combine(before, "IMG_0000.CR2")), (photo.Path, photo.CompanionPath, photo.DuplicateOf));
    }

    public void Dispose() => _temp.Dispose();
}
