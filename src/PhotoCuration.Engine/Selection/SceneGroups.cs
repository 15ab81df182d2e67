namespace PhotoCuration.Engine.Selection;

/// <summary>
/// Model-free visual groups for the <c>look</c> axis (values 1, 2, …, numbered in order of their leader's
/// Total_prelim; never presented as scene types): leader clustering over <see cref="PhotoSimilarity"/>
/// in order of Total_prelim (ties by photo id) — each photo joins the first leader it is at least
/// <see cref="Threshold"/> alike, else leads a new group. Deterministic, O(n·groups).
/// </summary>
public static class SceneGroups
{
    /// <summary>φ of two photos of one scene from different angles: same palette, related layout.</summary>
    public const double Threshold = 0.45;

    public static string[] Assign(IReadOnlyList<SelectionCandidate> ordered)
    {
        var similarity = new SimilarityTable(ordered);
        var leaders = new List<int>();
        var group = new string[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            var found = -1;
            for (var g = 0; g < leaders.Count && found < 0; g++)
            {
                if (similarity.AtLeast(leaders[g], i, Threshold)) found = g;
            }
            if (found < 0)
            {
                leaders.Add(i);
                found = leaders.Count - 1;
            }
            group[i] = (found + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return group;
    }
}
