using System.Collections;
using System.Diagnostics;
using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Orchestration;

/// <summary>
/// <para type="synopsis">Curates a shoot in one call: import, preprocess, features, scores, moments, (optional judge,) selection and export, resumable from the cache.</para>
/// <para type="description">Invoke-PhotoCuration runs the whole chain on a folder — Import-PhotoBatch, Invoke-Preprocess, Get-PhotoFeatures, Measure-PhotoScore, Group-PhotoMoment, Invoke-MomentRanking (only with -Judge OpenAI), Select-CuratedSet and Export-CuratedList — writing every stage JSON under intermediateJsons/ and the curated list under data/output/&lt;batch_id&gt;/. It is resumable: a re-run on the same workspace reads every per-photo stage from the content-addressed cache, so only changed or new photos are computed. A progress bar runs over the stages (each stage's own progress nests under it); -Verbose reports each stage's time.</para>
/// <para type="description">When the batch has an overrides file (data/overrides/&lt;batch_id&gt;.json, written by the review page), its lock-in and exclude lists apply before the technical gate, so a locked photo is never dropped and an excluded one never selected, and its axis emphasis applies to the selection.</para>
/// <para type="description">Bad files get their error records and the run goes on. At the end it emits a CurationSummary: photos imported, failed, kept and dropped by the technical gate, moments and grouped frames, photos selected, the time of each stage and the path of curated_list.json; its CuratedSet property holds the selection.</para>
/// <example>
///   <code>Invoke-PhotoCuration -Path ./shoot -Count 40 -Workspace ./work</code>
///   <para>Curates the shoot in ./shoot to 40 photos, writing everything under ./work.</para>
/// </example>
/// <example>
///   <code>Invoke-PhotoCuration ./shoot -Theme autumn-editorial -Xmp -Verbose</code>
///   <para>Curates under a theme from data/themes, writes XMP sidecars beside the exported copies, and reports stage timings.</para>
/// </example>
/// <example>
///   <code>(Invoke-PhotoCuration ./shoot).CuratedSet</code>
///   <para>Shows the curated set as its ranked table.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "PhotoCuration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(CurationSummary))]
public sealed class InvokePhotoCurationCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">Folders or files of the shoot (wildcards allowed). Nothing under them is ever written.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>
    /// <para type="description">Theme name (from the workspace's data/themes) or theme.yaml path. Default: the built-in theme.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(Themes.ThemeCompleter))]
    public string? Theme { get; set; }

    /// <summary>
    /// <para type="description">Number of photos to select. Default: the theme's selection.count.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int? Count { get; set; }

    /// <summary>
    /// <para type="description">Workspace folder for derived images, cache, stage JSON and output. Default: the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    /// <summary>
    /// <para type="description">Batch id. Default: derived from the folder name, as Import-PhotoBatch does.</para>
    /// </summary>
    [Parameter]
    public string? BatchId { get; set; }

    /// <summary>
    /// <para type="description">Include photos in subfolders.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>
    /// <para type="description">LLM judge for the moment ranking: None (default) or OpenAI (endpoint and key from OPENAI_BASE_URL and OPENAI_API_KEY).</para>
    /// </summary>
    [Parameter]
    [ValidateSet("None", "OpenAI")]
    public string Judge { get; set; } = "None";

    /// <summary>
    /// <para type="description">Write XMP sidecars (rating, colour label, keywords) beside the exported copies.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Xmp { get; set; }

    /// <summary>
    /// <para type="description">Also write curated_list.csv for spreadsheets.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter Csv { get; set; }

    /// <summary>
    /// <para type="description">How many photos are processed in parallel in the per-photo stages. Default: the number of processors.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    private PowerShell? _current;
    private readonly object _gate = new();

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var workspace = ResolveWorkspace(Workspace);
        if (!ShouldProcess(workspace, $"Curate {string.Join(", ", Path)} into")) return;
        var run = new CurationRun(this, workspace);
        var summary = run.Execute();
        WriteObject(summary);
    }

    /// <inheritdoc />
    protected override void CancelWork()
    {
        lock (_gate) _current?.BeginStop(null, null);
        base.CancelWork();
    }

    /// <summary>One run: the stages in order, each a nested pipeline in this runspace whose streams are relayed.</summary>
    private sealed class CurationRun
    {
        private const int ActivityId = 20;
        private readonly InvokePhotoCurationCommand _cmd;
        private readonly string _workspace;
        private readonly List<string> _warnings = new();
        private readonly Dictionary<string, long> _timings = new(StringComparer.Ordinal);
        private int _errors;

        public CurationRun(InvokePhotoCurationCommand cmd, string workspace)
        {
            _cmd = cmd;
            _workspace = workspace;
        }

        private string[] Stages => _cmd.Judge == "OpenAI"
            ? new[] { "Import-PhotoBatch", "Invoke-Preprocess", "Get-PhotoFeatures", "Measure-PhotoScore", "Group-PhotoMoment", "Invoke-MomentRanking", "Select-CuratedSet", "Export-CuratedList" }
            : new[] { "Import-PhotoBatch", "Invoke-Preprocess", "Get-PhotoFeatures", "Measure-PhotoScore", "Group-PhotoMoment", "Select-CuratedSet", "Export-CuratedList" };

        public CurationSummary Execute()
        {
            var total = Stopwatch.StartNew();
            var common = new Hashtable { ["Workspace"] = _workspace };
            var withTheme = With(common, "Theme", _cmd.Theme);

            var import = With(With(With(common, "Path", _cmd.Path), "BatchId", _cmd.BatchId), "Theme", _cmd.Theme);
            if (_cmd.Recurse) import["Recurse"] = true;
            import["ThrottleLimit"] = _cmd.ThrottleLimit;
            var imported = Run("Import-PhotoBatch", import, null).Select(o => o.BaseObject).OfType<Photo>().ToList();
            var summary = new CurationSummary { Workspace = _workspace, Theme = _cmd.Theme ?? "default", Imported = imported.Count };
            if (imported.Count == 0) return Finish(summary, total, "no photos were imported");
            summary.BatchId = imported[0].BatchId;
            // The batch's overrides file (the review page's lock/exclude) decides before the gate does,
            // so a photo locked there is never dropped by the technical gate on a later run.
            if (Review.OverridesBridge.Load(_cmd, _workspace, summary.BatchId) is { } overrides)
            {
                overrides.ApplyTo(imported);
                _cmd.Verbose($"lock-in and exclude from the batch's overrides file ({overrides.UserOverrides.LockIn.Count} locked, {overrides.UserOverrides.Exclude.Count} excluded)");
            }

            var parallel = With(common, "ThrottleLimit", _cmd.ThrottleLimit);
            var preprocessed = Photos(Run("Invoke-Preprocess", parallel, imported));
            var featured = Photos(Run("Get-PhotoFeatures", parallel, preprocessed));
            var scored = Photos(Run("Measure-PhotoScore", With(With(withTheme, "ThrottleLimit", _cmd.ThrottleLimit), "IncludeDropped", true), featured));
            var kept = scored.Where(p => p.Score is { IsDropped: false }).ToList();
            summary.Failed = _errors;
            summary.Kept = kept.Count;
            summary.Dropped = scored.Count - kept.Count;
            summary.CachedStages = CachedStages(preprocessed, featured);
            if (kept.Count == 0) return Finish(summary, total, "every photo failed the technical gate");

            var moments = Run("Group-PhotoMoment", withTheme, kept).Select(o => o.BaseObject).OfType<PhotoMoment>().ToList();
            if (_cmd.Judge == "OpenAI")
            {
                moments = Run("Invoke-MomentRanking", With(withTheme, "Judge", "OpenAI"), moments).Select(o => o.BaseObject).OfType<PhotoMoment>().ToList();
            }
            summary.Moments = moments.Count;
            summary.Grouped = moments.Where(m => m.Count > 1).Sum(m => m.Count);

            var set = Run("Select-CuratedSet", With(withTheme, "Count", _cmd.Count), moments).Select(o => o.BaseObject).OfType<CuratedSet>().FirstOrDefault();
            summary.CuratedSet = set;
            summary.Selected = set?.Count ?? 0;
            if (set is not null)
            {
                var export = new Hashtable { ["Confirm"] = false };
                if (_cmd.Xmp) export["Xmp"] = true;
                if (_cmd.Csv) export["Csv"] = true;
                Run("Export-CuratedList", export, new[] { set });
                var listPath = System.IO.Path.Combine(_workspace, "data", "output", set.BatchId, "curated_list.json");
                summary.CuratedListPath = File.Exists(listPath) ? listPath : null;
            }
            return Finish(summary, total, null);
        }

        private CurationSummary Finish(CurationSummary summary, Stopwatch total, string? stoppedBecause)
        {
            summary.Failed = _errors;
            if (stoppedBecause is not null) Warn($"Invoke-PhotoCuration stopped early: {stoppedBecause}.");
            summary.StageTimingsMs = new Dictionary<string, long>(_timings, StringComparer.Ordinal);
            summary.TotalMs = total.ElapsedMilliseconds;
            summary.Warnings = _warnings.ToArray();
            _cmd.WriteProgress(new ProgressRecord(ActivityId, "Invoke-PhotoCuration", "done") { RecordType = ProgressRecordType.Completed });
            _cmd.Verbose($"{summary.Imported} imported, {summary.Failed} failed, {summary.Dropped} dropped, {summary.Moments} moments, {summary.Selected} selected in {summary.TotalMs} ms");
            return summary;
        }

        private static List<Photo> Photos(IEnumerable<PSObject> output) => output.Select(o => o.BaseObject).OfType<Photo>().ToList();

        private static string[] CachedStages(IReadOnlyList<Photo> preprocessed, IReadOnlyList<Photo> featured)
        {
            var cached = new List<string>();
            if (preprocessed.Count > 0 && preprocessed.All(p => p.Preprocess?.FromCache == true)) cached.Add("preprocess");
            if (featured.Count > 0 && featured.All(p => p.Features?.FromCache == true)) cached.Add("features");
            return cached.ToArray();
        }

        private IReadOnlyList<PSObject> Run(string command, Hashtable parameters, IEnumerable? input)
        {
            _cmd.Cancellation.ThrowIfCancellationRequested();
            var index = Array.IndexOf(Stages, command);
            _cmd.WriteProgress(new ProgressRecord(ActivityId, "Invoke-PhotoCuration", $"stage {index + 1} of {Stages.Length}: {command}")
            {
                PercentComplete = Math.Clamp(100 * index / Stages.Length, 0, 100),
            });
            var clock = Stopwatch.StartNew();
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            ps.AddCommand(command).AddParameters(parameters);
            // Each stage's errors are relayed through this cmdlet's WriteError, which honours the caller's
            // -ErrorAction; without this the nested stage would inherit a caller's
            // $ErrorActionPreference = 'Stop' and one bad photo would end the whole run.
            ps.AddParameter("ErrorAction", ActionPreference.Continue);
            if (_cmd.MyInvocation.BoundParameters.TryGetValue("Verbose", out var verbose)) ps.AddParameter("Verbose", verbose);
            ps.Streams.Warning.DataAdded += (_, e) => Warn(ps.Streams.Warning[e.Index].Message);
            ps.Streams.Verbose.DataAdded += (_, e) => _cmd.WriteVerbose(ps.Streams.Verbose[e.Index].Message);
            ps.Streams.Error.DataAdded += (_, e) =>
            {
                _errors++;
                _cmd.WriteError(ps.Streams.Error[e.Index]);
            };
            lock (_cmd._gate) _cmd._current = ps;
            var outerParent = ProgressReporter.ParentActivity.Value;
            ProgressReporter.ParentActivity.Value = ActivityId;
            try
            {
                var output = input is null ? ps.Invoke() : ps.Invoke(input);
                _timings[StageKey(command)] = clock.ElapsedMilliseconds;
                _cmd.Verbose($"{command}: {output.Count} objects in {clock.ElapsedMilliseconds} ms");
                return output;
            }
            catch (RuntimeException ex) when (_cmd.Cancellation.IsCancellationRequested || ex is PipelineStoppedException)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                ProgressReporter.ParentActivity.Value = outerParent;
                lock (_cmd._gate) _cmd._current = null;
            }
        }

        private void Warn(string message)
        {
            _warnings.Add(message);
            _cmd.WriteWarning(message);
        }

        private static string StageKey(string command) => command switch
        {
            "Import-PhotoBatch" => "ingest",
            "Invoke-Preprocess" => "preprocess",
            "Get-PhotoFeatures" => "features",
            "Measure-PhotoScore" => "scoring",
            "Group-PhotoMoment" => "clustering",
            "Invoke-MomentRanking" => "ranking",
            "Select-CuratedSet" => "optimizer",
            "Export-CuratedList" => "exporter",
            _ => command,
        };

        private static Hashtable With(Hashtable source, string key, object? value)
        {
            var copy = (Hashtable)source.Clone();
            if (value is not null) copy[key] = value;
            return copy;
        }
    }
}
