using System.Globalization;
using System.Text;

namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// Names of derived files: <c>&lt;stem&gt;_&lt;first 8 hex of photo_id&gt;&lt;suffix&gt;</c> (docs/architecture.md#workspace-and-cache), so
/// two <c>P001.jpg</c> from different folders never collide, and no input name can reach outside the
/// folder it is written to.
/// </summary>
public static class DerivedFileName
{
    private const int MaxStemLength = 80;
    /// <summary>File names are limited to 255 bytes; leave room for "_&lt;8 hex&gt;_std.jpg" and the temp-file decoration.</summary>
    private const int MaxStemBytes = 150;

    public static string For(string originalPath, string photoId, string suffix)
    {
        var stem = SafeStem(System.IO.Path.GetFileNameWithoutExtension(originalPath));
        return stem + "_" + Hashing.ShortHex(photoId) + suffix;
    }

    /// <summary>Keeps letters (any script), digits, '-', '_' and '.'; everything else becomes '_'.</summary>
    public static string SafeStem(string stem)
    {
        var sb = new StringBuilder(stem.Length);
        foreach (var rune in stem.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var keep = Rune.IsLetterOrDigit(rune) || rune.Value is '-' or '_' or '.'
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (keep && Encoding.UTF8.GetByteCount(sb.ToString()) + rune.Utf8SequenceLength > MaxStemBytes) break;
            if (keep) sb.Append(rune.ToString());
            else if (sb.Length == 0 || sb[^1] != '_') sb.Append('_');
            if (sb.Length >= MaxStemLength) break;
        }
        var result = sb.ToString().Trim('.', '_');
        return result.Length == 0 ? "photo" : result;
    }
}
