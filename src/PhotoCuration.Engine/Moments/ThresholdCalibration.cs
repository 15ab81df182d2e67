using PhotoCuration.Engine.Features;

namespace PhotoCuration.Engine.Moments;

/// <summary>
/// Per-shoot calibration of the visual threshold from the shoot itself. Frames a few seconds apart are
/// mostly the same moment; frames hours apart never are. The chosen threshold is the midpoint between
/// the 75th percentile of the hash distance of the first population (robust to the occasional scene
/// change inside a few seconds) and the 1st percentile of the second (so at most about 1% of truly
/// different frames fall under it), clamped to [4, 24] bits.
/// </summary>
public static class ThresholdCalibration
{
    public const double NearSeconds = 5;
    public const double FarSeconds = 3600;
    public const int MinPairs = 20;
    public const int MaxFarPairs = 4000;
    public const double Lowest = 4, Highest = 24;

    public sealed record Result(bool Calibrated, double Threshold, int NearPairs, int FarPairs, double? NearP75, double? FarP1, string Note);

    public static Result Calibrate(IReadOnlyList<MomentCandidate> candidates, double fallback)
    {
        var timed = candidates.Where(c => c.Seconds is not null).OrderBy(c => c.Seconds!.Value).ThenBy(c => c.PhotoId, StringComparer.Ordinal).ToArray();
        var near = new List<double>();
        for (var i = 0; i + 1 < timed.Length; i++)
        {
            if (timed[i + 1].Seconds!.Value - timed[i].Seconds!.Value <= NearSeconds) near.Add(Hash(timed[i], timed[i + 1]));
        }
        var far = new List<double>();
        // Deterministic sample: each frame against the first frame at least an hour later, and the frame
        // half the shoot further on; bounded so a 50,000-frame shoot stays fast.
        var step = Math.Max(1, timed.Length * 2 / MaxFarPairs);
        var j = 0;
        for (var i = 0; i < timed.Length && far.Count < MaxFarPairs; i += step)
        {
            j = Math.Max(j, i + 1);
            while (j < timed.Length && timed[j].Seconds!.Value - timed[i].Seconds!.Value < FarSeconds) j++;
            if (j >= timed.Length) break;
            far.Add(Hash(timed[i], timed[j]));
            var k = j + (timed.Length - j) / 2;
            if (k > j) far.Add(Hash(timed[i], timed[k]));
        }
        if (near.Count < MinPairs || far.Count < MinPairs)
        {
            return new Result(false, fallback, near.Count, far.Count, null, null,
                $"not calibrated: {near.Count} frame pairs ≤ {NearSeconds:0} s apart and {far.Count} pairs ≥ 1 h apart (need {MinPairs} of each); using {fallback:0.#}");
        }
        var nearP75 = Percentile(near, 0.75);
        var farP1 = Percentile(far, 0.01);
        var threshold = Math.Round(Math.Clamp((nearP75 + farP1) / 2, Lowest, Highest), 1);
        return new Result(true, threshold, near.Count, far.Count, nearP75, farP1,
            $"calibrated: hash distance p75 {nearP75:0.#} over {near.Count} pairs ≤ {NearSeconds:0} s apart, p1 {farP1:0.#} over {far.Count} pairs ≥ 1 h apart → {threshold:0.#}");
    }

    private static double Hash(MomentCandidate a, MomentCandidate b) =>
        (PerceptualHash.Distance(a.PHash, b.PHash) + PerceptualHash.Distance(a.DHash, b.DHash)) / 2.0;

    /// <summary>Linear-interpolated percentile (numpy's default).</summary>
    public static double Percentile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return double.NaN;
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
