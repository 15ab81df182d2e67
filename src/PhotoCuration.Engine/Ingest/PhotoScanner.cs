using System.Text.RegularExpressions;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// Finds the photo files in folders. The order is stable (ordinal by relative path) so the same folder
/// always gives the same batch. Hidden entries (names starting with '.') are skipped: they are tool
/// folders (.git, .thumbnails) or macOS resource forks (._IMG_0001.JPG), never photos.
/// </summary>
public sealed class PhotoScanner
{
    private readonly IReadOnlyList<Regex> _include;
    private readonly IReadOnlyList<Regex> _exclude;

    public PhotoScanner(IEnumerable<string>? include = null, IEnumerable<string>? exclude = null)
    {
        _include = (include ?? Array.Empty<string>()).Select(Glob.ToRegex).ToList();
        _exclude = (exclude ?? Array.Empty<string>()).Select(Glob.ToRegex).ToList();
    }

    /// <summary>Photo files under <paramref name="folder"/>, sorted.</summary>
    public IEnumerable<string> Scan(string folder, bool recurse)
    {
        var root = Path.GetFullPath(folder);
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = recurse,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            MatchType = MatchType.Simple,
            ReturnSpecialDirectories = false,
        };
        var files = Directory.EnumerateFiles(root, "*", options)
            .Where(f => !IsHiddenBelow(root, f))
            .Where(IsWanted)
            .ToList();
        files.Sort((a, b) => string.CompareOrdinal(Path.GetRelativePath(root, a), Path.GetRelativePath(root, b)));
        return files;
    }

    /// <summary>Whether a file passes the extension filter and the include/exclude patterns (matched on the file name).</summary>
    public bool IsWanted(string path)
    {
        var name = Path.GetFileName(path);
        if (!PhotoFormats.ScannedExtensions.Contains(Path.GetExtension(name))) return false;
        if (_include.Count > 0 && !_include.Any(r => r.IsMatch(name))) return false;
        return !_exclude.Any(r => r.IsMatch(name));
    }

    private static bool IsHiddenBelow(string root, string file)
    {
        var relative = Path.GetRelativePath(root, file);
        return relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part.StartsWith('.'));
    }
}
