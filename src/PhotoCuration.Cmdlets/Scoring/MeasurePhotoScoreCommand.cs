using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Scoring;

/// <summary>
/// <para type="synopsis">Scores each photo under a theme: Q_tech, Aesthetic, Vibe, Typography, Composition and their weighted Total, and gives each a technical verdict: kept, flagged (with reasons and a lower Total) or dropped (hopeless).</para>
/// <para type="description">Measure-PhotoScore turns the features from Get-PhotoFeatures into five scores in [0,1] and Total_prelim, the theme-weighted sum. Q_tech combines subject sharpness (detail in octaves, motion blur named with its angle), exposure judged by intent (low-key, night, mist and high-key are not faults), noise and resolution (one failed part fails the photo); Aesthetic combines colourfulness, contrast, subject isolation and tonal balance; Vibe is the fit of the photo's palette to the theme's; Typography is the room and contrast for a headline; Composition is thirds, a level horizon, an uncut subject and balance. With models present, CLIP-IQA, BRISQUE and the aesthetic head blend in.</para>
/// <para type="description">The technical gate drops only hopeless frames (black, blown to white, blur beyond use): they leave the stream unless -IncludeDropped. Everything else it doubts (blur, motion blur, under- or overexposure, noise, low resolution, or Q_tech below the theme's gates.q_tech_min, default 0.30) is flagged: Score.Verdict "flagged", Score.FlagReasons with the numbers, Total lowered, still a candidate. Locked-in photos are never dropped. Every score explains itself: $photo.Score.Explain() lists the components and the measurements behind them. The scorecard goes to intermediateJsons/scoring/&lt;batch_id&gt;.json.</para>
/// <para type="description">A theme learned by New-PhotoTheme -LearnFrom may hold a taste: block, a photographer's learned preference over measured properties (warmth, contrast, negative space, subject centring, ...). Total then moves by the sum of each property's weight times its distance from the learned mean in learned standard deviations, at most 0.15 either way, after the gate; the Taste component of the score says by how much and names the three largest contributions.</para>
/// <example>
///   <code>Import-PhotoBatch ./shoot | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore -Theme autumn-editorial | Sort-Object Total -Descending</code>
///   <para>Scores a shoot under a theme from data/themes and lists the best first.</para>
/// </example>
/// <example>
///   <code>... | Measure-PhotoScore -IncludeDropped | Where-Object { $_.Score.IsDropped } | Select-Object FileName, { $_.Score.DropReasons }</code>
///   <para>Shows which photos fail the technical gate, and why.</para>
/// </example>
/// <example>
///   <code>($photos | Measure-PhotoScore)[0].Score.Explain()</code>
///   <para>Lists every component behind the first photo's scores.</para>
/// </example>
/// </summary>
[Cmdlet(VerbsDiagnostic.Measure, "PhotoScore")]
[OutputType(typeof(Photo))]
public sealed class MeasurePhotoScoreCommand : PhotoStageCmdlet<PhotoScore>
{
    /// <summary>
    /// <para type="description">Theme name (from the workspace's data/themes) or theme.yaml path. Default: the built-in theme.</para>
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(Themes.ThemeCompleter))]
    public string? Theme { get; set; }

    /// <summary>
    /// <para type="description">Keep photos that fail the technical gate in the output (marked Score.IsDropped).</para>
    /// </summary>
    [Parameter]
    public SwitchParameter IncludeDropped { get; set; }

    private readonly List<object> _stages = new();

    /// <inheritdoc />
    /// <summary>
    /// <para type="description">Name of an experiment: the scoring record goes to intermediateJsons/runs/&lt;name&gt;/ and the photos carry the name on to Group-PhotoMoment and Select-CuratedSet, so the batch's main run (what its review page and curated_list.json show) is untouched. Without it, a result that would change an exported batch goes to the run 'explore', with a warning.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RunName { get; set; }

    private protected override bool Explores => true;

    private protected override string? ExploringRun => _run;

    private string? _run;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        StageRunBridge.Validate(this, RunName);
        _run ??= StageRunBridge.RunOf(RunName, InputObject.Select(p => p.RunName));
        if (_run is not null) foreach (var photo in InputObject) photo.RunName = _run;
        base.ProcessRecord();
    }

    private protected override PhotoStageSession<PhotoScore> CreateSession() => ScoringBridge.CreateSession(this, Theme, IncludeDropped, _stages, ThrottleLimit, Cancellation);

    /// <inheritdoc />
    private protected override string SummarySuffix => $"; {ScoringBridge.Dropped(_stages)} dropped by the technical gate{(IncludeDropped ? " (kept in the output)" : "")}";
}
