using System.Runtime.InteropServices;
using System.Text;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>
/// Folders no camera writes but users have: named pipes with photo names, link loops, links beside their
/// targets, names that are not UTF-8. Each finishes, with one clear error per bad entry.
/// </summary>
public sealed class HostileFileSystemTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string[] Relative(IEnumerable<string> paths) =>
        paths.Select(p => Path.GetRelativePath(_temp.Path, p).Replace('\\', '/')).ToArray();

    [Fact]
    public async Task A_named_pipe_is_refused_as_not_a_regular_file_without_being_opened()
    {
        if (OperatingSystem.IsWindows()) return; // no named pipes in a Windows folder
        var fifo = _temp.File("fifo.jpg");
        Assert.Equal(0, Native.MkFifo(Native.Bytes(fifo), 0x1B6));
        // Opening the pipe would block until a writer comes: the inspection must return at once.
        var inspection = Task.Run(() => Assert.Throws<PhotoInputException>(() => new PhotoInspector().Inspect(fifo)));
        var ex = await inspection.WaitAsync(TimeSpan.FromSeconds(30));   // TimeoutException: it hung (it was opened)
        Assert.Equal(PhotoErrorIds.NotARegularFile, ex.ErrorId);
        Assert.Contains("named pipe", ex.Message);
        Assert.Equal(FileNodeKind.NamedPipe, FileNode.Of(fifo)!.Value.Kind);
    }

    [Fact]
    public void A_character_device_is_refused_as_not_a_regular_file()
    {
        if (!OperatingSystem.IsLinux()) return;
        var ex = Assert.Throws<PhotoInputException>(() => new PhotoInspector().Inspect("/dev/zero"));
        Assert.Equal(PhotoErrorIds.NotARegularFile, ex.ErrorId);
        Assert.Contains("character device", ex.Message);
    }

    [Fact]
    public void A_link_loop_is_walked_once_and_reported_once()
    {
        if (OperatingSystem.IsWindows()) return; // directory symlinks need a privilege there
        TestImages.WriteJpeg(_temp.File("a.jpg"));
        TestImages.WriteJpeg(_temp.File("sub/b.jpg"), seed: 2);
        Directory.CreateSymbolicLink(_temp.File("dir_loop"), ".");
        Directory.CreateSymbolicLink(_temp.File("sub/up"), "..");
        var scan = new PhotoScanner().Walk(_temp.Path, recurse: true);
        Assert.Equal(new[] { "a.jpg", "sub/b.jpg" }, Relative(scan.Files));
        Assert.Equal(new[] { "dir_loop", "sub/up" }, Relative(scan.Problems.Select(p => p.FilePath).OrderBy(p => p, StringComparer.Ordinal)));
        Assert.All(scan.Problems, p => Assert.Equal(PhotoErrorIds.DirectoryLoop, p.ErrorId));
        Assert.All(scan.Problems, p => Assert.Contains("not followed", p.Message));
    }

    [Fact]
    public void A_folder_linked_beside_itself_is_walked_once_under_its_real_name()
    {
        if (OperatingSystem.IsWindows()) return;
        TestImages.WriteJpeg(_temp.File("real/c.jpg"));
        Directory.CreateSymbolicLink(_temp.File("alias"), "real");   // sorts before "real"
        var scan = new PhotoScanner().Walk(_temp.Path, recurse: true);
        Assert.Equal(new[] { "real/c.jpg" }, Relative(scan.Files));
        Assert.Empty(scan.Problems);   // an alias is no loop
    }

    [Fact]
    public void A_link_to_a_file_beside_it_is_one_photo_and_a_link_to_a_file_elsewhere_is_one_photo()
    {
        if (OperatingSystem.IsWindows()) return;
        using var elsewhere = new TempFolder();
        TestImages.WriteJpeg(_temp.File("shoot/a.jpg"));
        File.CreateSymbolicLink(_temp.File("shoot/0_link_to_a.jpg"), "a.jpg");
        File.CreateSymbolicLink(_temp.File("shoot/outside.jpg"), TestImages.WriteJpeg(Path.Combine(elsewhere.Path, "o.jpg"), seed: 3));
        var files = new PhotoScanner().Scan(_temp.File("shoot"), recurse: false);
        Assert.Equal(new[] { "shoot/a.jpg", "shoot/outside.jpg" }, Relative(files));
    }

    [Fact]
    public void A_name_that_is_not_utf8_is_reported_by_its_bytes_not_as_missing()
    {
        if (!OperatingSystem.IsLinux()) return; // macOS and Windows names are always Unicode
        var good = TestImages.JpegBytes();
        var folder = Encoding.UTF8.GetBytes(_temp.Path + "/");
        var latin1Name = new byte[] { (byte)'c', (byte)'a', (byte)'f', 0xE9, (byte)'.', (byte)'j', (byte)'p', (byte)'g' };
        var file = folder.Concat(latin1Name).ToArray();
        Native.WriteFile(file, good);
        using var cleanup = new Native.Removal(file);
        var listed = Assert.Single(new PhotoScanner().Scan(_temp.Path, recurse: false));
        Assert.Contains('\uFFFD', listed);
        var ex = Assert.Throws<PhotoInputException>(() => new PhotoInspector().Inspect(listed));
        Assert.Equal(PhotoErrorIds.FileNameNotUtf8, ex.ErrorId);
        Assert.Contains(@"caf\xE9.jpg", ex.Message);
        Assert.Contains("636166E92E6A7067", ex.Message);
        Assert.Contains("café.jpg", ex.Message);   // what it would read as Latin-1
        Assert.DoesNotContain("does not exist", ex.Message);
    }

    [Fact]
    public void A_subfolder_whose_name_is_not_utf8_is_reported_once_by_its_bytes()
    {
        if (!OperatingSystem.IsLinux()) return;
        var folder = Encoding.UTF8.GetBytes(_temp.Path + "/").Concat(new byte[] { (byte)'d', 0xFF }).ToArray();
        Assert.Equal(0, Native.MkDir(folder.Append((byte)0).ToArray(), 0x1FF));
        Native.WriteFile(folder.Concat("/x.jpg"u8.ToArray()).ToArray(), TestImages.JpegBytes());
        using var cleanup = new Native.Removal(folder.Concat("/x.jpg"u8.ToArray()).ToArray(), folder);
        var scan = new PhotoScanner().Walk(_temp.Path, recurse: true);
        Assert.Empty(scan.Files);
        var problem = Assert.Single(scan.Problems);
        Assert.Equal(PhotoErrorIds.FileNameNotUtf8, problem.ErrorId);
        Assert.Contains(@"d\xFF", problem.Message);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>libc calls taking byte paths: .NET cannot name a file whose name is not UTF-8.</summary>
    private static class Native
    {
        public static byte[] Bytes(string path) => Encoding.UTF8.GetBytes(path + "\0");

        public static void WriteFile(byte[] path, byte[] content)
        {
            var fd = Open(path.Append((byte)0).ToArray(), 0x41 /* O_WRONLY|O_CREAT */, 0x1A4);
            Assert.True(fd >= 0, "open failed");
            try { Assert.Equal(content.Length, (int)Write(fd, content, content.Length)); }
            finally { _ = Close(fd); }
        }

        /// <summary>Removes files, then folders, named by bytes (TempFolder's .NET delete cannot name them).</summary>
        public sealed class Removal(byte[] file, byte[]? folder = null) : IDisposable
        {
            public void Dispose()
            {
                _ = Unlink(file.Append((byte)0).ToArray());
                if (folder is not null) _ = RmDir(folder.Append((byte)0).ToArray());
            }
        }

        [DllImport("libc", EntryPoint = "unlink")]
        private static extern int Unlink(byte[] path);

        [DllImport("libc", EntryPoint = "rmdir")]
        private static extern int RmDir(byte[] path);

        [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
        public static extern int MkFifo(byte[] path, uint mode);

        [DllImport("libc", EntryPoint = "mkdir", SetLastError = true)]
        public static extern int MkDir(byte[] path, uint mode);

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        private static extern int Open(byte[] path, int flags, uint mode);

        [DllImport("libc", EntryPoint = "write", SetLastError = true)]
        private static extern nint Write(int fd, byte[] buffer, nint count);

        [DllImport("libc", EntryPoint = "close")]
        private static extern int Close(int fd);
    }
}
