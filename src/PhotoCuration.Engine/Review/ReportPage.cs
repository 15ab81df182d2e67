using System.Globalization;
using System.Text;
using PhotoCuration.Engine.Ranking;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Review;

/// <summary>
/// The review page (docs/architecture.md#review-page): one self-contained HTML document — inline CSS and script, thumbnails as
/// data: URIs — with why-cards for the selection in rank order, a coverage heat map per axis, the
/// moments with hero and alternates, the photos the gate dropped and why, the excluded photos, and the
/// run's parameters and costs. With a server token the buttons post actions; without one (a page
/// exported to disk) they are hidden. Every string from a file or EXIF is escaped (<see cref="Html"/>).
/// </summary>
public sealed class ReportPage
{
    public static readonly (string Label, Func<PhotoScore, double> Value)[] ScoreBars =
    {
        ("Q_tech", s => s.QTech), ("Aesthetic", s => s.Aesthetic), ("Vibe", s => s.Vibe),
        ("Typography", s => s.Typography), ("Composition", s => s.Composition), ("Total", s => s.Total),
    };

    /// <summary>Marks a page this class wrote, so Export-CurationReport may replace it without -Force.</summary>
    public const string Generator = "PhotoCuration review page";

    /// <summary>True when the file starts like a page this class wrote.</summary>
    public static bool IsReportFile(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var head = new char[1024];
            var n = reader.ReadBlock(head, 0, head.Length);
            return new string(head, 0, n).Contains($"<meta name=\"generator\" content=\"{Generator}\">", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Step of one emphasis nudge.</summary>
    public const double NudgeStep = 0.25;

    private readonly ReviewBatch _batch;
    private readonly BatchOverrides? _overrides;
    private readonly PageImages _images;
    private CurationAgreement? _agreement;
    private StringBuilder _out = new();
    private readonly OptimizerStageDocument _opt;
    private readonly HashSet<string> _selected;
    private readonly HashSet<string> _locked;
    private readonly HashSet<string> _excluded;

    internal ReportPage(ReviewBatch batch, BatchOverrides? overrides, PageImages images)
    {
        _batch = batch;
        _overrides = overrides;
        _images = images;
        _opt = batch.Optimizer ?? new OptimizerStageDocument { BatchId = batch.BatchId };
        _selected = new HashSet<string>(_opt.SelectedIds, StringComparer.Ordinal);
        _locked = new HashSet<string>(_opt.Locked, StringComparer.Ordinal);
        _excluded = new HashSet<string>(_opt.Excluded, StringComparer.Ordinal);
        if (overrides is not null)
        {
            // Photos outside the optimizer's candidates (dropped by the gate) carry the file's flags too.
            var probe = batch.Photos.Select(p => new Photo { PhotoId = p.PhotoId, FileName = p.FileName, Path = p.Path }).ToList();
            overrides.ApplyTo(probe);
            foreach (var p in probe.Where(p => p.IsLocked)) _locked.Add(p.PhotoId);
            foreach (var p in probe.Where(p => p.IsExcluded)) _excluded.Add(p.PhotoId);
        }
    }

    /// <param name="token">The server's per-run token; null for a page written to disk (no buttons).</param>
    /// <param name="generation">Number of actions the server has applied; lets a client see that the page changed.</param>
    /// <param name="agreement">Agreement with the photographer's decisions (<see cref="AgreementSection"/>), shown when given.</param>
    public static string Build(ReviewBatch batch, BatchOverrides? overrides, Thumbnails thumbs, string? token = null, int generation = 0, string? createdAt = null,
        CurationAgreement? agreement = null) =>
        Build(batch, overrides, PageImages.Inline(thumbs), token, generation, createdAt, agreement);

    internal static string Build(ReviewBatch batch, BatchOverrides? overrides, PageImages images, string? token = null, int generation = 0, string? createdAt = null,
        CurationAgreement? agreement = null)
    {
        var page = new ReportPage(batch, overrides, images) { _agreement = agreement };
        page.Render(token, generation, createdAt ?? DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        return page._out.ToString();
    }

    /// <summary>The batch's moments as the page shows them (rebuilt once per page view).</summary>
    internal IReadOnlyList<PhotoMoment> MomentList => _moments ??= _batch.Moments();
    private IReadOnlyList<PhotoMoment>? _moments;

    internal IReadOnlyList<(Photo Photo, IReadOnlyList<string> Reasons)> DroppedList => _dropped ??= _batch.Dropped().ToList();
    private IReadOnlyList<(Photo Photo, IReadOnlyList<string> Reasons)>? _dropped;

    private Dictionary<string, PhotoMoment> MomentOf => _momentOf ??= MomentList.SelectMany(m => m.Members.Select(p => (p.PhotoId, Moment: m)))
        .GroupBy(x => x.PhotoId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Moment, StringComparer.Ordinal);
    private Dictionary<string, PhotoMoment>? _momentOf;

    private Dictionary<string, OptimizerStageDocument.RoleEntry> Roles => _roles ??= _opt.Roles.GroupBy(r => r.PhotoId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    private Dictionary<string, OptimizerStageDocument.RoleEntry>? _roles;

    internal CullingGrid Grid => _grid ??= new CullingGrid(_batch, _opt, _locked, _excluded, _overrides?.Ratings, _images);
    private CullingGrid? _grid;

    private void Render(string? token, int generation, string createdAt)
    {
        var moments = MomentList;
        var dropped = DroppedList;
        var title = $"Curation review — {_batch.BatchId}";
        W("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        W("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        W($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ReportStyle.ContentSecurityPolicy}\">");
        W("<meta name=\"referrer\" content=\"no-referrer\">");
        W($"<meta name=\"generator\" content=\"{Generator}\">");
        W($"<title>{Html.Text(title)}</title><style>{ReportStyle.Css}{CullingClient.Css}</style></head>\n");
        W($"<body class=\"{(token is null ? "static" : "live")}\" data-token=\"{Html.Text(token ?? "")}\" data-generation=\"{generation}\" data-batch=\"{Html.Text(_batch.BatchId)}\">\n");
        W("<header>");
        W($"<h1>{Html.Text(title)}</h1>");
        Summary();
        W($"<p class=\"summary\" id=\"stage-run\">{Html.Text(RunLine())}</p>");
        W($"<nav><a href=\"#cull\">Cull</a><a href=\"#selected\">Selection</a><a href=\"#coverage\">Coverage</a><a href=\"#moments\">Moments</a><a href=\"#dropped\">Dropped</a><a href=\"#excluded\">Excluded</a>{(_agreement is null ? "" : $"<a href=\"#{AgreementSection.Id}\">Agreement</a>")}<a href=\"#run\">Run</a></nav>");
        if (FaceOverlay.AnyFaces(_batch.Photos)) W(FaceOverlay.Toggle);
        W("<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>");
        W("</header>\n<main>\n");
        Prompts();
        W(Grid.Render(moments, dropped));
        Selected();
        Coverage();
        Moments(moments);
        Dropped(dropped);
        Excluded();
        if (_agreement is not null) W(AgreementSection.Render(_agreement));
        Run();
        W("</main>\n");
        W($"<footer>PhotoCuration review page · batch {Html.Text(_batch.BatchId)} · made {Html.Text(createdAt)} · {(token is null ? "self-contained: no network, thumbnails embedded" : "served by Start-CurationReview on 127.0.0.1")}.</footer>\n");
        W($"<script>{CullingClient.Script}</script>\n</body></html>\n");
    }

    private void Summary() =>
        W($"<p class=\"summary\" id=\"summary\">{_opt.SelectedIds.Count} selected of {_opt.Candidates} candidates · theme {Html.Text(_batch.Theme.Name)} · {MomentList.Count} moments · {DroppedList.Count} dropped by the technical gate · {_excluded.Count} excluded · {_locked.Count} locked · objective {Html.Number(_opt.Objective, "0.###")}</p>");

    // ---- blocks a decision sends back (PagePatch): each renders one element of the page as it is now ----

    /// <summary>Renders one part of the page on its own.</summary>
    private string Capture(Action render)
    {
        var saved = _out;
        _out = new StringBuilder();
        try
        {
            render();
            return _out.ToString();
        }
        finally
        {
            _out = saved;
        }
    }

    /// <summary>The page's sections whose content depends on the whole selection, by element id.</summary>
    internal IReadOnlyDictionary<string, string> Sections() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["summary"] = Capture(Summary),
        ["prompts"] = Capture(Prompts),
        ["selected-title"] = Capture(SelectedTitle),
        ["coverage"] = Capture(Coverage),
        ["excluded"] = Capture(Excluded),
        ["run"] = Capture(Run),
    };

    /// <summary>The why-card of a pick, or null when the photo is not selected.</summary>
    internal string? CardOf(string photoId)
    {
        var index = _opt.SelectedIds.IndexOf(photoId);
        return index < 0 || _batch.Find(photoId) is not { } photo ? null : Capture(() => Card(photo, index + 1));
    }

    /// <summary>The photo's frame in its moment's strip (and in the cards of its moment's picks), or null when it is in no moment.</summary>
    internal string? FrameOf(string photoId) =>
        MomentOf.TryGetValue(photoId, out var moment) && _batch.Find(photoId) is { } photo ? Capture(() => Frame(photo, moment)) : null;

    /// <summary>The photo's frame among the dropped ones, or null when the gate kept it.</summary>
    internal string? DroppedFrameOf(string photoId) =>
        DroppedList.FirstOrDefault(d => d.Photo.PhotoId == photoId) is { Photo: not null } d ? Capture(() => DroppedFrame(d.Photo, d.Reasons)) : null;

    /// <summary>Photo ids of the moment the photo belongs to (itself alone when in none).</summary>
    internal IEnumerable<string> MomentMates(string photoId) =>
        MomentOf.TryGetValue(photoId, out var moment) ? moment.Members.Select(m => m.PhotoId) : new[] { photoId };

    internal IReadOnlyList<string> SelectedIds => _opt.SelectedIds;

    /// <summary>
    /// Everything of one photo that its tile, card, frames and script entry show and a decision can change
    /// (state, lock, sequence, rank, stars, role, gain, axes, reasons): equal signatures, equal markup.
    /// </summary>
    internal string Signature(Photo photo)
    {
        var id = photo.PhotoId;
        var sb = new StringBuilder();
        sb.Append(_selected.Contains(id) ? 'S' : '-').Append(_locked.Contains(id) ? 'L' : '-').Append(_excluded.Contains(id) ? 'X' : '-');
        sb.Append('|').Append(_opt.SelectedIds.IndexOf(id)).Append('|').Append(_opt.Ranks.GetValueOrDefault(id)).Append('|').Append(_opt.Ratings.GetValueOrDefault(id));
        sb.Append('|').Append(_overrides?.Ratings?.GetValueOrDefault(id) ?? 0);
        if (Roles.TryGetValue(id, out var role)) sb.Append('|').Append(role.Role).Append(' ').Append(Html.Number(role.Prob));
        sb.Append('|').Append(Html.Number(_opt.MarginalGains.GetValueOrDefault(id), "0.000"));
        if (_opt.Axes.TryGetValue(id, out var axes)) foreach (var (k, v) in axes.OrderBy(a => a.Key, StringComparer.Ordinal)) sb.Append('|').Append(k).Append('=').Append(v);
        if (_opt.Reasons.TryGetValue(id, out var reasons)) foreach (var r in reasons) sb.Append('|').Append(r);
        return sb.ToString();
    }

    /// <summary>Which stage run the page shows (always the batch's main run), and the experiments it does not (docs/algorithms.md#stage-runs).</summary>
    private string RunLine()
    {
        var others = Workspace.StageRuns.RunsOf(_batch.Layout, _batch.BatchId);
        return "Run: main (the stage files of intermediateJsons/, as exported)" +
            (others.Count == 0 ? "" : $"; experiments not shown: {string.Join(", ", others)}");
    }

    private void Prompts()
    {
        // An empty, hidden section when there are none, so a decision that brings prompts has a place for them.
        if (_opt.Prompts.Count == 0) { W("<section id=\"prompts\" hidden></section>\n"); return; }
        W("<section id=\"prompts\"><h2>Prompts</h2><ul class=\"prompts\">");
        foreach (var p in _opt.Prompts) W($"<li>{Html.Text(p)}</li>");
        W("</ul></section>\n");
    }

    private void Selected()
    {
        W("<section id=\"selected\">");
        SelectedTitle();
        W("<p class=\"meta\">#: place in the layout sequence (opener first, closer last). Rank: quality order among the picks (1 = best Total). Stars: quality within the whole shoot.</p><div class=\"cards\">\n");
        var rank = 0;
        foreach (var id in _opt.SelectedIds)
        {
            rank++;
            if (_batch.Find(id) is { } photo) Card(photo, rank);
        }
        if (rank == 0) W("<p>No selection yet: run Select-CuratedSet for this batch.</p>");
        W("</div></section>\n");
    }

    private void SelectedTitle() => W($"<h2 id=\"selected-title\">Selection in sequence order ({_opt.SelectedIds.Count})</h2>");

    private void Card(Photo photo, int rank)
    {
        var id = photo.PhotoId;
        var role = Roles.GetValueOrDefault(id);
        var locked = _locked.Contains(id);
        W($"<article class=\"card{(locked ? " locked" : "")}\" id=\"{Anchor(photo)}\" data-photo=\"{Html.Text(id)}\" data-rank=\"{rank}\">");
        W($"<div class=\"thumb\">{FaceOverlay.Wrap(Image(photo), photo)}</div><div class=\"body\">");
        W($"<h3><span class=\"rank\">#{rank}</span>{Html.Text(photo.FileName)}");
        if (_opt.Ranks.TryGetValue(id, out var qualityRank)) W($"<span class=\"quality\" title=\"quality rank among the picks\">rank {qualityRank}</span>");
        if (_opt.Ratings.TryGetValue(id, out var stars) && stars is >= 1 and <= 5) W($"<span class=\"stars\" title=\"{stars} of 5 stars\">{new string('★', stars)}{new string('☆', 5 - stars)}</span>");
        if (photo.Score is { } gate && GateVerdict.IsFlagged(gate)) W($"<span class=\"badge flagged\" title=\"{Html.Text(GateVerdict.FlagDetail(gate))}\">flagged</span>");
        if (photo.Score is { } failed && GateVerdict.FailedGate(failed)) W($"<span class=\"badge flagged\" title=\"{Html.Text(string.Join(", ", GateVerdict.FailReasons(failed)))}\">failed gate</span>");
        if (role is not null) W($"<span class=\"role role-{Html.Text(role.Role)}\">{Html.Text(role.Role)} {Html.Number(role.Prob)}</span>");
        if (locked) W("<span class=\"badge\">locked</span>");
        W("</h3>");
        Meta(photo);
        Bars(photo.Score);
        W($"<p class=\"meta\">marginal gain {Html.Number(_opt.MarginalGains.GetValueOrDefault(id), "0.000")}</p>");
        if (_opt.Axes.TryGetValue(id, out var axes))
        {
            W("<ul class=\"tags\">");
            foreach (var (axis, value) in axes.OrderBy(a => CoverageOrder(a.Key))) W($"<li>{Html.Text(axis)}:{Html.Text(value)}</li>");
            W("</ul>");
        }
        if (_opt.Reasons.TryGetValue(id, out var reasons) && reasons.Count > 0)
        {
            W("<ul class=\"reasons\">");
            foreach (var r in reasons) W($"<li>{Html.Text(r)}</li>");
            W("</ul>");
        }
        var faceNotes = FaceOverlay.Notes(photo, MomentOf.GetValueOrDefault(id)?.Rationales.FirstOrDefault(r => r.PhotoId == id));
        if (faceNotes.Count > 0)
        {
            W("<ul class=\"faces\">");
            foreach (var note in faceNotes) W($"<li>{Html.Text(note)}</li>");
            W("</ul>");
        }
        W("<div class=\"actions\">");
        W(locked ? Button("unlock", id, "Unlock") : Button("lock", id, "Lock"));
        W(Button("exclude", id, "Exclude", "exclude"));
        W("</div>");
        if (MomentOf.TryGetValue(id, out var moment) && moment.Members.Length > 1)
        {
            W($"<p class=\"meta\">Other frames of moment {Html.Text(moment.MomentId)}:</p><div class=\"siblings\">");
            foreach (var other in moment.Members.Where(m => m.PhotoId != id)) Frame(other, moment);
            W("</div>");
        }
        W("</div></article>\n");
    }

    private void Coverage()
    {
        W("<section id=\"coverage\"><h2>Coverage per axis</h2><p class=\"meta\">Each cell: a value of the axis among the candidates; darker = more of the selection shows it; dashed = not covered. Emphasis weights the axis in the objective.</p><div class=\"heatwrap\"><table class=\"heat\">\n");
        var emphasis = _opt.Params.AxisEmphasis;
        var selectedAxes = _opt.SelectedIds.Select(id => _opt.Axes.GetValueOrDefault(id)).Where(a => a is not null).Select(a => a!).ToList();
        var candidates = _batch.Photos.Where(p => p.Features is not null && p.Score is not { IsDropped: true } && !_excluded.Contains(p.PhotoId)).ToList();
        foreach (var axis in CoverageAxes.All)
        {
            var counts = selectedAxes.Select(a => a.GetValueOrDefault(axis) ?? CoverageAxes.Unknown).Where(v => v != CoverageAxes.Unknown)
                .GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            // A look is a visual group of this shoot: only the selection's looks have numbers here.
            var present = axis == CoverageAxes.Look
                ? new SortedSet<string>(counts.Keys, StringComparer.Ordinal)
                : new SortedSet<string>(candidates.Select(p => CoverageAxes.Of(p, null)[axis]).Where(v => v != CoverageAxes.Unknown).Concat(counts.Keys), StringComparer.Ordinal);
            var coverage = _opt.Coverage.TryGetValue(axis, out var c) ? c : (double?)null;
            var e = CoverageAxes.Emphasis(emphasis, axis);
            W($"<tr data-axis=\"{axis}\"><th>{axis}<br><span class=\"cov\">coverage {(coverage is { } cv ? Html.Percent(cv) + "%" : "n/a")} · emphasis <b class=\"emph\">{Html.Number(e, "0.0#")}</b></span><br>");
            W(Nudge(axis, -NudgeStep, "−") + " " + Nudge(axis, NudgeStep, "+"));
            W("</th>");
            if (present.Count == 0) W("<td class=\"v miss\">no value (needs a model or EXIF)</td>");
            var most = Math.Max(1, counts.Values.DefaultIfEmpty(0).Max());
            foreach (var value in present)
            {
                var n = counts.GetValueOrDefault(value);
                var alpha = n == 0 ? 0 : 0.15 + 0.75 * n / most;
                var style = n == 0 ? "" : $" style=\"background:rgba(var(--heat),{Html.Number(alpha)});{(alpha > 0.55 ? "color:#fff" : "")}\"";
                W($"<td class=\"v{(n == 0 ? " miss" : "")}\"{style} title=\"{Html.Text(value)}: {n} selected\">{Html.Text(value)}<br>{n}</td>");
            }
            if (axis == CoverageAxes.Look && coverage is > 0 && coverage < 1)
            {
                var missing = (int)Math.Round(present.Count / coverage.Value) - present.Count;
                if (missing > 0) W($"<td class=\"v miss\">+{missing} look{(missing == 1 ? "" : "s")} not shown</td>");
            }
            W("</tr>\n");
        }
        W("</table></div></section>\n");
    }

    private void Moments(IReadOnlyList<PhotoMoment> moments)
    {
        W($"<section id=\"moments\"><h2>Moments ({moments.Count})</h2><div class=\"moments\">\n");
        foreach (var moment in moments)
        {
            var span = moment.SpanSeconds is { } s && moment.Members.Length > 1 ? $" · {s.ToString("0.#", CultureInfo.InvariantCulture)} s" : "";
            var start = moment.Start is { } t ? " · " + t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "";
            W($"<div class=\"moment\" id=\"{Html.Text(moment.MomentId)}\"><h3>{Html.Text(moment.MomentId)} <span>{moment.Members.Length} frame{(moment.Members.Length == 1 ? "" : "s")}{start}{span} · ranked by {Html.Text(moment.RankedBy)}</span></h3><div class=\"strip\">");
            foreach (var photo in moment.Members) Frame(photo, moment);
            W("</div></div>\n");
        }
        if (moments.Count == 0) W("<p>No moments yet: run Group-PhotoMoment for this batch.</p>");
        W("</div></section>\n");
    }

    private void Dropped(IReadOnlyList<(Photo Photo, IReadOnlyList<string> Reasons)> dropped)
    {
        W($"<section id=\"dropped\"><h2>Dropped by the technical gate ({dropped.Count})</h2><p class=\"meta\">Q_tech below the theme's gate (q_tech_min {Html.Number(_batch.Scoring.QTechMin)}). Locking one in overrides the gate.</p><div class=\"strip\">\n");
        foreach (var (photo, reasons) in dropped) DroppedFrame(photo, reasons);
        W("</div></section>\n");
    }

    private void DroppedFrame(Photo photo, IReadOnlyList<string> reasons)
    {
        var locked = _locked.Contains(photo.PhotoId);
        W($"<figure class=\"frame{(_selected.Contains(photo.PhotoId) ? " selected" : "")}\" id=\"{Anchor(photo)}-dropped\" data-photo=\"{Html.Text(photo.PhotoId)}\">{Image(photo)}<figcaption>{Html.Text(photo.FileName)}");
        W($"<br><span class=\"why\">{Html.Text(string.Join(", ", reasons))}{(photo.Score is { } sc ? $" · Q_tech {Html.Number(sc.QTech)}" : "")}</span>");
        if (locked) W("<br><span class=\"badge\">locked</span>");
        W("<br>" + (locked ? Button("unlock", photo.PhotoId, "Unlock") : Button("lock", photo.PhotoId, "Lock in", "lock")));
        W("</figcaption></figure>\n");
    }

    private void Excluded()
    {
        var excluded = _batch.Photos.Where(p => _excluded.Contains(p.PhotoId)).ToList();
        W($"<section id=\"excluded\"><h2>Excluded ({excluded.Count})</h2><div class=\"strip\">\n");
        foreach (var photo in excluded)
        {
            W($"<figure class=\"frame excluded\" id=\"{Anchor(photo)}-excluded\" data-photo=\"{Html.Text(photo.PhotoId)}\">{Image(photo)}<figcaption>{Html.Text(photo.FileName)}<br>{Button("unlock", photo.PhotoId, "Include again")}</figcaption></figure>\n");
        }
        if (excluded.Count == 0) W("<p class=\"meta\">None.</p>");
        W("</div></section>\n");
    }

    private void Run()
    {
        var p = _opt.Params;
        W("<section id=\"run\"><h2>Run: parameters and costs</h2><div class=\"heatwrap\"><table class=\"kv\">\n");
        Row("theme", _batch.Theme.Name);
        Row("count", p.Count.ToString(CultureInfo.InvariantCulture));
        Row("quality weight / diversity weight", $"{Html.Number(p.QualityWeight)} / {Html.Number(p.DiversityWeight)}");
        Row("max per moment", p.MaxPerMoment.ToString(CultureInfo.InvariantCulture));
        Row("role quotas", string.Join(", ", p.RoleQuotas.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}")));
        Row("axis emphasis", string.Join(", ", p.AxisEmphasis.OrderBy(k => CoverageOrder(k.Key)).Select(k => $"{k.Key} {Html.Number(k.Value, "0.0#")}")));
        Row("similarity / algorithm", $"{p.Similarity} / {p.Algorithm}");
        Row("seed", p.Seed.ToString(CultureInfo.InvariantCulture));
        Row("candidates / objective", $"{_opt.Candidates} / {Html.Number(_opt.Objective, "0.###")}");
        Row("technical gate", $"q_tech_min {Html.Number(_batch.Scoring.QTechMin)}, scorecard {_batch.Scoring.ScorecardVersion}");
        if (_batch.Clustering?.Params is { } mp)
        {
            Row("moments", string.Create(CultureInfo.InvariantCulture, $"time gap {mp.TimeGapSeconds:0.#} s, max hash distance {mp.MaxHashDistance:0.#}, similarity {mp.Similarity}, {mp.CandidatePairs} candidate pairs of {mp.TotalPairs}"));
        }
        Costs(_batch.Ranking);
        // The timings of the run that wrote the list on disk (its audit), not the timing log's latest
        // entries, which a later run that failed half-way would have overwritten.
        var timings = ListedTimings();
        Row("stage timings", timings is null ? "no curated list exported yet"
            : string.Join(", ", timings.Select(t => $"{t.Key} {t.Value.ToString(CultureInfo.InvariantCulture)} ms")) + " (the run that wrote curated_list.json)");
        var overridesPath = WorkspacePaths.ToRelative(_batch.Layout, BatchOverridesFile.PathFor(_batch.Layout, _batch.BatchId));
        Row("overrides", _overrides is null ? $"none ({overridesPath} does not exist)"
            : $"{overridesPath}: lock_in [{string.Join(", ", _overrides.UserOverrides.LockIn)}], exclude [{string.Join(", ", _overrides.UserOverrides.Exclude)}], axis_emphasis {{{string.Join(", ", _overrides.AxisEmphasis.Select(k => $"{k.Key}: {Html.Number(k.Value, "0.0#")}"))}}}");
        W("</table></div></section>\n");
    }

    /// <summary>audit.stage_timings_ms of the batch's curated_list.json, or null when there is none (or it cannot be read).</summary>
    private IReadOnlyDictionary<string, long>? ListedTimings()
    {
        var path = Path.Combine(_batch.Layout.OutputDir, _batch.BatchId, Export.CuratedListExport.JsonFileName);
        try
        {
            if (!File.Exists(path)) return null;
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            if (!doc.RootElement.TryGetProperty("audit", out var audit) || !audit.TryGetProperty("stage_timings_ms", out var timings)) return null;
            return timings.EnumerateObject().Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Number)
                .ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private void Costs(RankingStageDocument? ranking)
    {
        if (ranking is null)
        {
            Row("LLM judge", "not run (LLM-free ranking by Total_prelim): no tokens, no cost");
            return;
        }
        var c = ranking.JudgeCosts;
        var usd = c.CostEstUsd is { } d ? $", est. ${d.ToString("0.0000", CultureInfo.InvariantCulture)}" : "";
        Row("LLM judge", ranking.Judge == "none" ? "none" : $"{ranking.Judge} {ranking.Model}, prompt {ranking.PromptVersion}");
        Row("judge costs", $"{c.PairsScored} pairs scored, {c.TokensEst.ToString(CultureInfo.InvariantCulture)} tokens{usd}, budget {c.TokenBudget.ToString(CultureInfo.InvariantCulture)}{(c.BudgetExhausted ? " (exhausted)" : "")}");
        foreach (var f in ranking.Fallbacks) Row("judge fallback", $"{f.Scope}: {f.Reason}");
    }

    private void Frame(Photo photo, PhotoMoment moment)
    {
        var id = photo.PhotoId;
        var selected = _selected.Contains(id);
        var excluded = _excluded.Contains(id);
        var locked = _locked.Contains(id);
        var hero = moment.Hero?.PhotoId == id;
        var reason = moment.Rationales.FirstOrDefault(r => r.PhotoId == id)?.Reason;
        W($"<figure class=\"frame{(selected ? " selected" : "")}{(excluded ? " excluded" : "")}\" data-photo=\"{Html.Text(id)}\" title=\"{Html.Text(MetaText(photo))}\">{FaceOverlay.Wrap(Image(photo), photo)}<figcaption>");
        W(Html.Text(photo.FileName));
        if (hero) W("<span class=\"badge hero\">hero</span>");
        if (selected) W("<span class=\"badge sel\">selected</span>");
        if (locked) W("<span class=\"badge\">locked</span>");
        if (excluded) W("<span class=\"badge exc\">excluded</span>");
        if (photo.Score is { } s) W($"<br>Total {Html.Number(s.Total)}");
        if (!string.IsNullOrEmpty(reason)) W($"<br><span class=\"why\">{Html.Text(reason)}</span>");
        W("<br>");
        if (excluded) W(Button("unlock", id, "Include again"));
        else
        {
            W(locked ? Button("unlock", id, "Unlock") : Button("lock", id, "Lock", "lock"));
            W(Button("exclude", id, "Exclude", "exclude"));
        }
        W("</figcaption></figure>");
    }

    private void Meta(Photo photo) => W($"<p class=\"meta\">{Html.Text(MetaText(photo))}</p>");

    /// <summary>Capture time, camera, lens, exposure, size, description and artist, as plain text (escaped where written).</summary>
    private static string MetaText(Photo photo)
    {
        var exif = photo.Exif;
        var parts = new[]
        {
            exif.CaptureTimeLocal?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            exif.Camera, exif.LensModel, exif.Exposure,
            photo.Preprocess is { } pre ? $"{pre.OriginalWidth}×{pre.OriginalHeight}" : null,
            exif.ImageDescription, exif.Artist is { Length: > 0 } a ? "by " + a : null,
        }.Where(x => !string.IsNullOrWhiteSpace(x));
        return string.Join(" · ", parts);
    }

    private void Bars(PhotoScore? score)
    {
        if (score is null) return;
        W("<div class=\"bars\">");
        foreach (var (label, value) in ScoreBars)
        {
            var v = value(score);
            W($"<span>{label}</span><div class=\"bar{(label == "Total" ? " total" : "")}\" role=\"meter\" aria-valuemin=\"0\" aria-valuemax=\"1\" aria-valuenow=\"{Html.Number(v, "0.###")}\" aria-label=\"{label}\"><span style=\"width:{Html.Percent(v)}%\"></span></div><span class=\"num\">{Html.Number(v)}</span>");
        }
        W("</div>");
    }

    private string Image(Photo photo) => _images.Tag(photo);

    private static string Button(string action, string photoId, string label, string? css = null) =>
        $"<button type=\"button\" class=\"{css ?? action}\" data-action=\"{action}\" data-photo=\"{Html.Text(photoId)}\">{label}</button>";

    private static string Nudge(string axis, double delta, string label) =>
        $"<button type=\"button\" class=\"nudge\" data-action=\"emphasis\" data-axis=\"{axis}\" data-delta=\"{Html.Number(delta)}\" aria-label=\"{(delta < 0 ? "less" : "more")} {axis}\">{label}</button>";

    private static string Anchor(Photo photo) => "p-" + Html.Text(photo.ShortId);

    private static int CoverageOrder(string axis) => CoverageAxes.All.ToList().IndexOf(axis) is var i && i >= 0 ? i : 99;

    private void Row(string key, string value) => W($"<tr><th>{Html.Text(key)}</th><td>{Html.Text(value)}</td></tr>\n");

    private void W(string s) => _out.Append(s);
}
