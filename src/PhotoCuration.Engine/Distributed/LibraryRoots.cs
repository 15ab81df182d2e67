using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// Named library roots (<c>-Library @{ archive = '\\nas\photos' }</c>): the same archive mounted at a
/// different path on each machine. A path under a root is written as <c>name:/relative/path</c> with
/// forward slashes — in tasks, results, stage JSON and curated_list.json — so a Linux machine resolves a
/// path a Windows machine listed (docs/distributed.md#library-relative-paths); without roots, paths stay
/// as they are, for machines that see the same mounts.
/// </summary>
public sealed class LibraryRoots
{
    private readonly List<(string Name, string Root)> _roots;
    private readonly PathStyle _style;

    public LibraryRoots(IEnumerable<KeyValuePair<string, string>> roots) : this(roots, PathStyle.Current) { }

    /// <param name="style">How the roots and the paths mapped are spelled (this machine's style, except in tests).</param>
    public LibraryRoots(IEnumerable<KeyValuePair<string, string>> roots, PathStyle style)
    {
        _style = style;
        _roots = roots.Select(r => (r.Key, style.Full(r.Value))).OrderByDescending(r => r.Item2.Length).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        foreach (var (name, _) in _roots)
        {
            if (!IsName(name))
            {
                throw new ArgumentException($"Library name '{name}' must be two or more letters, digits, '-' or '_' (one letter would read as a drive).");
            }
            // Stage JSON records originals outside every library as file:// URIs: a library named so would read as one.
            if (string.Equals(name, "file", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException("Library name 'file' is reserved (file: URIs).");
        }
        var twice = _roots.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"Library name '{twice.Key}' is given twice (names ignore case).");
    }

    public static LibraryRoots None { get; } = new(Array.Empty<KeyValuePair<string, string>>());

    public bool IsEmpty => _roots.Count == 0;

    /// <summary>The roots, by name (ordinal order): what a run records in its workspace (<c>LibraryManifest</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Roots =>
        _roots.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => new KeyValuePair<string, string>(r.Name, r.Root)).ToList();

    /// <summary>True when <paramref name="value"/> is written in the library-relative form <c>name:/…</c> (not a <c>file:</c> URI, not a drive path).</summary>
    public static bool IsPortable(string value)
    {
        var colon = value.IndexOf(":/", StringComparison.Ordinal);
        return colon >= 2 && IsName(value[..colon]) && !value.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsName(string name) => name.Length >= 2 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The library-relative form of a local path under one of the roots (the longest that holds it); null when it is under none.</summary>
    public string? TryPortable(string path)
    {
        if (_roots.Count == 0) return null;
        var full = _style.Full(path);
        foreach (var (name, root) in _roots)
        {
            var below = Below(root, full);
            if (below is null) continue;
            // POSIX: '\' is part of a name and stays; Windows: it is the separator and becomes '/'.
            return name + ":/" + string.Join('/', _style.Segments(below));
        }
        return null;
    }

    /// <summary>The part of <paramref name="full"/> below <paramref name="root"/>, or null when it is not strictly below it.</summary>
    private string? Below(string root, string full)
    {
        var prefix = _style.IsSeparator(root[^1]) ? root : root + _style.Separator;
        return full.Length > prefix.Length && full.StartsWith(prefix, _style.Comparison) ? full[prefix.Length..] : null;
    }

    /// <summary>The portable form of a local path: library-relative when under a root, else the path itself.</summary>
    public string ToPortable(string path) => TryPortable(path) ?? path;

    /// <summary>
    /// A path the user typed as <c>name:/relative/path</c> (on Windows also <c>name:\relative\path</c>; <c>name:</c> alone for
    /// the root) for one of these libraries, as this machine's path (wildcards kept, for the shell to
    /// expand); null when the path names no library of these roots, so it is resolved as any path.
    /// </summary>
    /// <exception cref="ArgumentException">The path climbs out of its library.</exception>
    public string? Resolve(string path)
    {
        var colon = path.IndexOf(':');
        if (colon < 2 || !IsName(path[..colon])) return null;
        var rest = path[(colon + 1)..];
        if (rest.Length > 0 && !_style.IsSeparator(rest[0]) && rest[0] != '/') return null;
        var root = RootOf(path[..colon]);
        if (root is null) return null;
        return Join(root, rest) ?? throw new ArgumentException($"'{path}' climbs out of library '{path[..colon]}'.");
    }

    /// <summary>This machine's path for a portable one (a path in no library is returned as it is).</summary>
    /// <exception cref="PhotoInputException">The path names a library this machine has no root for, or climbs out of it.</exception>
    public string ToLocal(string portable)
    {
        if (!IsPortable(portable)) return portable;
        var colon = portable.IndexOf(":/", StringComparison.Ordinal);
        var name = portable[..colon];
        var root = RootOf(name)
            ?? throw new PhotoInputException(PhotoErrorIds.UnknownLibrary, PhotoProblem.NotFound, portable,
                $"'{portable}' is in library '{name}', which has no root here: give -Library @{{ {name} = '<this machine's folder of {name}>' }}.");
        var relative = portable[(colon + 2)..];
        // Windows: a ':' in a name would reach another drive or a stream of the file.
        var local = _style == PathStyle.Windows && relative.Contains(':') ? null : Join(root, relative);
        if (local is null || local.Length == root.Length)
        {
            throw new PhotoInputException(PhotoErrorIds.OutsideLibrary, PhotoProblem.NotFound, portable, $"'{portable}' names no file inside library '{name}' (it climbs out of it).");
        }
        return local;
    }

    /// <summary>
    /// A photo's originals found again under these roots: its <see cref="Photo.Path"/> becomes what its
    /// library-relative form (<see cref="Photo.LibraryPath"/>) names here, and every other original it names
    /// under the place that library was (a RAW + JPEG pair's <see cref="Photo.CompanionPath"/>, an exact
    /// copy's <see cref="Photo.DuplicateOf"/>) moves with it — for a step given -Library whose photos were
    /// resolved elsewhere (another machine, before the library moved). File names are kept, so derived
    /// images (named after the original's file name and the photo id) keep their names. A photo in no
    /// library, or no roots, is left as it is; an original outside the photo's library keeps its path.
    /// </summary>
    /// <exception cref="PhotoInputException">UnknownLibrary or OutsideLibrary (<see cref="ToLocal"/>); the photo is then unchanged.</exception>
    public void Relocate(Photo photo)
    {
        if (IsEmpty || photo.LibraryPath is null) return;
        var colon = photo.LibraryPath.IndexOf(":/", StringComparison.Ordinal);
        var name = photo.LibraryPath[..colon];
        var here = ToLocal(photo.LibraryPath);
        var from = photo.Path;
        // Where the library was for this photo: its old path without the part below the library.
        var left = RootLeft(from, photo.LibraryPath[(colon + 2)..]);
        OriginalPaths.Repath(photo, original => original == from ? here : Moved(original, left, name));
    }

    /// <summary>The root <paramref name="path"/> was found under, given its part below that root; null when the path does not end so.</summary>
    private string? RootLeft(string path, string relative)
    {
        var full = _style.Full(path);
        var below = string.Join(_style.Separator, _style.Segments(relative));
        var cut = full.Length - below.Length;
        if (below.Length == 0 || cut < 1 || !_style.IsSeparator(full[cut - 1]) || !full.EndsWith(below, _style.Comparison)) return null;
        return full[..cut];
    }

    /// <summary>An original under the library's old root, under its root here (file name kept); any other path as it is.</summary>
    private string Moved(string original, string? left, string name)
    {
        var below = left is null ? null : Below(left, _style.Full(original));
        return below is null ? original : ToLocal(name + ":/" + string.Join('/', _style.Segments(below)));
    }

    private string? RootOf(string name) => _roots.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)).Root;

    /// <summary>The root joined with a relative path, '.' and '..' resolved by text; null when '..' climbs above the root.</summary>
    private string? Join(string root, string relative)
    {
        var names = new List<string>();
        foreach (var segment in _style.Segments(relative))
        {
            if (segment != "..") names.Add(segment);
            else if (names.Count == 0) return null;
            else names.RemoveAt(names.Count - 1);
        }
        if (names.Count == 0) return root;
        return (_style.IsSeparator(root[^1]) ? root : root + _style.Separator) + string.Join(_style.Separator, names);
    }
}
