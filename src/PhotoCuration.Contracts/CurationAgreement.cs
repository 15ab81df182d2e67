namespace PhotoCuration;

/// <summary>
/// How a curation run agrees with a photographer's own decisions (<c>Measure-CurationAgreement</c>):
/// the curated set against their picks, the heroes of moments, the order within moments, and the
/// photos where the two disagree most, with both sides' reasons. A measure is null when the
/// decisions cannot define it (no rejects: no pick-vs-reject AUC).
/// </summary>
public sealed class CurationAgreement
{
    /// <summary>Batch measured.</summary>
    public string BatchId { get; set; } = "";
    /// <summary>Workspace of the run.</summary>
    public string Workspace { get; set; } = "";
    /// <summary>Folders (or files) the decisions were read from.</summary>
    public string[] Reference { get; set; } = Array.Empty<string>();
    /// <summary>What counted as a pick, e.g. "rating >= 4" or "pick flag".</summary>
    public string PickRule { get; set; } = "";
    /// <summary>Scored photos of the batch.</summary>
    public int PhotoCount { get; set; }
    /// <summary>Photos of the batch matched to a reference file.</summary>
    public int MatchedCount { get; set; }
    /// <summary>Photographer's picks among the matched photos.</summary>
    public int PickCount { get; set; }
    /// <summary>Photographer's rejects (rating −1 or reject flag).</summary>
    public int RejectCount { get; set; }
    /// <summary>Size of the curated set.</summary>
    public int SetCount { get; set; }
    /// <summary>Share of the curated set the photographer picked.</summary>
    public double? Precision { get; set; }
    /// <summary>Share of the picks in the curated set.</summary>
    public double? Recall { get; set; }
    /// <summary>Harmonic mean of precision and recall.</summary>
    public double? F1 { get; set; }
    /// <summary>Precision (= recall = F1) of the top photos by Total, as many as the photographer picked.</summary>
    public double? PrecisionAtPickCount { get; set; }
    /// <summary>Share of moments holding a pick whose hero is a pick.</summary>
    public double? HeroAgreement { get; set; }
    /// <summary>Moments holding at least one pick.</summary>
    public int MomentsWithPicks { get; set; }
    /// <summary>Share of (pick, non-pick) pairs of the same moment where the pick has the higher Total (ties ½).</summary>
    public double? PairwiseAccuracy { get; set; }
    /// <summary>Within-moment (pick, non-pick) pairs.</summary>
    public int PairCount { get; set; }
    /// <summary>Kendall's τ_b between Total and the ratings (unrated 0, rejected −1).</summary>
    public double? KendallTauB { get; set; }
    /// <summary>AUC of Total separating picks from rejects.</summary>
    public double? PickRejectAuc { get; set; }
    /// <summary>AUC of Total separating picks from every other matched photo (unrated are weak negatives).</summary>
    public double? PickAuc { get; set; }
    /// <summary>One entry per moment holding a pick.</summary>
    public MomentAgreement[] Moments { get; set; } = Array.Empty<MomentAgreement>();
    /// <summary>The photos where the run and the photographer disagree most, worst first.</summary>
    public Disagreement[] Disagreements { get; set; } = Array.Empty<Disagreement>();
    /// <summary>The JSON report written into the workspace.</summary>
    public string ReportPath { get; set; } = "";

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{BatchId}: F1 {F1:0.00}, heroes {HeroAgreement:0.00}, pairs {PairwiseAccuracy:0.00}, τ_b {KendallTauB:0.00}");
}

/// <summary>Whether a moment's hero is one of the photographer's picks.</summary>
public sealed class MomentAgreement
{
    /// <summary>The moment.</summary>
    public string MomentId { get; set; } = "";
    /// <summary>The run's hero (file name).</summary>
    public string Hero { get; set; } = "";
    /// <summary>The photographer's picks in the moment (file names).</summary>
    public string[] Picks { get; set; } = Array.Empty<string>();
    /// <summary>True when the hero is a pick.</summary>
    public bool Agrees { get; set; }
}

/// <summary>A photo the run and the photographer judged far apart, with both sides' reasons.</summary>
public sealed class Disagreement
{
    /// <summary>File name.</summary>
    public string FileName { get; set; } = "";
    /// <summary>Photo id.</summary>
    public string PhotoId { get; set; } = "";
    /// <summary>Moment of the photo.</summary>
    public string? MomentId { get; set; }
    /// <summary>"picked, ranked low" or "not picked, ranked high".</summary>
    public string Kind { get; set; } = "";
    /// <summary>How far apart, 0–1: the distance between the photo's place by Total and the photographer's verdict.</summary>
    public double Gap { get; set; }
    /// <summary>The run's Total.</summary>
    public double Total { get; set; }
    /// <summary>The photographer's stars (−1 rejected), null when unrated.</summary>
    public int? Rating { get; set; }
    /// <summary>The run's side: verdict, place, strongest and weakest scores, selection reasons.</summary>
    public string[] OurReasons { get; set; } = Array.Empty<string>();
    /// <summary>The photographer's side: stars, label, flag and where they were read from.</summary>
    public string[] TheirReasons { get; set; } = Array.Empty<string>();
}
