using System.Runtime.InteropServices;

namespace PhotoCuration.Engine.Ingest;

/// <summary>What kind of file system object a path names.</summary>
public enum FileNodeKind
{
    Regular,
    Directory,
    SymbolicLink,
    NamedPipe,
    Socket,
    CharacterDevice,
    BlockDevice,
    Other,
}

/// <summary>
/// The kind and identity (device + inode on Unix, volume serial + file index on Windows) of a path, read
/// without opening it for reading. .NET has no managed API for either: <c>File.Exists</c> is true for a
/// named pipe, and opening one blocks until a writer appears (two ingest workers hung on a <c>fifo.jpg</c>
/// for ever); a folder reached through <c>loop -&gt; .</c> has a different path every level, so only its
/// identity shows it was already walked. See docs/algorithms.md#hostile-file-systems.
/// </summary>
public readonly record struct FileNode(FileNodeKind Kind, ulong Device, ulong Inode)
{
    /// <summary>The node <paramref name="path"/> names, following symbolic links (<c>stat</c>); null when it cannot be read (missing, dangling link, no permission).</summary>
    public static FileNode? Of(string path) => Read(path, followLinks: true);

    /// <summary>The node of the path itself, a symbolic link not followed (<c>lstat</c>).</summary>
    public static FileNode? OfLink(string path) => Read(path, followLinks: false);

    /// <summary>Whether this and <paramref name="other"/> are the same object (hard links, symbolic links and bind mounts alike).</summary>
    public bool SameAs(FileNode other) => Device == other.Device && Inode == other.Inode;

    /// <summary>Words for the kind, as an error message names it.</summary>
    public static string Describe(FileNodeKind kind) => kind switch
    {
        FileNodeKind.NamedPipe => "a named pipe (FIFO)",
        FileNodeKind.Socket => "a socket",
        FileNodeKind.CharacterDevice => "a character device",
        FileNodeKind.BlockDevice => "a block device",
        FileNodeKind.Directory => "a folder",
        FileNodeKind.SymbolicLink => "a symbolic link",
        FileNodeKind.Regular => "a regular file",
        _ => "not a regular file",
    };

    private static FileNode? Read(string path, bool followLinks)
    {
        try
        {
            if (OperatingSystem.IsWindows()) return WindowsNode.Read(path, followLinks);
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) return UnixNode.Read(path, followLinks);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // An unknown libc: fall through to what .NET can tell.
        }
        return ManagedFallback(path, followLinks);
    }

    /// <summary>Without the native call: the kind from .NET's attributes, no identity (so no loop detection by identity).</summary>
    private static FileNode? ManagedFallback(string path, bool followLinks)
    {
        FileSystemInfo info = new FileInfo(path);
        if (!info.Exists) info = new DirectoryInfo(path);
        if (!info.Exists) return null;
        if (!followLinks && info.LinkTarget is not null) return new FileNode(FileNodeKind.SymbolicLink, 0, 0);
        return new FileNode(info is DirectoryInfo ? FileNodeKind.Directory : FileNodeKind.Regular, 0, 0);
    }

    /// <summary>libc <c>stat</c>/<c>lstat</c>; the <c>struct stat</c> layout differs by platform and architecture, so only the three fields needed are read at their known offsets.</summary>
    private static unsafe class UnixNode
    {
        private const int BufferSize = 512;    // larger than struct stat on every supported platform (144 bytes)

        public static FileNode? Read(string path, bool followLinks)
        {
            var buffer = stackalloc byte[BufferSize];
            new Span<byte>(buffer, BufferSize).Clear();
            if (Call(path, buffer, followLinks) != 0) return null;
            ulong device, inode;
            uint mode;
            if (OperatingSystem.IsMacOS())
            {
                // Darwin 64-bit-inode struct stat: dev_t st_dev (int32); mode_t st_mode (uint16); nlink; ino_t st_ino (uint64) at 8.
                device = (uint)*(int*)buffer;
                mode = *(ushort*)(buffer + 4);
                inode = *(ulong*)(buffer + 8);
            }
            else
            {
                // Linux: st_dev (8 bytes) and st_ino (8 bytes) lead on every architecture; st_mode follows st_nlink
                // (8 bytes) on x86-64, and comes right after st_ino on the generic layout (arm64, riscv64, loongarch64).
                device = *(ulong*)buffer;
                inode = *(ulong*)(buffer + 8);
                mode = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? *(uint*)(buffer + 24) : *(uint*)(buffer + 16);
            }
            return new FileNode(KindOf(mode), device, inode);
        }

        private static FileNodeKind KindOf(uint mode) => (mode & 0xF000) switch
        {
            0x8000 => FileNodeKind.Regular,
            0x4000 => FileNodeKind.Directory,
            0xA000 => FileNodeKind.SymbolicLink,
            0x1000 => FileNodeKind.NamedPipe,
            0xC000 => FileNodeKind.Socket,
            0x2000 => FileNodeKind.CharacterDevice,
            0x6000 => FileNodeKind.BlockDevice,
            _ => FileNodeKind.Other,
        };

        private static int Call(string path, byte* buffer, bool followLinks)
        {
            if (OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
                return followLinks ? StatInode64(path, buffer) : LStatInode64(path, buffer);
            try
            {
                return followLinks ? Stat(path, buffer) : LStat(path, buffer);
            }
            catch (EntryPointNotFoundException) when (OperatingSystem.IsLinux())
            {
                // glibc before 2.33 exports only the versioned __xstat (version 1 on x86-64, 0 elsewhere).
                var version = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 1 : 0;
                return followLinks ? XStat(version, path, buffer) : LXStat(version, path, buffer);
            }
        }

        [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
        private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buffer);

        [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
        private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buffer);

        [DllImport("libc", EntryPoint = "__xstat", SetLastError = true)]
        private static extern int XStat(int version, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buffer);

        [DllImport("libc", EntryPoint = "__lxstat", SetLastError = true)]
        private static extern int LXStat(int version, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buffer);

        [DllImport("libc", EntryPoint = "stat$INODE64", SetLastError = true)]
        private static extern int StatInode64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buffer);

        [DllImport("libc", EntryPoint = "lstat$INODE64", SetLastError = true)]
        private static extern int LStatInode64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* buffer);
    }

    /// <summary>Windows: the identity from GetFileInformationByHandle on a handle opened for no access (no read, so nothing can block).</summary>
    private static class WindowsNode
    {
        private const uint FileFlagBackupSemantics = 0x02000000;   // needed to open a folder
        private const uint FileFlagOpenReparsePoint = 0x00200000;  // the link itself, not its target
        private const uint ShareAll = 7;
        private const uint OpenExisting = 3;
        private const uint AttributeDirectory = 0x10;
        private const uint AttributeReparsePoint = 0x400;

        public static FileNode? Read(string path, bool followLinks)
        {
            var flags = FileFlagBackupSemantics | (followLinks ? 0 : FileFlagOpenReparsePoint);
            using var handle = CreateFileW(path, 0, ShareAll, IntPtr.Zero, OpenExisting, flags, IntPtr.Zero);
            if (handle.IsInvalid || !GetFileInformationByHandle(handle, out var info)) return null;
            var kind = !followLinks && (info.Attributes & AttributeReparsePoint) != 0 ? FileNodeKind.SymbolicLink
                : (info.Attributes & AttributeDirectory) != 0 ? FileNodeKind.Directory
                : GetFileType(handle) == 1 ? FileNodeKind.Regular : FileNodeKind.Other;   // FILE_TYPE_DISK
            return new FileNode(kind, info.VolumeSerialNumber, ((ulong)info.FileIndexHigh << 32) | info.FileIndexLow);
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct ByHandleFileInformation
        {
            public uint Attributes;
            // Three FILETIMEs as 32-bit halves: a FILETIME is 4-byte aligned, a long would add padding.
            public uint CreationLow, CreationHigh, AccessLow, AccessHigh, WriteLow, WriteHigh;
            public uint VolumeSerialNumber, FileSizeHigh, FileSizeLow, NumberOfLinks, FileIndexHigh, FileIndexLow;
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern Microsoft.Win32.SafeHandles.SafeFileHandle CreateFileW(string name, uint access, uint share, IntPtr security, uint disposition, uint flags, IntPtr template);

        [DllImport("kernel32", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool GetFileInformationByHandle(Microsoft.Win32.SafeHandles.SafeFileHandle handle, out ByHandleFileInformation info);

        [DllImport("kernel32")]
        private static extern uint GetFileType(Microsoft.Win32.SafeHandles.SafeFileHandle handle);
    }
}
