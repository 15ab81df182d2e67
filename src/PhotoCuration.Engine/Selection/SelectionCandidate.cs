using PhotoCuration.Engine.Moments;

namespace PhotoCuration.Engine.Selection;

/// <summary>A photo the selection may pick (or must cover), with its moment, its quality and its axis values.</summary>
public sealed class SelectionCandidate
{
    public required Photo Photo { get; init; }
    public required MomentCandidate Moment { get; init; }
    public required string MomentId { get; init; }

    /// <summary>Frames in its moment (exact duplicates counted once).</summary>
    public required int MomentSize { get; init; }

    /// <summary>1 = hero of its moment: the best frame that passed the gate (failed frames come after every kept one).</summary>
    public required int MomentRank { get; init; }

    /// <summary>For a hero of several frames: what it leads its moment on, e.g. "sharpest of 4 frames (sharpness 0.78 vs 0.41)".</summary>
    public string? HeroLead { get; init; }

    public Dictionary<string, string> Axes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Total_prelim: the quality term.</summary>
    public double Quality => Photo.Score?.Total ?? 0;

    public bool IsLocked => Photo.IsLocked;
    public bool IsExcluded => Photo.IsExcluded;

    /// <summary>Failed the technical gate (<see cref="GateVerdict"/>): never picked unless locked in.</summary>
    public bool FailedGate => GateVerdict.FailedGate(Photo.Score);

    /// <summary>Flagged by the gate: still a candidate, and its reasons say so.</summary>
    public bool IsFlagged => GateVerdict.IsFlagged(Photo.Score);
    public string PhotoId => Photo.PhotoId;

    /// <summary>
    /// Weight of this photo as a coverage target of facility location: each moment counts once, through
    /// its hero (a burst of 30 frames is one moment to show, not 30). A moment whose every frame failed
    /// the gate has nothing to show and is no target.
    /// </summary>
    public double TargetWeight => MomentRank == 1 && !FailedGate ? 1 : 0;
}
