using System.Diagnostics;
using System.Management.Automation;

namespace PhotoCuration.Cmdlets;

/// <summary>
/// Throttled Write-Progress for one cmdlet (about four records a second, one activity id per cmdlet)
/// with counts and rate, and the Completed record at the end.
/// </summary>
internal sealed class ProgressReporter
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The activity a stage's progress nests under while Invoke-PhotoCuration runs it as a nested
    /// pipeline (the nested cmdlets write progress straight to the host, so the parent is set at the
    /// source). Flows with the execution context into the stage's own threads.
    /// </summary>
    public static readonly AsyncLocal<int?> ParentActivity = new();
    private readonly Cmdlet _cmdlet;
    private readonly int _activityId;
    private readonly string _activity;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _last;
    private bool _shown;

    public ProgressReporter(Cmdlet cmdlet, int activityId, string activity)
    {
        _cmdlet = cmdlet;
        _activityId = activityId;
        _activity = activity;
    }

    /// <summary>Shows "N of M photos (x.x/s)"; <paramref name="total"/> of 0 means unknown.</summary>
    public void Report(int done, int total, string? current = null)
    {
        var now = _clock.Elapsed;
        if (_last is { } last && now - last < Interval) return;
        _last = now;
        var rate = now.TotalSeconds > 0 ? done / now.TotalSeconds : 0;
        var status = total > 0
            ? FormattableString.Invariant($"{done} of {total} photos ({rate:0.0}/s)")
            : FormattableString.Invariant($"{done} photos ({rate:0.0}/s)");
        var record = new ProgressRecord(_activityId, _activity, status);
        if (total > 0)
        {
            record.PercentComplete = Math.Clamp(done * 100 / total, 0, 100);
            if (rate > 0 && done < total) record.SecondsRemaining = (int)((total - done) / rate);
        }
        if (current is not null) record.CurrentOperation = current;
        if (ParentActivity.Value is { } parent) record.ParentActivityId = parent;
        _cmdlet.WriteProgress(record);
        _shown = true;
    }

    public void Complete()
    {
        if (!_shown) return;
        _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed, ParentActivityId = ParentActivity.Value ?? -1 });
        _shown = false;
    }
}
