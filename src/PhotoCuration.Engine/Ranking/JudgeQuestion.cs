namespace PhotoCuration.Engine.Ranking;

/// <summary>What the judge is asked about a pair.</summary>
public enum JudgeQuestion
{
    /// <summary>Two frames of one moment: which is the better photograph to keep.</summary>
    Moment,

    /// <summary>Two moment heroes: which opens the story better.</summary>
    Opener,
}
