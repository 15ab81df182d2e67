using System.IO.Enumeration;
using System.Text.RegularExpressions;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// Finds the photo files in folders. The order is stable (ordinal by relative path) so the same folder
/// always gives the same batch. Hidden entries (names starting with '.') are skipped: they are tool
/// folders (.git, .thumbnails) or macOS resource forks (._IMG_0001.JPG), never photos.
/// </summary>
/// <remarks>
/// The walk is by identity, not by path (docs/algorithms.md#hostile-file-systems): each real folder
/// is walked once however many links lead to it, a link back into a folder the walk is inside of
/// (<c>loop -&gt; .</c>) is reported once and not followed, and a file reached by several names
/// (a symbolic or hard link beside its target) is one photo, named by its real path.
/// </remarks>
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
    public IEnumerable<string> Scan(string folder, bool recurse) => Walk(folder, recurse).Files;

    /// <summary>Photo files under <paramref name="folder"/>, sorted, and one problem per folder that could not be walked or was a loop.</summary>
    public FolderScan Walk(string folder, bool recurse)
    {
        var walk = new FolderWalk(Path.GetFullPath(folder), this);
        walk.Run(recurse);
        return new FolderScan(walk.Files(), walk.Problems);
    }

    /// <summary>Whether a file passes the extension filter and the include/exclude patterns (matched on the file name).</summary>
    public bool IsWanted(string path)
    {
        var name = Path.GetFileName(path);
        if (!PhotoFormats.ScannedExtensions.Contains(Path.GetExtension(name))) return false;
        if (_include.Count > 0 && !_include.Any(r => r.IsMatch(name))) return false;
        return !_exclude.Any(r => r.IsMatch(name));
    }

    /// <summary>The photo files a scan found, and what it could not walk.</summary>
    public sealed record FolderScan(IReadOnlyList<string> Files, IReadOnlyList<PhotoInputException> Problems);

    /// <summary>One walk: the folders seen by identity, the folders still to walk, the files found.</summary>
    private sealed class FolderWalk
    {
        private static readonly EnumerationOptions Options = new()
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = false,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            ReturnSpecialDirectories = false,
        };

        private readonly string _root;
        private readonly PhotoScanner _scanner;
        private readonly Dictionary<string, string> _walked = new(StringComparer.Ordinal);
        // Real folders first, folders reached through a link after them: a folder both walked directly and
        // linked to is then named by its real path.
        private readonly Stack<Pending> _real = new();
        private readonly Queue<Pending> _linked = new();
        private readonly List<Found> _found = new();

        public FolderWalk(string root, PhotoScanner scanner)
        {
            _root = root;
            _scanner = scanner;
        }

        public List<PhotoInputException> Problems { get; } = new();

        public void Run(bool recurse)
        {
            _real.Push(new Pending(_root, Array.Empty<string>()));
            while (_real.Count > 0 || _linked.Count > 0)
            {
                var next = _real.Count > 0 ? _real.Pop() : _linked.Dequeue();
                WalkFolder(next, recurse);
            }
        }

        private void WalkFolder(Pending folder, bool recurse)
        {
            var key = IdentityKey(folder.Path, FileNode.Of(folder.Path));
            if (_walked.TryGetValue(key, out var first))
            {
                if (folder.Ancestors.Contains(key))
                {
                    Problems.Add(new PhotoInputException(PhotoErrorIds.DirectoryLoop, PhotoProblem.NotAFile, folder.Path,
                        $"'{folder.Path}' leads back to '{first}', a folder this scan is already inside of (a link loop); it was not followed."));
                }
                return;   // an alias of a folder walked already: its photos are in the batch once
            }
            _walked[key] = folder.Path;
            var ancestors = folder.Ancestors.Append(key).ToArray();
            List<Entry> entries;
            try
            {
                entries = new FileSystemEnumerable<Entry>(folder.Path,
                    (ref FileSystemEntry e) => new Entry(e.ToFullPath(), e.IsDirectory, (e.Attributes & FileAttributes.ReparsePoint) != 0),
                    Options).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Problems.Add(Unwalkable(folder.Path, ex));
                return;
            }
            foreach (var entry in entries)
            {
                if (entry.IsDirectory)
                {
                    if (!recurse) continue;
                    var pending = new Pending(entry.Path, ancestors);
                    if (entry.IsLink) _linked.Enqueue(pending);
                    else _real.Push(pending);
                }
                else if (_scanner.IsWanted(entry.Path))
                {
                    _found.Add(new Found(entry.Path, entry.IsLink, FileNode.Of(entry.Path)));
                }
            }
        }

        private static PhotoInputException Unwalkable(string path, Exception ex)
        {
            if (UndecodableFileName.Explain(path) is { } undecodable)
                return new PhotoInputException(PhotoErrorIds.FileNameNotUtf8, PhotoProblem.NotFound, path, undecodable + " Its photos were not scanned.", ex);
            if (ex is UnauthorizedAccessException)
                return new PhotoInputException(PhotoErrorIds.AccessDenied, PhotoProblem.AccessDenied, path, $"Folder '{path}' cannot be read: access denied; its photos were not scanned.", ex);
            return new PhotoInputException(PhotoErrorIds.FileUnreadable, PhotoProblem.Unreadable, path, $"Folder '{path}' cannot be read: {ex.Message}; its photos were not scanned.", ex);
        }

        /// <summary>Found files, one per real file (its own name preferred to a link's), sorted by relative path.</summary>
        public List<string> Files()
        {
            var files = _found
                .OrderBy(f => f.IsLink)
                .ThenBy(f => Relative(f.Path), StringComparer.Ordinal)
                // A file that cannot be identified (a dangling link, an undecodable name) stays: the inspector reports it.
                .DistinctBy(f => IdentityKey(f.Path, f.Node))
                .Select(f => f.Path)
                .ToList();
            files.Sort((a, b) => string.CompareOrdinal(Relative(a), Relative(b)));
            return files;
        }

        private string Relative(string path) => Path.GetRelativePath(_root, path);

        /// <summary>Device + inode where the platform gives them; else the path with links resolved.</summary>
        private static string IdentityKey(string path, FileNode? node)
        {
            if (node is null) return "path:" + path;   // unreadable: the walk or the inspector reports it
            if (node.Value.Device != 0 || node.Value.Inode != 0) return $"{node.Value.Device}:{node.Value.Inode}";
            var resolved = new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
            return "path:" + Path.TrimEndingDirectorySeparator(resolved);
        }

        private readonly record struct Entry(string Path, bool IsDirectory, bool IsLink);

        private readonly record struct Found(string Path, bool IsLink, FileNode? Node);

        private sealed record Pending(string Path, IReadOnlyList<string> Ancestors);
    }
}
