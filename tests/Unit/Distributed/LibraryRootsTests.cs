using PhotoCuration.Engine.Distributed;
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

    public void Dispose() => _temp.Dispose();
}
