namespace PhotoCuration;

/// <summary>
/// The curated selection of a batch (<c>Select-CuratedSet</c>): the picked photos in sequence (layout)
/// order, each with its quality rank, star rating, role, marginal gain, tags and reasons; coverage per axis; prompts where an emphasised axis is
/// thin; and the parameters that produced it. Export-CuratedList writes it as curated_list.json.
/// </summary>
public sealed class CuratedSet
{
    /// <summary>Batch the selection was made from.</summary>
    public string BatchId { get; set; } = "";

    /// <summary>Workspace the batch lives in.</summary>
    public string Workspace { get; set; } = "";

    /// <summary>Theme the selection was made under.</summary>
    public string Theme { get; set; } = "";

    /// <summary>
    /// The picks in sequence order (opener first, closer last; see <see cref="CuratedItem.Sequence"/>). A list,
    /// not an array, so <c>$set.Items.Rank</c> enumerates the items' ranks (an array's own Rank property would hide them).
    /// </summary>
    public List<CuratedItem> Items { get; set; } = new();

    /// <summary>Coverage per axis in [0,1]: the share of the axis's values present in the batch that the selection shows.</summary>
    public Dictionary<string, double> Coverage { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Suggestions where an emphasised axis is thin, e.g. "need more night shots?".</summary>
    public string[] Prompts { get; set; } = Array.Empty<string>();

    /// <summary>The parameters used.</summary>
    public SelectionParameters Parameters { get; set; } = new();

    /// <summary>Photos that could be picked (after the gate, exclusions and one-per-moment).</summary>
    public int CandidateCount { get; set; }

    /// <summary>Value of the objective at the final selection.</summary>
    public double Objective { get; set; }

    /// <summary>Number of picks.</summary>
    public int Count => Items.Count;

    /// <inheritdoc />
    public override string ToString() => $"{BatchId}: {Count} photos under {Theme}";
}

/// <summary>One pick of a curated set.</summary>
public sealed class CuratedItem
{
    /// <summary>Quality order among the picks: 1 = the best Total_prelim of the set (ties by photo id).</summary>
    public int Rank { get; set; }

    /// <summary>Layout order: 1 = first page (the opener, when there is one), then the body, the closer last. The set's items are in this order.</summary>
    public int Sequence { get; set; }

    /// <summary>Stars, 1 to 5, from the photo's Total_prelim among the best kept frames of the shoot's moments (docs/algorithms.md#export); 0 = not rated yet.</summary>
    public int Rating { get; set; }

    /// <summary>The photo.</summary>
    public Photo Photo { get; set; } = new();

    /// <summary>The photo's id.</summary>
    public string PhotoId => Photo.PhotoId;

    /// <summary>The photo's file name.</summary>
    public string FileName => Photo.FileName;

    /// <summary>Moment the photo is from.</summary>
    public string? MomentId { get; set; }

    /// <summary>opener, body or closer.</summary>
    public string Role { get; set; } = "body";

    /// <summary>How well the photo fits its role, in [0,1].</summary>
    public double RoleProbability { get; set; }

    /// <summary>Gain in the objective when the photo was picked (greedy order).</summary>
    public double MarginalGain { get; set; }

    /// <summary>Order in which greedy selection picked it (1 = first).</summary>
    public int PickOrder { get; set; }

    /// <summary>True when the user locked it in.</summary>
    public bool IsLocked { get; set; }

    /// <summary>The photo's Total_prelim.</summary>
    public double Total => Photo.Score?.Total ?? 0;

    /// <summary>Coverage values of the photo, e.g. time_of_day → night.</summary>
    public Dictionary<string, string> Axes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Diversity tags, <c>axis:value</c>.</summary>
    public string[] Tags { get; set; } = Array.Empty<string>();

    /// <summary>Why it was picked, in words.</summary>
    public string[] Reasons { get; set; } = Array.Empty<string>();

    /// <inheritdoc />
    public override string ToString() => $"{Sequence}. {FileName} ({Role}, rank {Rank}, {Rating}★)";
}

/// <summary>Parameters of one selection run, recorded in the optimizer JSON and curated_list.json's audit.</summary>
public sealed class SelectionParameters
{
    /// <summary>Requested number of photos.</summary>
    public int Count { get; set; }
    /// <summary>Weight of the quality term.</summary>
    public double QualityWeight { get; set; }
    /// <summary>Weight of the diversity (facility location) term.</summary>
    public double DiversityWeight { get; set; }
    /// <summary>Weight of the coverage term per axis.</summary>
    public Dictionary<string, double> AxisEmphasis { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Photos per role.</summary>
    public Dictionary<string, int> RoleQuotas { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Photos allowed from one moment.</summary>
    public int MaxPerMoment { get; set; } = 1;
    /// <summary>Seed of every random choice (ties are broken by photo id; no randomness is used otherwise).</summary>
    public int Seed { get; set; }
    /// <summary>Similarity used by the diversity term: <c>features</c> or <c>clip</c>.</summary>
    public string Similarity { get; set; } = "features";
}
