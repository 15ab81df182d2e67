using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Selection;

/// <summary>
/// <para type="synopsis">Selects a ranked, diverse set of photos to a count: quality plus diversity plus coverage of scene, palette, time of day, people and orientation, with opener, body and closer roles.</para>
/// <para type="description">Select-CuratedSet gathers the moments of the pipeline (or photos; photos with the same MomentId form a moment) and greedily maximizes a monotone submodular objective: the quality term (Total_prelim, weighted by -QualityWeight) plus diversity, weighted by -DiversityWeight — facility location over photo similarity (CLIP embeddings when present, else layout hashes and palettes) and coverage of the axes scene_type, look, palette_cluster, time_of_day, people_count and orientation, each weighted by its emphasis. scene_type and people_count come from a CLIP model; without one, photos are grouped by how they look in this shoot and the groups form the look axis (tags look:1, look:2, …; its emphasis is scene_type's unless -AxisEmphasis sets look), covered silently — prompts only ever ask for what a photographer can act on (time of day, orientation, palette, scene type and people when a model gives them). Lazy greedy gives the same picks as plain greedy; ties break by photo id, so the result is deterministic. With -DiversityWeight 0 the set is exactly the top -Count candidates by Total_prelim.</para>
/// <para type="description">When the workspace has an overrides file for the batch, data/overrides/&lt;batch_id&gt;.json (written by the review page of Start-CurationReview, or by hand: {"format": 1, "batch_id": …, "user_overrides": {"lock_in": […], "exclude": […]}, "axis_emphasis": {…}}), its lock_in and exclude lists replace the ones set at import, an excluded hero gives its place to the next frame of its moment, and its axis_emphasis goes over the theme's (-AxisEmphasis goes over both).</para>
/// <para type="description">At most one photo per moment (its hero, or the judge's winner) unless -MaxPerMoment; locked-in photos are chosen first whatever their score and excluded ones never. A photo that failed the technical gate (Measure-PhotoScore -IncludeDropped lets it through) is never picked unless locked in, and then its reasons say it failed the gate; a photo the gate flagged stays a candidate and its reasons name the flag. The picks then get roles within the theme's role_quotas: the opener is the pick that best fits an opening page (copy space, strong composition, landscape), the closer the best calm, late-light frame; the items come in sequence order (Sequence: opener, body in greedy order, closer) and each carries its Rank, the quality order among the picks (1 = best Total_prelim), and its Rating, 1 to 5 stars from its Total among the best kept frames of the shoot's moments (see Export-CuratedList). Each item also carries its marginal gain, its axis tags and its reasons, which speak of the finished set, so no order contradicts them ("hero of moment m_0007: best of 4 frames", "the only time_of_day:night photo in the set", "Total_prelim 0.81: rank 2 of 24 picks, 3rd best of 45 candidates"). When an emphasised axis is thin, a prompt such as "need more night shots?" is written as a warning and into intermediateJsons/optimizer/&lt;batch_id&gt;.json.</para>
/// <example>
///   <code>... | Measure-PhotoScore | Group-PhotoMoment | Select-CuratedSet -Count 40</code>
///   <para>Selects 40 photos, one per moment, and shows them in sequence with their rank and stars.</para>
/// </example>
/// <example>
///   <code>$moments | Select-CuratedSet -Count 24 -AxisEmphasis @{ time_of_day = 2; orientation = 0 }</code>
///   <para>Selects with more weight on covering times of day and none on orientation.</para>
/// </example>
/// <example>
///   <code>$moments | Select-CuratedSet -Count 24 -DiversityWeight 0</code>
///   <para>Selects the 24 best moments by Total_prelim alone, for comparison.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsCommon.Select, "CuratedSet", DefaultParameterSetName = "Moment")]
[OutputType(typeof(CuratedSet))]
public sealed class SelectCuratedSetCommand : PhotoCmdletBase
{
    /// <summary>
    /// <para type="description">Moments from Group-PhotoMoment or Invoke-MomentRanking.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0, ParameterSetName = "Moment")]
    [ValidateNotNull]
    public PhotoMoment[] Moment { get; set; } = Array.Empty<PhotoMoment>();

    /// <summary>
    /// <para type="description">Scored photos; those with the same MomentId form one moment, others are moments of their own.</para>
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Photo")]
    [ValidateNotNull]
    public Photo[] Photo { get; set; } = Array.Empty<Photo>();

    /// <summary>
    /// <para type="description">Number of photos to select. Default: the theme's selection.count.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int? Count { get; set; }

    /// <summary>
    /// <para type="description">Theme name (from the workspace's data/themes) or theme.yaml path. Default: the built-in theme.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(Themes.ThemeCompleter))]
    public string? Theme { get; set; }

    /// <summary>
    /// <para type="description">Weight of the quality term (Total_prelim). Overrides the theme's selection.quality_weight.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0.0, 100.0)]
    public double? QualityWeight { get; set; }

    /// <summary>
    /// <para type="description">Weight of diversity and coverage. 0 gives the top photos by Total_prelim. Overrides the theme's selection.diversity_weight.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0.0, 100.0)]
    public double? DiversityWeight { get; set; }

    /// <summary>
    /// <para type="description">Emphasis per coverage axis, e.g. @{ time_of_day = 2; orientation = 0 }; merged over the theme's selection.axis_emphasis. Axes: scene_type, look, palette_cluster, time_of_day, people_count, orientation.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(AxisCompleter))]
    public Hashtable? AxisEmphasis { get; set; }

    /// <summary>
    /// <para type="description">Photos allowed from one moment (default 1).</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int MaxPerMoment { get; set; } = 1;

    /// <summary>
    /// <para type="description">Workspace folder to write the optimizer stage JSON into. Default: the photos' own workspace, else the current location.</para>
    /// </summary>
    [Parameter]
    public string? Workspace { get; set; }

    private readonly BatchCollector<PhotoMoment> _moments = new();
    private readonly BatchCollector<Photo> _photos = new();

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (AxisEmphasis is not null) SelectionBridge.ValidateAxes(this, AxisEmphasis);
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var explicitWorkspace = Workspace is null ? null : ResolveWorkspace(Workspace);
        foreach (var moment in Moment)
        {
            var workspace = explicitWorkspace ?? (string.IsNullOrEmpty(moment.Workspace) ? ResolveWorkspace(null) : moment.Workspace);
            _moments.Add(workspace, moment.BatchId, moment);
        }
        foreach (var photo in Photo)
        {
            if (photo.Features is null || photo.Score is null)
            {
                WriteError(Moments.MomentBridge.NotMeasured(photo));
                continue;
            }
            var workspace = explicitWorkspace ?? (string.IsNullOrEmpty(photo.Workspace) ? ResolveWorkspace(null) : photo.Workspace);
            _photos.Add(workspace, photo.BatchId, photo);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var batches = _moments.Batches().Select(b => (b.Workspace, b.BatchId, Moments: b.Items))
            .Concat(_photos.Batches().Select(b => (b.Workspace, b.BatchId, Moments: SelectionBridge.MomentsFromPhotos(b.BatchId, b.Workspace, b.Items))));
        foreach (var (workspace, batchId, moments) in batches)
        {
            Cancellation.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var (set, path) = SelectionBridge.Run(this, workspace, batchId, moments, Theme, Count, QualityWeight, DiversityWeight, AxisEmphasis, MaxPerMoment);
            foreach (var prompt in set.Prompts) WriteWarning(prompt);
            if (set.Count < set.Parameters.Count)
            {
                WriteWarning($"{batchId}: only {set.Count} of the {set.Parameters.Count} photos asked for could be picked: {set.CandidateCount} candidate(s) at {set.Parameters.MaxPerMoment} per moment" +
                    (set.Parameters.MaxPerMoment == 1 ? "; -MaxPerMoment 2 would let a moment give more than its hero." : "."));
            }
            Verbose($"{batchId}: {set.Count} of {set.CandidateCount} candidates in {clock.ElapsedMilliseconds} ms; objective {set.Objective.ToString("0.###", CultureInfo.InvariantCulture)}; wrote {path}");
            WriteObject(set);
        }
    }
}

/// <summary>Completes the axis names of -AxisEmphasis.</summary>
public sealed class AxisCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, System.Management.Automation.Language.CommandAst commandAst, IDictionary fakeBoundParameters) =>
        SelectionBridge.Axes
            .Where(a => a.StartsWith(wordToComplete.TrimStart('@', '{', ' '), StringComparison.OrdinalIgnoreCase))
            .Select(a => new CompletionResult($"@{{ {a} = 1.0 }}", a, CompletionResultType.ParameterValue, $"emphasis of {a}"));
}
