using System.Text;

namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// Batch ids name files (<c>intermediateJsons/&lt;stage&gt;/&lt;batch_id&gt;.json</c>), so they are kept to a
/// safe, portable alphabet.
/// </summary>
public static class BatchIds
{
    public const int MaxLength = 64;

    /// <summary>Returns the id unchanged when it is valid, else throws with the rule it breaks.</summary>
    public static string Validate(string batchId)
    {
        if (string.IsNullOrWhiteSpace(batchId)) throw new ArgumentException("A batch id must not be empty.");
        if (batchId.Length > MaxLength) throw new ArgumentException($"Batch id '{batchId}' is longer than {MaxLength} characters.");
        foreach (var c in batchId)
        {
            if (!IsAllowed(c))
            {
                throw new ArgumentException($"Batch id '{batchId}' may contain only letters a–z, A–Z, digits, '_', '-' and '.'; found '{c}'.");
            }
        }
        if (batchId[0] == '.') throw new ArgumentException($"Batch id '{batchId}' must not start with '.'.");
        return batchId;
    }

    /// <summary>Makes a valid batch id from any text (a folder name, usually).</summary>
    public static string FromName(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (IsAllowed(c)) sb.Append(c);
            else if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            else if (sb.Length > 0 && sb[^1] != '_') sb.Append('_');
        }
        var id = sb.ToString().Trim('_', '.');
        if (id.Length > MaxLength) id = id[..MaxLength].TrimEnd('_', '.');
        return id.Length == 0 ? "batch" : id;
    }

    private static bool IsAllowed(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or '.';
}
