using System.Text;
using System.Text.Json;
using PhotoCuration.Engine.Ranking;
using PhotoCuration.Engine.Selection;

namespace PhotoCuration.Engine.Review;

/// <summary>
/// The culling part of the review page (docs/architecture.md#review-page): a dense grid of every photo
/// (picks first in sequence order; views for all photos, moment heroes and dropped ones; filters by
/// moment, role and flag) and, as JSON the page's script reads, what the loupe and the compare view show
/// of each photo — scores, reasons, EXIF, faces, its moment and why it lost to the hero. A tile's image is
/// named as <see cref="PageImages"/> says: on a page written to disk the script lends it the thumbnail
/// embedded elsewhere on the page, on a served page it is the server's lazily loaded thumbnail — either
/// way the payload grows with thumbnails only. One tile and one photo's entry also render on their own,
/// for the changes a decision sends back (<see cref="PagePatch"/>).
/// </summary>
internal sealed class CullingGrid
{
    /// <summary>Id of the JSON block the script reads.</summary>
    public const string DataId = "photo-data";

    private readonly ReviewBatch _batch;
    private readonly OptimizerStageDocument _opt;
    private readonly IReadOnlySet<string> _locked;
    private readonly IReadOnlySet<string> _excluded;
    private readonly IReadOnlyDictionary<string, int> _userStars;
    private readonly PageImages _images;
    private readonly Dictionary<string, int> _sequence;
    private readonly Dictionary<string, string> _roles;

    public CullingGrid(ReviewBatch batch, OptimizerStageDocument opt, IReadOnlySet<string> locked, IReadOnlySet<string> excluded, IReadOnlyDictionary<string, int>? userStars, PageImages images)
    {
        _batch = batch;
        _opt = opt;
        _locked = locked;
        _excluded = excluded;
        _userStars = userStars ?? new Dictionary<string, int>();
        _images = images;
        _sequence = _opt.SelectedIds.Select((id, i) => (id, i)).GroupBy(x => x.id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i + 1, StringComparer.Ordinal);
        _roles = _opt.Roles.GroupBy(r => r.PhotoId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Role, StringComparer.Ordinal);
    }

    private List<Entry>? _entries;
    private Dictionary<string, Entry>? _byId;

    private Dictionary<string, Entry> ById(IReadOnlyList<PhotoMoment> moments, IReadOnlyList<(Photo Photo, IReadOnlyList<string> Reasons)> dropped)
    {
        if (_byId is null)
        {
            _entries = Entries(moments, dropped);
            _byId = _entries.ToDictionary(e => e.Photo.PhotoId, StringComparer.Ordinal);
        }
        return _byId;
    }

    /// <summary>One photo's tile as it is now, or null when the grid has none for it.</summary>
    public string? TileOf(string photoId, IReadOnlyList<PhotoMoment> moments, IReadOnlyList<(Photo Photo, IReadOnlyList<string> Reasons)> dropped)
    {
        if (!ById(moments, dropped).TryGetValue(photoId, out var e)) return null;
        var sb = new StringBuilder();
        Tile(sb, e);
        return sb.ToString();
    }

    /// <summary>One photo's entry of the script's data as it is now, or null when the grid has none for it.</summary>
    public Dictionary<string, object?>? DataOf(string photoId, IReadOnlyList<PhotoMoment> moments, IReadOnlyList<(Photo Photo, IReadOnlyList<string> Reasons)> dropped) =>
        ById(moments, dropped).TryGetValue(photoId, out var e) ? DataEntry(e) : null;

    /// <summary>One photo as the grid, loupe and compare view know it.</summary>
    private sealed record Entry(Photo Photo, PhotoMoment? Moment, int MomentRank, string? Why, string State, string? Flag, double DetailCue, IReadOnlyList<string> Reasons);

    public string Render(IReadOnlyList<PhotoMoment> moments, IReadOnlyList<(Photo Photo, IReadOnlyList<string> Reasons)> dropped)
    {
        ById(moments, dropped);
        var entries = _entries!;
        var roles = _roles;
        var sb = new StringBuilder();
        sb.Append("<section id=\"cull\"><h2>Cull</h2>");
        sb.Append("<div class=\"toolbar\" role=\"toolbar\" aria-label=\"Grid view and filters\">");
        foreach (var (view, label) in new[] { ("picks", "Picks"), ("all", "All photos"), ("moments", "Moments"), ("dropped", "Dropped") })
        {
            sb.Append($"<button type=\"button\" class=\"view{(view == "picks" ? " on" : "")}\" data-view=\"{view}\" aria-pressed=\"{(view == "picks" ? "true" : "false")}\">{label}</button>");
        }
        sb.Append("<label>Moment <select id=\"f-moment\"><option value=\"\">any</option>");
        foreach (var m in moments) sb.Append($"<option value=\"{Html.Text(m.MomentId)}\">{Html.Text(m.MomentId)} ({m.Members.Length})</option>");
        sb.Append("</select></label><label>Role <select id=\"f-role\"><option value=\"\">any</option>");
        foreach (var role in roles.Values.Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal)) sb.Append($"<option>{Html.Text(role)}</option>");
        sb.Append("</select></label><label><input type=\"checkbox\" id=\"f-flag\"> gate doubts only</label>");
        sb.Append("<button type=\"button\" id=\"keys-button\" aria-label=\"Keyboard shortcuts\">? keys</button></div>");
        sb.Append("<p class=\"meta\">Arrows move · Enter opens the loupe (click: 100 %) · P pick · X reject · U undo · C compare the moment · 1–5 stars (0 clears) · ? keys</p>");
        sb.Append("<div class=\"grid\" id=\"grid\">");
        foreach (var e in entries) Tile(sb, e);
        sb.Append("</div>");
        sb.Append($"<script type=\"application/json\" id=\"{DataId}\">{Data(entries, moments)}</script>");
        sb.Append("</section>\n");
        return sb.ToString();
    }

    private void Tile(StringBuilder sb, Entry e)
    {
        var id = e.Photo.PhotoId;
        var seq = _sequence.GetValueOrDefault(id);
        var stars = _userStars.TryGetValue(id, out var user) ? user : _opt.Ratings.GetValueOrDefault(id);
        var role = _roles.GetValueOrDefault(id);
        // The first view shows the picks: other tiles come hidden, so the browser lays out one screenful, not the batch.
        sb.Append($"<figure class=\"tile state-{e.State}{(_locked.Contains(id) ? " locked" : "")}\"{(e.State == "pick" ? "" : " hidden")} tabindex=\"-1\" data-photo=\"{Html.Text(id)}\" data-state=\"{e.State}\" data-seq=\"{seq}\"");
        sb.Append($" data-moment=\"{Html.Text(e.Moment?.MomentId ?? "")}\" data-mrank=\"{e.MomentRank}\" data-role=\"{Html.Text(role ?? "")}\" data-flag=\"{(e.Flag is null ? "" : "1")}\">");
        sb.Append($"<div class=\"timg\">{_images.TileTag(e.Photo)}</div><figcaption>");
        sb.Append($"<span class=\"name\">{Html.Text(e.Photo.FileName)}</span>");
        if (seq > 0) sb.Append($"<span class=\"seq\" title=\"place in the sequence\">#{seq}</span>");
        if (stars is >= 1 and <= 5) sb.Append($"<span class=\"stars{(user > 0 ? " user" : "")}\" title=\"{stars} of 5 stars{(user > 0 ? ", set by you" : "")}\">{new string('★', stars)}</span>");
        if (role is not null) sb.Append($"<span class=\"role role-{Html.Text(role)}\">{Html.Text(role)}</span>");
        if (e.Flag is not null) sb.Append($"<span class=\"flag\" title=\"{Html.Text(e.Flag)}\">⚑</span>");
        if (e.Moment is { Members.Length: > 1 } && e.MomentRank == 1) sb.Append("<span class=\"badge hero\">hero</span>");
        sb.Append($"<span class=\"cue\" title=\"detail {Html.Percent(e.DetailCue)}% of the sharpest frame of its moment\"><span style=\"width:{Html.Percent(e.DetailCue)}%\"></span></span>");
        sb.Append("</figcaption></figure>");
    }

    private List<Entry> Entries(IReadOnlyList<PhotoMoment> moments, IReadOnlyList<(Photo Photo, IReadOnlyList<string> Reasons)> dropped)
    {
        var selected = new HashSet<string>(_opt.SelectedIds, StringComparer.Ordinal);
        var list = new List<Entry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var moment in moments)
        {
            var best = moment.Members.Select(p => p.Features?.Detail ?? 0).DefaultIfEmpty(0).Max();
            for (var r = 0; r < moment.Members.Length; r++)
            {
                var photo = moment.Members[r];
                if (!seen.Add(photo.PhotoId)) continue;
                var why = moment.Rationales.FirstOrDefault(x => x.PhotoId == photo.PhotoId)?.Reason;
                var state = _excluded.Contains(photo.PhotoId) ? "excluded" : selected.Contains(photo.PhotoId) ? "pick" : "kept";
                var cue = best > 0 ? (photo.Features?.Detail ?? 0) / best : 0;
                list.Add(new Entry(photo, moment, r + 1, why, state, FlagOf(photo), cue, _opt.Reasons.GetValueOrDefault(photo.PhotoId) ?? new List<string>()));
            }
        }
        foreach (var (photo, reasons) in dropped)
        {
            if (!seen.Add(photo.PhotoId)) continue;
            var state = _excluded.Contains(photo.PhotoId) ? "excluded" : selected.Contains(photo.PhotoId) ? "pick" : "dropped";
            list.Add(new Entry(photo, null, 0, null, state, "dropped by the technical gate: " + string.Join(", ", reasons), 0,
                _opt.Reasons.GetValueOrDefault(photo.PhotoId) ?? reasons.ToList()));
        }
        return list;
    }

    private static string? FlagOf(Photo photo) =>
        photo.Score is { } s && GateVerdict.IsFlagged(s) ? "flagged: " + GateVerdict.FlagDetail(s)
        : photo.Score is { } f && GateVerdict.FailedGate(f) ? "failed the gate: " + string.Join(", ", GateVerdict.FailReasons(f))
        : null;

    /// <summary>The JSON the script reads (System.Text.Json escapes &lt; and &gt;, so no string can close the script element).</summary>
    private string Data(IReadOnlyList<Entry> entries, IReadOnlyList<PhotoMoment> moments)
    {
        var photos = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var e in entries) photos[e.Photo.PhotoId] = DataEntry(e);
        var data = new
        {
            photos,
            moments = moments.Select(m => new { id = m.MomentId, members = m.Members.Select(x => x.PhotoId).ToList() }).ToList(),
        };
        return JsonSerializer.Serialize(data);
    }

    private Dictionary<string, object?> DataEntry(Entry e)
    {
        var p = e.Photo;
        var exif = p.Exif;
        return new Dictionary<string, object?>
        {
            ["file"] = p.FileName,
            ["moment"] = e.Moment?.MomentId,
            ["moment_rank"] = e.MomentRank,
            ["moment_size"] = e.Moment?.Members.Length ?? 0,
            ["why"] = e.Why,
            ["state"] = e.State,
            ["locked"] = _locked.Contains(p.PhotoId),
            ["sequence"] = _sequence.GetValueOrDefault(p.PhotoId),
            ["rank"] = _opt.Ranks.GetValueOrDefault(p.PhotoId),
            ["stars"] = _opt.Ratings.TryGetValue(p.PhotoId, out var st) ? st : null,
            ["user_stars"] = _userStars.TryGetValue(p.PhotoId, out var us) ? us : null,
            ["role"] = _roles.GetValueOrDefault(p.PhotoId),
            ["flag"] = e.Flag,
            ["detail_cue"] = Math.Round(e.DetailCue, 3),
            ["exif"] = new Dictionary<string, string?>
            {
                ["time"] = exif.CaptureTimeLocal?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                ["camera"] = exif.Camera,
                ["lens"] = exif.LensModel,
                ["exposure"] = exif.Exposure,
                ["size"] = p.Preprocess is { } pre ? $"{pre.OriginalWidth}×{pre.OriginalHeight}" : null,
            },
            ["scores"] = p.Score is { } s ? ReportPage.ScoreBars.ToDictionary(b => b.Label, b => Math.Round(b.Value(s), 3)) : null,
            ["reasons"] = e.Reasons,
            ["face_notes"] = FaceOverlay.Notes(p, e.Moment?.Rationales.FirstOrDefault(r => r.PhotoId == p.PhotoId)),
            ["faces"] = p.Faces?.Select(f => new { x = Math.Round(f.X, 4), y = Math.Round(f.Y, 4), w = Math.Round(f.Width, 4), h = Math.Round(f.Height, 4), eyes = f.EyeState, sharpness = Math.Round(f.SharpnessRatio, 3) }).ToList(),
        };
    }
}
