
namespace PhotoCuration.Engine.Selection;

/// <summary>
/// <c>intermediateJsons/optimizer/&lt;batch_id&gt;.json</c>, with the parameters, axis values and reasons behind
/// each pick. <c>selected_ids</c> is in sequence (layout) order; <c>ranks</c> gives each pick's quality rank
/// (1 = best Total_prelim) and <c>ratings</c> its stars (docs/curated-list.md).
/// </summary>
public sealed class OptimizerStageDocument : StageDocument
{
    public OptimizerStageDocument() : base(StageCatalog.Optimizer, SelectionStage.Version) { }

    public override string? ThemeSpecRef { get; set; } = "";
    public List<string> SelectedIds { get; set; } = new();
    public Dictionary<string, int> Ranks { get; set; } = new();
    public Dictionary<string, int> Ratings { get; set; } = new();
    public List<RoleEntry> Roles { get; set; } = new();
    public Dictionary<string, double> Coverage { get; set; } = new();
    public Dictionary<string, double> MarginalGains { get; set; } = new();
    public Dictionary<string, int> PickOrder { get; set; } = new();
    public List<string> Prompts { get; set; } = new();
    public Dictionary<string, string> Clusters { get; set; } = new();
    public Dictionary<string, Dictionary<string, string>> Axes { get; set; } = new();
    public Dictionary<string, List<string>> Reasons { get; set; } = new();
    public List<string> Locked { get; set; } = new();
    public List<string> Excluded { get; set; } = new();
    public int Candidates { get; set; }
    public double Objective { get; set; }
    public SelectionParams Params { get; set; } = new();

    public sealed class RoleEntry
    {
        public string PhotoId { get; set; } = "";
        public string Role { get; set; } = "";
        public double Prob { get; set; }
    }

    public sealed class SelectionParams
    {
        public int Count { get; set; }
        public double QualityWeight { get; set; }
        public double DiversityWeight { get; set; }
        public int MaxPerMoment { get; set; }
        public Dictionary<string, int> RoleQuotas { get; set; } = new();
        public Dictionary<string, double> AxisEmphasis { get; set; } = new();
        public string Similarity { get; set; } = "";
        public string Algorithm { get; set; } = "lazy greedy (Minoux 1978), ties by photo id";
        public int Seed { get; set; }
    }
}
