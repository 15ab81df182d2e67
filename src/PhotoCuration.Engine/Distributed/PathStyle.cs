namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// How one operating system spells a full path: Windows (<c>C:\photos</c>, <c>\\nas\photos</c>; '\' and
/// '/' both separate, names compare case-insensitively) or POSIX (<c>/mnt/photos</c>; only '/' separates,
/// '\' is an ordinary character of a name, names compare exactly). <see cref="LibraryRoots"/> maps paths
/// in the style of the machine it runs on; the other style exists so tests on one OS prove the mapping a
/// machine of the other OS does (docs/distributed.md#library-relative-paths).
/// </summary>
public sealed class PathStyle
{
    public static PathStyle Posix { get; } = new('/', StringComparison.Ordinal, "posix");
    public static PathStyle Windows { get; } = new('\\', StringComparison.OrdinalIgnoreCase, "windows");

    /// <summary>The style of this machine.</summary>
    public static PathStyle Current => OperatingSystem.IsWindows() ? Windows : Posix;

    private readonly string _name;

    private PathStyle(char separator, StringComparison comparison, string name)
    {
        Separator = separator;
        Comparison = comparison;
        _name = name;
    }

    public char Separator { get; }

    /// <summary>How two paths of this style compare (Windows and its SMB shares ignore case).</summary>
    public StringComparison Comparison { get; }

    public bool IsSeparator(char c) => c == Separator || (this == Windows && c == '/');

    /// <summary>
    /// The normalized full path: on this machine's style <see cref="Path.GetFullPath(string)"/> (relative
    /// to the current folder); in the other style the absolute path with '.' and '..' resolved by text.
    /// Trailing separators are dropped, except the file-system root's own.
    /// </summary>
    public string Full(string path)
    {
        var full = this == Current ? Path.GetFullPath(path) : Lexical(path);
        var rootLength = RootLength(full);
        while (full.Length > rootLength && IsSeparator(full[^1])) full = full[..^1];
        return full;
    }

    /// <summary>Length of the root part of a full path: '/' (POSIX), <c>C:\</c> or <c>\\server\share\</c> (Windows); 0 when relative.</summary>
    public int RootLength(string path)
    {
        if (this == Posix) return path.StartsWith('/') ? 1 : 0;
        if (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && IsSeparator(path[2])) return 3;
        if (path.Length >= 2 && IsSeparator(path[0]) && IsSeparator(path[1]))
        {
            // \\server\share\ : the root ends after the share's name.
            var server = path.IndexOfAny(new[] { '\\', '/' }, 2);
            if (server < 0) return path.Length;
            var share = path.IndexOfAny(new[] { '\\', '/' }, server + 1);
            return share < 0 ? path.Length : share + 1;
        }
        return 0;
    }

    /// <summary>The names of a path below its root, split at this style's separators (empty names and '.' dropped).</summary>
    public IEnumerable<string> Segments(string relative) =>
        relative.Split(this == Windows ? new[] { '\\', '/' } : new[] { '/' }).Where(s => s.Length > 0 && s != ".");

    private string Lexical(string path)
    {
        var rootLength = RootLength(path);
        if (rootLength == 0) throw new ArgumentException($"'{path}' is not a full {_name} path.", nameof(path));
        var root = path[..rootLength];
        if (this == Windows) root = root.Replace('/', '\\');
        if (!IsSeparator(root[^1])) root += Separator;
        var names = new List<string>();
        foreach (var segment in Segments(path[rootLength..]))
        {
            if (segment == "..") { if (names.Count > 0) names.RemoveAt(names.Count - 1); }
            else names.Add(segment);
        }
        return root + string.Join(Separator, names);
    }

    public override string ToString() => _name;
}
