namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// Named library roots (<c>-Library @{ archive = '\\nas\photos' }</c>): the same archive mounted at a
/// different path on each machine. A path under a root travels as <c>name:/relative/path</c> with forward
/// slashes, so a Linux worker resolves a path a Windows coordinator listed; without roots, paths travel
/// as they are, for workers that see the same mounts.
/// </summary>
public sealed class LibraryRoots
{
    private readonly List<(string Name, string Root)> _roots;

    public LibraryRoots(IEnumerable<KeyValuePair<string, string>> roots)
    {
        _roots = roots.Select(r => (r.Key, Path.TrimEndingDirectorySeparator(Path.GetFullPath(r.Value))))
            .OrderByDescending(r => r.Item2.Length).ToList();
        foreach (var (name, _) in _roots)
        {
            if (name.Length < 2 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new ArgumentException($"Library name '{name}' must be two or more letters, digits, '-' or '_' (one letter would read as a drive).");
            }
        }
    }

    public static LibraryRoots None { get; } = new(Array.Empty<KeyValuePair<string, string>>());

    /// <summary>The portable form of a local path: library-relative when under a root, else the path itself.</summary>
    public string ToPortable(string path)
    {
        var full = Path.GetFullPath(path);
        foreach (var (name, root) in _roots)
        {
            if (full.Length > root.Length && full.StartsWith(root, StringComparison.Ordinal) && (full[root.Length] == Path.DirectorySeparatorChar || full[root.Length] == Path.AltDirectorySeparatorChar))
            {
                return name + ":/" + full[(root.Length + 1)..].Replace('\\', '/');
            }
        }
        return path;
    }

    /// <summary>
    /// A path the user typed as <c>name:/relative/path</c> (on Windows also <c>name:\relative\path</c>; <c>name:</c> alone for
    /// the root) for one of these libraries, as this machine's path (wildcards kept, for the shell to
    /// expand); null when the path names no library of these roots, so it is resolved as any path.
    /// </summary>
    /// <exception cref="ArgumentException">The path climbs out of its library.</exception>
    public string? Resolve(string path)
    {
        var colon = path.IndexOf(':');
        if (colon < 2 || !path[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return null;
        var rest = path[(colon + 1)..];
        if (rest.Length > 0 && rest[0] != '/' && rest[0] != Path.DirectorySeparatorChar) return null;
        var root = _roots.FirstOrDefault(r => string.Equals(r.Name, path[..colon], StringComparison.OrdinalIgnoreCase)).Root;
        if (root is null) return null;
        var relative = rest.TrimStart('/', Path.DirectorySeparatorChar);
        if (relative.Length == 0) return root;
        var local = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
        if (!local.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && local != root)
        {
            throw new ArgumentException($"'{path}' climbs out of library '{path[..colon]}'.");
        }
        return local;
    }

    /// <summary>This machine's path for a portable one.</summary>
    /// <exception cref="PhotoInputException">The path names a library this machine has no root for, or climbs out of it.</exception>
    public string ToLocal(string portable)
    {
        var colon = portable.IndexOf(":/", StringComparison.Ordinal);
        if (colon < 2 || !portable[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return portable;
        var name = portable[..colon];
        var relative = portable[(colon + 2)..];
        var root = _roots.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)).Root
            ?? throw new PhotoInputException("UnknownLibrary", PhotoProblem.NotFound, portable, $"'{portable}' is in library '{name}', which this worker has no -Library root for.");
        var local = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
        if (!local.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new PhotoInputException("OutsideLibrary", PhotoProblem.NotFound, portable, $"'{portable}' climbs out of library '{name}'.");
        }
        return local;
    }
}
