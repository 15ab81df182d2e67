using System.Management.Automation;

namespace PhotoCuration.Cmdlets;

/// <summary>
/// Base of the streaming per-photo stages (Invoke-Preprocess, Get-PhotoFeatures, Measure-PhotoScore):
/// the shared parameters, and the lifecycle of their <see cref="PhotoStageSession{TResult}"/> — photos
/// queued in ProcessRecord, results drained on the pipeline thread, stage JSON and timing at the end,
/// workers stopped on Ctrl+C and on an early pipeline end.
/// </summary>
public abstract class PhotoStageCmdlet<TResult> : PhotoCmdletBase where TResult : class
{
    /// <summary>
    /// <para type="description">The photos, from the previous stage or from Import-PhotoStage.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
    [ValidateNotNull]
    public Photo[] InputObject { get; set; } = Array.Empty<Photo>();

    /// <summary>
    /// <para type="description">Workspace folder to write into. Default: the photo's own workspace (set by Import-PhotoBatch), else the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    /// <summary>
    /// <para type="description">How many photos are processed in parallel. Default: the number of processors.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// <para type="description">Named library roots, e.g. @{ archive = '/mnt/photos' }: each photo recorded library-relative (its LibraryPath, archive:/relative/path) is read under this machine's root of that name, and its Path is set to it for the cmdlets after this one — for photos resolved on another machine or before the library moved. A photo in a library with no root here is an UnknownLibrary error (about_PhotoCuration_Library). Default: each photo's Path as it comes.</para>
    /// </summary>
    [Parameter]
    public System.Collections.Hashtable? Library { get; set; }

    private PhotoStageSession<TResult>? _session;
    private Distributed.PhotoRelocation? _relocation;

    /// <summary>The session of this invocation; created in BeginProcessing.</summary>
    private protected abstract PhotoStageSession<TResult> CreateSession();

    /// <summary>Whether this stage is one a person explores with (its stage document goes to a run: StageRunBridge).</summary>
    private protected virtual bool Explores => false;

    /// <summary>The run its stage document goes to (null: main, or explore when an exported batch would change).</summary>
    private protected virtual string? ExploringRun => null;

    /// <summary>Extra words for the -Verbose summary line.</summary>
    private protected virtual string SummarySuffix => "";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        _relocation = new Distributed.PhotoRelocation(this, Library);
        _session = CreateSession();
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var explicitWorkspace = Workspace is null ? null : ResolveWorkspace(Workspace);
        foreach (var photo in InputObject)
        {
            if (!_relocation!.Place(photo)) continue;
            _session!.Add(photo, explicitWorkspace ?? (string.IsNullOrEmpty(photo.Workspace) ? ResolveWorkspace(null) : photo.Workspace));
        }
        _session!.Drain();
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_session is null) return;
        (IReadOnlyList<string> stageJsons, string summary) completed;
        using (Explores ? StageRunBridge.Exploring(this, ExploringRun) : null) completed = _session.Complete();
        var (stageJsons, summary) = completed;
        Verbose(summary + SummarySuffix);
        foreach (var path in stageJsons) Verbose($"wrote {path}");
    }

    /// <inheritdoc />
    protected override void CancelWork()
    {
        _session?.Cancel();
        base.CancelWork();
    }

    /// <inheritdoc />
    protected override void DisposeWork() => _session?.Dispose();
}
