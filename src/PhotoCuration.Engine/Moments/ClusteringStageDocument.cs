
namespace PhotoCuration.Engine.Moments;

/// <summary>
/// <c>intermediateJsons/clustering/&lt;batch_id&gt;.json</c> (docs/architecture.md#stage-documents): the moments with their ranked
/// members, and — so a person can see why frames were or were not grouped — the parameters used, the
/// accepted links inside each moment, the nearest frame outside it, and the distance distributions.
/// </summary>
public sealed class ClusteringStageDocument : StageDocument
{
    public ClusteringStageDocument() : base(StageCatalog.Clustering) { }

    /// <summary>How a cluster's start and end (local capture times) are written.</summary>
    public const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.fff";

    public override string? ThemeSpecRef { get; set; } = "";
    /// <summary>
    /// The moments, best described as they are written: the grouping stage hands a sequence made one cluster
    /// at a time while the document streams into its file (docs/architecture.md#archive-scale), so a
    /// million-photo batch's clusters (gigabytes of text) are never held together.
    /// </summary>
    public IEnumerable<Cluster> Clusters { get; set; } = new List<Cluster>();
    public Parameters Params { get; set; } = new();
    public DistanceSummary Distances { get; set; } = new();

    public sealed class Cluster
    {
        public string ClusterId { get; set; } = "";
        public List<string> Members { get; set; } = new();
        public string Hero { get; set; } = "";
        public List<string> Alternates { get; set; } = new();
        public string? Start { get; set; }
        public string? End { get; set; }
        public Dictionary<string, string> Rationales { get; set; } = new();
        /// <summary>Each member's fine detail as a fraction of the sharpest comparable member.</summary>
        public Dictionary<string, double> DetailFractions { get; set; } = new();
        /// <summary>Members something doubts: gate flags and "softer than …".</summary>
        public Dictionary<string, string[]> Flags { get; set; } = new();
        public Dictionary<string, List<string>> ExactDuplicates { get; set; } = new();
        public List<Link> Links { get; set; } = new();
        public Link? NearestOutside { get; set; }
    }

    public sealed class Link
    {
        public string A { get; set; } = "";
        public string B { get; set; } = "";
        public string? OtherCluster { get; set; }
        public int PhashDistance { get; set; }
        public int DhashDistance { get; set; }
        public double ColorDeltaE { get; set; }
        public double? SecondsApart { get; set; }
        public double? Cosine { get; set; }
        public string Rule { get; set; } = "";
    }

    public sealed class Parameters
    {
        public double TimeGapSeconds { get; set; }
        public double MaxHashDistance { get; set; }
        public double UntimedHashDistance { get; set; }
        public double MinCosine { get; set; }
        public double MaxColorDistanceForCrops { get; set; }
        public int MaxWindowNeighbours { get; set; }
        public string Similarity { get; set; } = "hashes+palette";
        public int CandidatePairs { get; set; }
        public int Photos { get; set; }
        public int TotalPairs { get; set; }
        public Lsh HashBuckets { get; set; } = new();
        public Calibration? Calibration { get; set; }
    }

    public sealed class Lsh
    {
        public int SampledBits { get; set; } = CandidatePairs.SampledBits;
        public int Tables { get; set; } = CandidatePairs.Tables;
        public int Seed { get; set; } = CandidatePairs.Seed;
    }

    public sealed class Calibration
    {
        public bool Calibrated { get; set; }
        public double Threshold { get; set; }
        public int NearPairs { get; set; }
        public int FarPairs { get; set; }
        public double? NearP75 { get; set; }
        public double? FarP1 { get; set; }
        public string Note { get; set; } = "";
    }

    public sealed class DistanceSummary
    {
        /// <summary>Hash distances of the links accepted inside moments.</summary>
        public Stats Within { get; set; } = new();
        /// <summary>Hash distances of compared pairs that ended in different moments.</summary>
        public Stats Between { get; set; } = new();
    }

    public sealed class Stats
    {
        public int Pairs { get; set; }
        public double? Min { get; set; }
        public double? P10 { get; set; }
        public double? P50 { get; set; }
        public double? P90 { get; set; }
        public double? Max { get; set; }
    }
}
