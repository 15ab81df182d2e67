namespace PhotoCuration.Engine.Selection;

/// <summary>
/// Gives the picked photos their roles within the quotas (a partition matroid, docs/algorithms.md#selection): each
/// opener slot goes to the pick whose opener fit most exceeds its body fit, then each closer slot
/// likewise among the rest; the others are body. Roles order the sequence but never change which
/// photos are picked, so the set stays the greedy optimum (and top-N when diversity is off).
/// </summary>
public static class RoleAssignment
{
    /// <returns>Role per index into <paramref name="picks"/>.</returns>
    public static IReadOnlyDictionary<int, string> Assign(IReadOnlyList<Photo> picks, IReadOnlyDictionary<string, int> quotas)
    {
        var roles = new Dictionary<int, string>();
        foreach (var role in new[] { RoleFit.Opener, RoleFit.Closer })
        {
            var quota = quotas.TryGetValue(role, out var q) ? q : 0;
            var chosen = Enumerable.Range(0, picks.Count)
                .Where(i => !roles.ContainsKey(i))
                .OrderByDescending(i => RoleFit.Fit(picks[i], role) - RoleFit.Fit(picks[i], RoleFit.Body))
                .ThenBy(i => i)
                .Take(Math.Max(0, Math.Min(quota, picks.Count - roles.Count)))
                .ToList();
            foreach (var i in chosen) roles[i] = role;
        }
        for (var i = 0; i < picks.Count; i++) roles.TryAdd(i, RoleFit.Body);
        return roles;
    }
}
