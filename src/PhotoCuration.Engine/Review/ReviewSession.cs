using PhotoCuration.Engine.Selection;

using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Review;

/// <summary>
/// The state behind a review server: the batch read once from its cached stages, its thumbnails, the
/// overrides file, and the page as last rendered. <see cref="Apply"/> changes the overrides file, re-runs
/// selection and export in process and renders the page again. Not thread-safe: the server calls it
/// from one thread.
/// </summary>
public sealed class ReviewSession
{
    private readonly ReviewBatch _batch;
    private readonly Thumbnails _thumbs;
    private readonly string _token;
    private BatchOverrides? _overrides;

    public ReviewSession(string workspace, string batchId, string token, int workers, Action<string> warning)
    {
        _token = token;
        _batch = ReviewBatch.Load(workspace, batchId);
        foreach (var w in _batch.Warnings) warning(w);
        _overrides = BatchOverridesFile.Load(_batch.Layout, batchId);
        _thumbs = new Thumbnails(_batch.Layout.Root);
        _thumbs.Prepare(_batch.Photos, workers);
        if (_batch.Optimizer is null)
        {
            // Nothing selected yet: make the first selection so the page has something to show.
            ReviewRun.Run(_batch, _overrides, warning);
        }
        Page = Render();
    }

    public string BatchId => _batch.BatchId;
    public string Workspace => _batch.Layout.Root;
    public int Generation { get; private set; }
    public string Page { get; private set; }
    public IReadOnlyList<string> SelectedIds => _batch.Optimizer?.SelectedIds ?? new List<string>();
    public IReadOnlyList<string> LockIn => _overrides?.UserOverrides.LockIn ?? new List<string>();
    public IReadOnlyList<string> Exclude => _overrides?.UserOverrides.Exclude ?? new List<string>();
    public IReadOnlyDictionary<string, double> AxisEmphasis => _batch.Optimizer?.Params.AxisEmphasis ?? new Dictionary<string, double>();

    public sealed record Outcome(string Message, ReviewRun.Result Run);

    /// <summary>Applies one action; throws <see cref="ArgumentException"/> for a photo not in the batch or an unknown axis.</summary>
    public Outcome Apply(ReviewAction action, Action<string> warning)
    {
        var overrides = _overrides ?? BatchOverridesFile.LoadOrSeed(_batch.Layout, _batch.BatchId);
        string what;
        if (action.Action == "emphasis")
        {
            var axis = action.Axis!;
            if (!CoverageAxes.All.Contains(axis)) throw new ArgumentException($"Unknown axis '{axis}'. Axes: {string.Join(", ", CoverageAxes.All)}.");
            var current = CoverageAxes.Emphasis(ReviewRun.OptionsOf(_batch).AxisEmphasis, axis);
            var value = overrides.Nudge(axis, current, action.Delta!.Value);
            what = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{axis} emphasis {current:0.0#} → {value:0.0#}");
        }
        else
        {
            var photo = _batch.Find(action.PhotoId!) ?? throw new ArgumentException($"Photo '{action.PhotoId}' is not in batch '{_batch.BatchId}'.");
            switch (action.Action)
            {
                case "lock": overrides.Lock(photo); what = $"locked {photo.FileName}"; break;
                case "exclude": overrides.Exclude(photo); what = $"excluded {photo.FileName}"; break;
                default:
                    var removed = overrides.Release(photo);
                    what = removed.Count == 0 ? $"{photo.FileName} was neither locked nor excluded" : $"released {photo.FileName} (removed {string.Join(", ", removed)})";
                    break;
            }
        }
        BatchOverridesFile.Save(_batch.Layout, overrides);
        _overrides = overrides;
        var run = ReviewRun.Run(_batch, overrides, warning);
        Generation++;
        Page = Render();
        var message = $"{what}; {run.Set.Count} selected (selection {run.SelectMs} ms, export {run.ExportMs} ms)"
            + (run.Problems.Count > 0 ? $"; {run.Problems.Count} export problem(s): {run.Problems[0]}" : "");
        return new Outcome(message, run);
    }

    private string Render() => ReportPage.Build(_batch, _overrides, _thumbs, _token, Generation);
}
