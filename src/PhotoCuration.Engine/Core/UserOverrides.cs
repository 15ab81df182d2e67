using System.Text.RegularExpressions;

namespace PhotoCuration.Engine.Core;

/// <summary>
/// The declarative lock-in / exclude lists (docs/architecture.md#stage-documents <c>user_overrides</c>). An entry names a photo
/// by file name (wildcards allowed), full path, or photo id (<c>sha256:…</c>, or at least its first 8
/// hex digits). Exclude wins over lock-in when both name a photo; unmatched entries are reported.
/// </summary>
public sealed class UserOverrides
{
    private readonly List<Entry> _lockIn;
    private readonly List<Entry> _exclude;

    public UserOverrides(IEnumerable<string>? lockIn, IEnumerable<string>? exclude)
    {
        _lockIn = (lockIn ?? Array.Empty<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => new Entry(s.Trim())).ToList();
        _exclude = (exclude ?? Array.Empty<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => new Entry(s.Trim())).ToList();
    }

    public IReadOnlyList<string> LockIn => _lockIn.Select(e => e.Text).ToList();
    public IReadOnlyList<string> Exclude => _exclude.Select(e => e.Text).ToList();

    /// <summary>Sets <see cref="Photo.IsLocked"/> and <see cref="Photo.IsExcluded"/> from the lists.</summary>
    public void Apply(Photo photo)
    {
        // Evaluate every entry (no short-circuit) so each one that names a photo counts as matched.
        var locked = _lockIn.Count(e => e.Matches(photo)) > 0;
        var excluded = _exclude.Count(e => e.Matches(photo)) > 0;
        photo.IsExcluded = excluded || photo.IsExcluded;
        photo.IsLocked = !photo.IsExcluded && (locked || photo.IsLocked);
    }

    /// <summary>Entries that matched no photo so far, with the list they came from.</summary>
    public IEnumerable<(string List, string Entry)> Unmatched() =>
        _lockIn.Where(e => !e.Matched).Select(e => ("lock_in", e.Text))
            .Concat(_exclude.Where(e => !e.Matched).Select(e => ("exclude", e.Text)));

    private sealed class Entry
    {
        private readonly Regex? _glob;

        public Entry(string text)
        {
            Text = text;
            if (Glob.HasWildcards(text) && !text.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase)) _glob = Glob.ToRegex(text);
        }

        public string Text { get; }
        public bool Matched { get; private set; }

        public bool Matches(Photo photo)
        {
            // Literal name, path or id first: '[' is common in real names ("IMG_0001 [edit].jpg").
            var hit = string.Equals(Text, photo.FileName, StringComparison.OrdinalIgnoreCase)
                  || string.Equals(Text, photo.Path, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
                  || MatchesId(photo.PhotoId)
                  || (_glob is not null && _glob.IsMatch(photo.FileName))
                  || MatchesCompanion(photo.CompanionPath);
            if (hit) Matched = true;
            return hit;
        }

        /// <summary>A RAW + JPEG pair is one photo: naming either file names it.</summary>
        private bool MatchesCompanion(string? companion)
        {
            if (companion is null) return false;
            var name = System.IO.Path.GetFileName(companion);
            return string.Equals(Text, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(Text, companion, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
                || (_glob is not null && _glob.IsMatch(name));
        }

        private bool MatchesId(string photoId)
        {
            if (string.Equals(Text, photoId, StringComparison.OrdinalIgnoreCase)) return true;
            var hex = Text.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? Text[7..] : Text;
            return hex.Length >= 8 && hex.All(char.IsAsciiHexDigit)
                && photoId.StartsWith("sha256:" + hex, StringComparison.OrdinalIgnoreCase);
        }
    }
}
