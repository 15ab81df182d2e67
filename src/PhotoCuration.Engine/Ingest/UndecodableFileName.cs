using System.Runtime.InteropServices;
using System.Text;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// A file name whose bytes are not valid UTF-8 (a Latin-1 name copied from an old camera card or a
/// Windows share). .NET decodes such a name with U+FFFD in place of the bad bytes, and the decoded
/// string names no file, so opening it says "does not exist" — which is false. This finds the entry's
/// real bytes by reading the folder with libc <c>readdir</c>, so the error can show them and say what to
/// do. See docs/algorithms.md#hostile-file-systems.
/// </summary>
public static class UndecodableFileName
{
    /// <summary>
    /// When <paramref name="path"/> does not exist because one of its names was not UTF-8, the message
    /// that says so with the name's bytes; otherwise null.
    /// </summary>
    public static string? Explain(string path)
    {
        if (!path.Contains('\uFFFD')) return null;
        var full = Path.GetFullPath(path);
        // The deepest folder that exists holds the undecodable entry (the next name down the path).
        var folder = Path.GetDirectoryName(full);
        var name = Path.GetFileName(full);
        while (folder is not null && !Directory.Exists(folder))
        {
            name = Path.GetFileName(folder);
            folder = Path.GetDirectoryName(folder);
        }
        if (folder is null || !name.Contains('\uFFFD')) return null;
        var bytes = RawNames(folder).FirstOrDefault(raw => Encoding.UTF8.GetString(raw) == name);
        if (bytes is null)
        {
            return $"The name '{name}' in '{folder}' is not valid UTF-8 (each U+FFFD stands for bytes that are not), so it cannot be opened by name. Rename it to UTF-8 (e.g. convmv -f latin1 -t utf8 --notest).";
        }
        return $"The name '{Escaped(bytes)}' in '{folder}' is not valid UTF-8 (bytes {Convert.ToHexString(bytes)}; as Latin-1 it would read '{Encoding.Latin1.GetString(bytes)}'), so it cannot be opened by name. Rename it to UTF-8 (e.g. convmv -f latin1 -t utf8 --notest).";
    }

    /// <summary>The name with every byte that is not printable ASCII written as <c>\xNN</c>, as ls -b shows it.</summary>
    public static string Escaped(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7F && b != (byte)'\\') text.Append((char)b);
            else text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{b:X2}");
        }
        return text.ToString();
    }

    /// <summary>The raw name bytes of a folder's entries; empty where readdir is not available (names on Windows and macOS are always Unicode).</summary>
    public static IReadOnlyList<byte[]> RawNames(string folder)
    {
        if (!OperatingSystem.IsLinux()) return Array.Empty<byte[]>();
        try
        {
            return ReadDirectory(folder);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return Array.Empty<byte[]>();
        }
    }

    private static unsafe List<byte[]> ReadDirectory(string folder)
    {
        var names = new List<byte[]>();
        var dir = OpenDir(folder);
        if (dir == IntPtr.Zero) return names;
        try
        {
            // glibc and musl struct dirent on 64-bit Linux: d_ino (8), d_off (8), d_reclen (2), d_type (1), then d_name.
            const int NameOffset = 19;
            for (var entry = ReadDir(dir); entry != IntPtr.Zero; entry = ReadDir(dir))
            {
                var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)entry + NameOffset);
                if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8)) continue;
                names.Add(name.ToArray());
            }
        }
        finally
        {
            _ = CloseDir(dir);
        }
        return names;
    }

    [DllImport("libc", EntryPoint = "opendir", SetLastError = true)]
    private static extern IntPtr OpenDir([MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static extern IntPtr ReadDir(IntPtr dir);

    [DllImport("libc", EntryPoint = "closedir")]
    private static extern int CloseDir(IntPtr dir);
}
