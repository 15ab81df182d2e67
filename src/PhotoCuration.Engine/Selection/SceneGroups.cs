namespace PhotoCuration.Engine.Selection;

/// <summary>
/// Model-free visual groups for the <c>look</c> axis (values 1, 2, …, numbered in order of their leader's
/// Total_prelim; never presented as scene types): leader clustering over <see cref="PhotoSimilarity"/>
/// in order of Total_prelim (ties by photo id) — each photo joins the first leader it is at least
/// <see cref="Threshold"/> alike, else leads a new group. Deterministic, O(n·groups) hash comparisons,
/// φ measured only for the pairs whose hashes leave the threshold within reach.
/// </summary>
public static class SceneGroups
{
    /// <summary>φ of two photos of one scene from different angles: same palette, related layout.</summary>
    public const double Threshold = 0.45;

    /// <param name="memo">φ remembered from earlier selections of the same photos, or null.</param>
    public static string[] Assign(IReadOnlyList<SelectionCandidate> ordered, SimilarityMemo? memo = null)
    {
        var slots = ordered.Select(c => memo?.Slot(c.PhotoId) ?? -1).ToArray();
        var similarity = new SimilarityTable(ordered);
        // At this threshold the hash distance decides nearly every pair: a layout under 0.34 (more than 44
        // bits apart) cannot reach it even with identical palettes (docs/algorithms.md#selection).
        var bound = new SimilarityBound(Threshold);
        var leaders = new List<int>();
        // The leaders' hashes side by side, so the scan over them is two popcounts a leader.
        var leaderP = new ulong[ordered.Count];
        var leaderD = new ulong[ordered.Count];
        var group = new string[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            var found = -1;
            ulong p = similarity.PHashes[i], d = similarity.DHashes[i];
            bool irregular = similarity.IsIrregular(i), embedded = similarity.IsEmbedded(i);
            for (var g = 0; g < leaders.Count && found < 0; g++)
            {
                var bits = System.Numerics.BitOperations.PopCount(p ^ leaderP[g]) + System.Numerics.BitOperations.PopCount(d ^ leaderD[g]);
                var a = leaders[g];
                // Under the threshold whatever the colours, unless the bound does not cover the pair (CLIP
                // embeddings on both sides, an irregular palette).
                if (!bound.Possible(bits) && !irregular && !similarity.IsIrregular(a) && !(embedded && similarity.IsEmbedded(a))) continue;
                // The memo's exact φ when it has the pair; else the table, which may stop early under the threshold.
                if (memo is not null && memo.TryGet(slots[a], slots[i], out var phi) ? phi >= Threshold : similarity.AtLeast(a, i, Threshold)) found = g;
            }
            if (found < 0)
            {
                leaderP[leaders.Count] = p;
                leaderD[leaders.Count] = d;
                leaders.Add(i);
                found = leaders.Count - 1;
            }
            group[i] = (found + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return group;
    }
}
