using System.Diagnostics;
using PhotoCuration.Engine.Selection;

using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Review;

/// <summary>
/// The state behind a review server: the batch read once from its cached stages, its thumbnails, the
/// overrides file, and the page. <see cref="Apply"/> changes the overrides file, re-runs selection and
/// export in process and answers with what changed on the page (<see cref="PagePatch"/>), not the page:
/// the page itself is rendered again only when asked for after a change (<see cref="Page"/>). Not
/// thread-safe: the server calls it from one thread.
/// </summary>
public sealed class ReviewSession
{
    private readonly ReviewBatch _batch;
    private readonly Thumbnails _thumbs;
    private readonly string _token;
    private readonly CurationAgreement? _agreement;
    private BatchOverrides? _overrides;
    /// <summary>Each photo's <see cref="ReportPage.Signature"/> on the page as the browser last saw it in full or patched.</summary>
    private Dictionary<string, string> _signatures;
    private (string Html, byte[] Bytes)? _page;
    private int _pageGeneration = -1;

    /// <summary>The overrides as they were before each decision of this server, newest last (key U).</summary>
    private readonly Stack<(string Json, string What)> _undo = new();

    /// <summary>Decisions one server remembers for undo; older ones stay in the overrides file.</summary>
    public const int UndoDepth = 200;

    /// <param name="agreement">Agreement with the photographer's decisions, shown on the page (<see cref="AgreementSection"/>), or null.</param>
    /// <summary>Photos left off the page as it was read, one error each (<see cref="ReviewBatch.Problems"/>).</summary>
    public IReadOnlyList<PhotoInputException> Problems { get; }

    /// <param name="library">-Library roots for the batch's library-relative originals; null: its recorded ones.</param>
    public ReviewSession(string workspace, string batchId, string token, Action<string> warning, CurationAgreement? agreement = null, Distributed.LibraryRoots? library = null)
    {
        _token = token;
        _agreement = agreement;
        _batch = ReviewBatch.Load(workspace, batchId, library);
        foreach (var w in _batch.Warnings) warning(w);
        Problems = _batch.Problems;
        _overrides = BatchOverridesFile.Load(_batch.Layout, batchId);
        _thumbs = new Thumbnails(_batch.Layout.Root);
        // The page names the thumbnails and the browser fetches the ones it shows: they are made ahead in
        // the background (each once; a request for one not made yet makes it).
        Background("thumbnails", () => _thumbs.Prepare(_batch.Photos, 1));
        if (_batch.Optimizer is null)
        {
            // Nothing selected yet: make the first selection so the page has something to show.
            ReviewRun.Run(_batch, _overrides, warning);
        }
        _signatures = PagePatch.Signatures(_batch, View());
        // The first request gets the page at once, before the background work below competes for the cores.
        _ = PageBytes;
        // The memo of φ fills while the person looks at the page; a decision waits for it (it is not thread-safe).
        var seed = _overrides is null ? null : StageJson.Deserialize<BatchOverrides>(StageJson.Serialize(_overrides));
        _warming = Background("warm selection", () => ReviewRun.Warm(_batch, seed));
    }

    /// <summary>
    /// Work after start on a thread of its own, below normal priority: on the thread pool it would hold
    /// the threads that serve thumbnails and complete I/O, and a screenful of requests would wait for it.
    /// </summary>
    private static Task Background(string name, Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        }) { IsBackground = true, Priority = ThreadPriority.BelowNormal, Name = "PhotoCuration review: " + name };
        thread.Start();
        return done.Task;
    }

    private readonly Task _warming;

    public string BatchId => _batch.BatchId;
    public string Workspace => _batch.Layout.Root;
    public int Generation { get; private set; }

    /// <summary>
    /// The page as it is now, thumbnails named (not embedded): rendered once per generation, when first
    /// asked for, and kept with its UTF-8 bytes.
    /// </summary>
    public string Page => Current().Html;

    /// <summary>The page's UTF-8 bytes (<see cref="Page"/>).</summary>
    public byte[] PageBytes => Current().Bytes;

    private (string Html, byte[] Bytes) Current()
    {
        if (_page is null || _pageGeneration != Generation)
        {
            var html = ReportPage.Build(_batch, _overrides, PageImages.Served(_thumbs, _token), _token, Generation, agreement: _agreement);
            _page = (html, System.Text.Encoding.UTF8.GetBytes(html));
            _pageGeneration = Generation;
        }
        return _page.Value;
    }

    /// <summary>The thumbnail of a photo of this batch (JPEG), or null; asked for by photo id, never by path.</summary>
    public byte[]? Thumbnail(string photoId) => _batch.Find(photoId) is { } photo ? _thumbs.Bytes(photo) : null;
    public IReadOnlyList<string> SelectedIds => _batch.Optimizer?.SelectedIds ?? new List<string>();
    public IReadOnlyList<string> LockIn => _overrides?.UserOverrides.LockIn ?? new List<string>();
    public IReadOnlyList<string> Exclude => _overrides?.UserOverrides.Exclude ?? new List<string>();
    public IReadOnlyDictionary<string, double> AxisEmphasis => _batch.Optimizer?.Params.AxisEmphasis ?? new Dictionary<string, double>();

    /// <summary>Where the time of one decision went, in milliseconds.</summary>
    public sealed record Timings(long Save, long Select, long Export, long View, long Total);

    public sealed record Outcome(string Message, ReviewRun.Result Run, PagePatch Patch, Timings Timings);

    /// <summary>Applies one action; throws <see cref="ArgumentException"/> for a photo not in the batch, an unknown axis, or nothing to undo.</summary>
    public Outcome Apply(ReviewAction action, Action<string> warning)
    {
        WaitForWarm(warning);
        var clock = Stopwatch.StartNew();
        var overrides = _overrides ?? BatchOverridesFile.LoadOrSeed(_batch.Layout, _batch.BatchId);
        var before = StageJson.Serialize(overrides);
        string what;
        if (action.Action == "undo")
        {
            if (!_undo.TryPop(out var last)) throw new ArgumentException("Nothing to undo: this review server has applied no decision yet.");
            overrides = StageJson.Deserialize<BatchOverrides>(last.Json)!;
            what = $"undid: {last.What}";
        }
        else
        {
            what = Change(overrides, action);
            _undo.Push((before, what));
            if (_undo.Count > UndoDepth) Trim();
        }
        BatchOverridesFile.Save(_batch.Layout, overrides);
        _overrides = overrides;
        var save = clock.ElapsedMilliseconds;
        var run = ReviewRun.Run(_batch, overrides, warning);
        Generation++;
        var viewClock = Stopwatch.StartNew();
        var view = View();
        var signatures = PagePatch.Signatures(_batch, view);
        var patch = PagePatch.Between(view, _signatures, signatures);
        _signatures = signatures;
        var timings = new Timings(save, run.SelectMs, run.ExportMs, viewClock.ElapsedMilliseconds, clock.ElapsedMilliseconds);
        var message = $"{what}; {run.Set.Count} selected (selection {run.SelectMs} ms, export {run.ExportMs} ms)"
            + (run.Problems.Count > 0 ? $"; {run.Problems.Count} export problem(s): {run.Problems[0]}" : "");
        return new Outcome(message, run, patch, timings);
    }

    private void WaitForWarm(Action<string> warning)
    {
        try
        {
            _warming.Wait();
        }
        catch (AggregateException ex)
        {
            // Only the memo is lost: the decision's own selection computes what it needs and reports its own errors.
            warning($"Warming the selection failed: {ex.InnerException?.Message}");
        }
    }

    /// <summary>Decisions this server can still undo.</summary>
    public int UndoCount => _undo.Count;

    /// <summary>
    /// The ranking image (else the standardized one) of a photo of this batch, as a path inside the
    /// workspace, or null. The loupe asks by photo id, so no request can name a path.
    /// </summary>
    public string? LargeImagePath(string photoId)
    {
        if (_batch.Find(photoId) is not { } photo) return null;
        var root = Path.GetFullPath(_batch.Layout.Root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return new[] { photo.Preprocess?.RankingPath, photo.Preprocess?.StandardizedPath }
            .Where(p => !string.IsNullOrEmpty(p))
            .Select(p => Path.GetFullPath(p!))
            .FirstOrDefault(p => p.StartsWith(root, comparison) && File.Exists(p));
    }

    private string Change(BatchOverrides overrides, ReviewAction action)
    {
        if (action.Action == "emphasis")
        {
            var axis = action.Axis!;
            if (!CoverageAxes.All.Contains(axis)) throw new ArgumentException($"Unknown axis '{axis}'. Axes: {string.Join(", ", CoverageAxes.All)}.");
            var current = CoverageAxes.Emphasis(ReviewRun.OptionsOf(_batch).AxisEmphasis, axis);
            var value = overrides.Nudge(axis, current, action.Delta!.Value);
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{axis} emphasis {current:0.0#} → {value:0.0#}");
        }
        var photo = _batch.Find(action.PhotoId!) ?? throw new ArgumentException($"Photo '{action.PhotoId}' is not in batch '{_batch.BatchId}'.");
        switch (action.Action)
        {
            case "lock": overrides.Lock(photo); return $"locked {photo.FileName}";
            case "exclude": overrides.Exclude(photo); return $"excluded {photo.FileName}";
            case "rate":
                overrides.Rate(photo, action.Stars!.Value);
                return action.Stars == 0 ? $"cleared your rating of {photo.FileName}" : $"rated {photo.FileName} {action.Stars} star{(action.Stars == 1 ? "" : "s")}";
            default:
                var removed = overrides.Release(photo);
                return removed.Count == 0 ? $"{photo.FileName} was neither locked nor excluded" : $"released {photo.FileName} (removed {string.Join(", ", removed)})";
        }
    }

    private void Trim()
    {
        var keep = _undo.Take(UndoDepth).Reverse().ToList();
        _undo.Clear();
        foreach (var entry in keep) _undo.Push(entry);
    }

    /// <summary>The page's state now, for its pieces (the served form of images: the fragments name the server's thumbnails).</summary>
    private ReportPage View() => new(_batch, _overrides, PageImages.Served(_thumbs, _token));
}
