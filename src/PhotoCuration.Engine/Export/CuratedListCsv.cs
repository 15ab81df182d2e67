using System.Globalization;
using System.Text;

namespace PhotoCuration.Engine.Export;

/// <summary>
/// <c>curated_list.csv</c> for spreadsheets: one row per pick in sequence (layout) order, with its quality
/// rank and stars, RFC 4180 quoting, CRLF line
/// ends, invariant numbers, UTF-8 with a byte-order mark (so Excel shows non-ASCII names right). Text
/// cells that a spreadsheet would run as a formula (starting with = + - @ or a tab/CR) are prefixed with
/// an apostrophe (the OWASP CSV-injection advice): file names and EXIF come from outside.
/// </summary>
public static class CuratedListCsv
{
    public static readonly string[] Header =
    {
        "sequence", "rank", "rating", "file_name", "exported", "photo_id", "cluster_id", "role", "role_probability", "marginal_gain", "pick_order", "locked", "verdict",
        "Q_tech", "Aesthetic", "Vibe", "Typography", "Composition", "Total", "diversity_tags", "reasons", "original",
    };

    public static byte[] Build(CuratedListDocument document, IReadOnlyList<CuratedItem> items)
    {
        var bySequence = document.Items.ToDictionary(i => i.Sequence);
        var sb = new StringBuilder();
        sb.Append(string.Join(",", Header)).Append("\r\n");
        foreach (var item in items.OrderBy(i => i.Sequence))
        {
            var doc = bySequence[item.Sequence];
            var cells = new[]
            {
                Number(item.Sequence), Number(item.Rank), Number(item.Rating), Text(item.FileName), Text(doc.Artifacts.Exported), Text(item.PhotoId), Text(doc.ClusterId ?? ""), Text(item.Role),
                Number(item.RoleProbability), Number(item.MarginalGain), Number(item.PickOrder), item.IsLocked ? "true" : "false", Text(doc.Verdict),
                Number(doc.Scores.QTech), Number(doc.Scores.Aesthetic), Number(doc.Scores.Vibe), Number(doc.Scores.Typography),
                Number(doc.Scores.Composition), Number(doc.Scores.Total),
                Text(string.Join("; ", doc.DiversityTags)), Text(string.Join(" | ", doc.Reasons)), Text(doc.Artifacts.Original),
            };
            sb.Append(string.Join(",", cells)).Append("\r\n");
        }
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
    }

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
