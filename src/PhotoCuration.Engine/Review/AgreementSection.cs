using System.Globalization;
using System.Text;
using PhotoCuration.Engine.Taste;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Review;

/// <summary>
/// The review page's agreement with the photographer (docs/architecture.md#review-page): what
/// Measure-CurationAgreement found — precision, recall and F1 of the curated set against the
/// photographer's picks, hero agreement, within-moment pairwise accuracy, Kendall's τ_b, the AUCs — and
/// the photos where the two disagree most, each with both sides' reasons. Measured when the page is made
/// with a reference, else read from the report an earlier Measure-CurationAgreement wrote
/// (data/agreement/&lt;batch&gt;.json). Every string (file names, reasons, the reference's paths) is escaped.
/// </summary>
public static class AgreementSection
{
    /// <summary>Element id of the section.</summary>
    public const string Id = "agreement";

    /// <summary>Disagreements shown at most (the report keeps them all).</summary>
    public const int MaxDisagreements = 12;

    /// <summary>
    /// The agreement to show: measured against <paramref name="reference"/> when given (the report is
    /// written, as Measure-CurationAgreement writes it), else the batch's report when one exists, else null.
    /// </summary>
    /// <param name="library">-Library roots for the batch's library-relative originals; null: its recorded ones.</param>
    public static CurationAgreement? Load(string workspace, string batchId, IReadOnlyList<string>? reference, int? pickRating,
        Action<PhotoInputException> problem, Action<string> warning, Distributed.LibraryRoots? library = null)
    {
        if (reference is { Count: > 0 }) return WorkspaceAgreement.Measure(workspace, batchId, reference, pickRating, problem, warning, library);
        var path = WorkspaceAgreement.ReportPath(new WorkspaceLayout(workspace), batchId);
        if (!File.Exists(path)) return null;
        try
        {
            return StageJson.Read<CurationAgreement>(path);
        }
        catch (System.Text.Json.JsonException ex)
        {
            warning($"The agreement report '{path}' cannot be read ({ex.Message}); the page shows no agreement.");
            return null;
        }
    }

    /// <summary>The section's markup.</summary>
    public static string Render(CurationAgreement a)
    {
        var sb = new StringBuilder();
        sb.Append($"<section id=\"{Id}\"><h2>Agreement with the photographer</h2>");
        sb.Append($"<p class=\"meta\">Measure-CurationAgreement against {Html.Text(string.Join(", ", a.Reference))}: picks are {Html.Text(a.PickRule)}; {a.MatchedCount} of {a.PhotoCount} photos matched, {a.PickCount} picks, {a.RejectCount} rejects, a set of {a.SetCount}. It describes the run as it was measured, before this page's decisions.</p>");
        sb.Append("<div class=\"heatwrap\"><table class=\"kv agreement\">\n");
        Row(sb, "precision / recall / F1 of the set", $"{Value(a.Precision)} / {Value(a.Recall)} / {Value(a.F1)}", "precision");
        Row(sb, "precision at the photographer's count", Value(a.PrecisionAtPickCount), "precision-at-count");
        Row(sb, "hero agreement", $"{Value(a.HeroAgreement)} ({a.MomentsWithPicks} moments with a pick)", "hero");
        Row(sb, "within-moment pairwise accuracy", $"{Value(a.PairwiseAccuracy)} ({a.PairCount} pairs)", "pairs");
        Row(sb, "Kendall τ_b (Total vs ratings)", Value(a.KendallTauB), "tau");
        Row(sb, "AUC pick vs reject / pick vs rest", $"{Value(a.PickRejectAuc)} / {Value(a.PickAuc)}", "auc");
        sb.Append("</table></div>\n");
        var shown = a.Disagreements.Take(MaxDisagreements).ToList();
        sb.Append($"<h3>Where the run and the photographer disagree most ({shown.Count} of {a.Disagreements.Length})</h3>");
        if (shown.Count == 0) sb.Append("<p class=\"meta\">No disagreements.</p>");
        else
        {
            sb.Append("<div class=\"heatwrap\"><table class=\"disagreements\"><tr><th>photo</th><th>gap</th><th>the run</th><th>the photographer</th></tr>\n");
            foreach (var d in shown)
            {
                sb.Append($"<tr data-photo=\"{Html.Text(d.PhotoId)}\"><td>{Html.Text(d.FileName)}<br><span class=\"meta\">{Html.Text(d.Kind)}{(d.MomentId is { Length: > 0 } m ? " · " + Html.Text(m) : "")}</span></td>");
                sb.Append($"<td>{Html.Number(d.Gap)}</td><td>Total {Html.Number(d.Total)}{List(d.OurReasons)}</td>");
                sb.Append($"<td>{(d.Rating is { } r ? (r < 0 ? "rejected" : $"{r} star{(r == 1 ? "" : "s")}") : "unrated")}{List(d.TheirReasons)}</td></tr>\n");
            }
            sb.Append("</table></div>");
        }
        return sb.Append("</section>\n").ToString();
    }

    private static string Value(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static void Row(StringBuilder sb, string key, string value, string name) =>
        sb.Append($"<tr data-measure=\"{name}\"><th>{Html.Text(key)}</th><td>{Html.Text(value)}</td></tr>\n");

    private static string List(IEnumerable<string> reasons)
    {
        var items = reasons.Select(r => $"<li>{Html.Text(r)}</li>").ToList();
        return items.Count == 0 ? "" : "<ul class=\"reasons\">" + string.Concat(items) + "</ul>";
    }
}
