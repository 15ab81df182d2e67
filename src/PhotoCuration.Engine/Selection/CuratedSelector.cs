namespace PhotoCuration.Engine.Selection;

/// <summary>
/// Diversity-aware selection to a count (docs/algorithms.md#selection, docs/algorithms.md#selection). The objective
/// F(S) = wq·Σ_{s∈S} q_s + wd·[ Σ_v max_{s∈S} φ(s,v) + Σ_a e_a·|values of a in S| / |values of a present| ]
/// is a modular quality term plus facility location over the moments' heroes (one unit per moment, so
/// a pick unlike anything picked so far adds at least 1 and a near copy of an earlier pick adds almost
/// nothing) plus weighted axis coverage — monotone submodular, so
/// greedy is within 1 − 1/e of the optimum (Nemhauser, Wolsey &amp; Fisher 1978). Lazy greedy (Minoux
/// 1978) picks the same items as plain greedy with fewer evaluations; ties break by photo id. Locked
/// photos are seeded first whatever their score; excluded ones are never picked but stay as coverage
/// targets; photos that failed the technical gate are never picked unless locked in, whether or not they
/// reached selection (<c>-IncludeDropped</c> upstream); at most <c>MaxPerMoment</c> photos per moment. With wd = 0 the result is exactly the top N
/// candidates by Total_prelim.
/// </summary>
public static class CuratedSelector
{
    public sealed record Pick(int Index, int Order, double Gain, double QualityGain, double DiversityGain, double CoverageGain,
        IReadOnlyList<string> NewValues, int? NearestPick, double NearestSimilarity);

    /// <param name="Pickable">Indices of the candidates that could be picked (after the gate, exclusions, lock-in and the per-moment cap).</param>
    public sealed record Result(IReadOnlyList<Pick> Picks, IReadOnlyList<int> Pickable, double Objective,
        IReadOnlyDictionary<string, double> Coverage, IReadOnlyDictionary<string, HashSet<string>> PresentValues)
    {
        public int PickableCount => Pickable.Count;
    }

    /// <param name="memo">φ remembered from earlier selections of the same photos (a review server), or null.</param>
    public static Result Select(IReadOnlyList<SelectionCandidate> all, SelectionOptions options, SimilarityMemo? memo = null)
    {
        var state = new State(all, options, memo);
        var picks = new List<Pick>();

        // Lock-in first, best first, whatever their gain (apricot's initial_subset).
        foreach (var i in Enumerable.Range(0, all.Count).Where(i => all[i].IsLocked && !all[i].IsExcluded)
                     .OrderByDescending(i => all[i].Quality).ThenBy(i => all[i].PhotoId, StringComparer.Ordinal))
        {
            picks.Add(state.Take(i, picks.Count + 1));
        }

        var queue = new PriorityQueue<int, (double Bound, string Id)>(new BoundOrder());
        // The first bounds are independent (nothing is changed by computing one): on every core, then
        // queued in candidate order, so the queue is the same as computed one by one.
        var first = new double[state.Pickable.Count];
        Parallel.For(0, first.Length, k => first[k] = state.Gain(state.Pickable[k]).Total);
        for (var k = 0; k < first.Length; k++) queue.Enqueue(state.Pickable[k], (first[k], all[state.Pickable[k]].PhotoId));
        var target = Math.Max(options.Count, picks.Count);
        while (picks.Count < target && queue.TryDequeue(out var x, out _))
        {
            if (!state.Allowed(x)) continue;
            var fresh = state.Gain(x).Total;
            if (queue.TryPeek(out var next, out var nextBound) && BoundOrder.Before(nextBound, (fresh, all[x].PhotoId)))
            {
                queue.Enqueue(x, (fresh, all[x].PhotoId));
                continue;
            }
            picks.Add(state.Take(x, picks.Count + 1));
        }
        return new Result(picks, state.Pickable, state.Objective, state.Coverage(), state.Present);
    }

    /// <summary>Highest bound first; equal bounds by photo id, ascending.</summary>
    private sealed class BoundOrder : IComparer<(double Bound, string Id)>
    {
        public int Compare((double Bound, string Id) a, (double Bound, string Id) b) =>
            b.Bound.CompareTo(a.Bound) is var c && c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);

        public static bool Before((double Bound, string Id) a, (double Bound, string Id) b) => new BoundOrder().Compare(a, b) < 0;
    }

    private sealed class State
    {
        private readonly IReadOnlyList<SelectionCandidate> _all;
        private readonly SelectionOptions _o;
        private readonly int[] _targets;
        private readonly double[] _cur;
        private readonly Dictionary<string, HashSet<string>> _covered = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _perMoment = new(StringComparer.Ordinal);
        private readonly HashSet<int> _taken = new();
        private readonly List<int> _order = new();
        private readonly SimilarityMemo? _memo;
        private readonly int[] _slots;
        private readonly SimilarityTable _similarity;

        /// <summary>
        /// Per candidate, the targets it is alike to (φ &gt; 0), by target slot ascending, found once
        /// (docs/architecture.md#archive-scale): φ is 0 for almost every pair, so each later gain and take
        /// walks these instead of every target, adding the same terms in the same order. Null for a
        /// candidate beyond <see cref="NearBudget"/> entries, which walks every target as before.
        /// </summary>
        private readonly (int[] Slots, double[] Phi)?[] _near;

        /// <summary>Most (slot, φ) entries kept, so a batch of near-identical photos cannot fill memory.</summary>
        private const long NearBudget = 32_000_000;

        public State(IReadOnlyList<SelectionCandidate> all, SelectionOptions o, SimilarityMemo? memo)
        {
            _all = all;
            _o = o;
            _memo = memo;
            _slots = all.Select(c => memo?.Slot(c.PhotoId) ?? -1).ToArray();
            _similarity = new SimilarityTable(all);
            _targets = Enumerable.Range(0, all.Count).Where(i => all[i].TargetWeight > 0).ToArray();
            _cur = new double[_targets.Length];
            Pickable = Enumerable.Range(0, all.Count)
                .Where(i => !all[i].IsExcluded && (all[i].IsLocked || (!all[i].FailedGate && all[i].MomentRank <= o.MaxPerMoment)))
                .ToList();
            Present = CoverageAxes.All.ToDictionary(a => a, a => Pickable.Select(i => all[i].Axes[a]).Where(v => v != CoverageAxes.Unknown).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
            foreach (var a in CoverageAxes.All) _covered[a] = new HashSet<string>(StringComparer.Ordinal);
            _near = new (int[], double[])?[all.Count];
            if (o.DiversityWeight > 0) FindNear();
        }

        /// <summary>
        /// Each pickable candidate's non-zero φ to the targets. φ is symmetric bit for bit (the same terms:
        /// ab + ba, a·b, the same popcounts), so a pair of two pickable targets — every moment's hero, the
        /// bulk of a large batch — is measured once, in the row of the one with the smaller target slot, and
        /// copied to the other's (docs/architecture.md#archive-scale). Only the targets the
        /// <see cref="SimilarityIndex"/> finds are measured: the others are provably 0 alike, as measuring
        /// them would say (docs/algorithms.md#selection, "Finding the alike pairs").
        /// </summary>
        private void FindNear()
        {
            var slotOf = new int[_all.Count];
            Array.Fill(slotOf, -1);
            for (var t = 0; t < _targets.Length; t++) slotOf[_targets[t]] = t;
            var rowOfSlot = new int[_targets.Length];
            Array.Fill(rowOfSlot, -1);
            for (var k = 0; k < Pickable.Count; k++)
            {
                if (slotOf[Pickable[k]] is var t and >= 0) rowOfSlot[t] = k;
            }
            // Targets that are no row of their own (excluded heroes): a row before them measures them too.
            var unpickable = Enumerable.Range(0, _targets.Length).Where(t => rowOfSlot[t] < 0).ToArray();
            var index = new SimilarityIndex(_similarity, _targets, new SimilarityBound(PhotoSimilarity.Floor));
            var rows = new List<(int Slot, double Phi)>[Pickable.Count];
            // A scratch is as long as the targets; Parallel.For starts many short tasks, so they share a few.
            var scratches = new System.Collections.Concurrent.ConcurrentBag<SimilarityIndex.Scratch>();
            Parallel.For(0, Pickable.Count, () => scratches.TryTake(out var s) ? s : index.NewScratch(), (k, _, scratch) =>
            {
                var x = Pickable[k];
                var own = slotOf[x];
                var from = Math.Max(own, 0);
                // Before `own` only the unpickable targets: the pickable ones measure this pair in their rows.
                var before = own > 0 ? unpickable.AsSpan(0, LowerBound(unpickable, own)).ToArray() : Array.Empty<int>();
                var near = scratch.Found;
                near.Clear();
                index.Near(x, from, before, scratch, near);
                var row = new List<(int, double)>();
                foreach (var t in near)
                {
                    var v = _targets[t];
                    // Phi writes only the memo's cell of this pair, so the parallel rows never share one.
                    var phi = v == x ? 1 : Phi(x, v);
                    if (phi > 0) row.Add((t, phi));
                }
                rows[k] = row;
                return scratch;
            }, scratches.Add);
            for (var k = 0; k < Pickable.Count; k++)
            {
                var own = slotOf[Pickable[k]];
                if (own < 0) continue;
                foreach (var (t, phi) in rows[k])
                {
                    if (t > own && rowOfSlot[t] >= 0) rows[rowOfSlot[t]].Add((own, phi));
                }
            }
            long kept = 0;
            for (var k = 0; k < Pickable.Count; k++)
            {
                var row = rows[k];
                row.Sort((a, b) => a.Slot.CompareTo(b.Slot));
                kept += row.Count;
                if (kept <= NearBudget) _near[Pickable[k]] = (row.Select(e => e.Slot).ToArray(), row.Select(e => e.Phi).ToArray());
                rows[k] = null!;
            }
        }

        /// <summary>How many of the ascending <paramref name="sorted"/> are under <paramref name="value"/>.</summary>
        private static int LowerBound(int[] sorted, int value)
        {
            var i = Array.BinarySearch(sorted, value);
            return i >= 0 ? i : ~i;
        }

        public List<int> Pickable { get; }
        public Dictionary<string, HashSet<string>> Present { get; }
        public double Objective { get; private set; }

        public bool Allowed(int x) => !_taken.Contains(x) &&
            (!_perMoment.TryGetValue(_all[x].MomentId, out var n) || n < _o.MaxPerMoment);

        public (double Total, double Quality, double Diversity, double Coverage, List<string> NewValues) Gain(int x)
        {
            var quality = _all[x].Quality;
            double diversity = 0;
            if (_o.DiversityWeight > 0 && _near[x] is ({} slots, {} phis))
            {
                for (var n = 0; n < slots.Length; n++)
                {
                    var t = slots[n];
                    if (phis[n] > _cur[t]) diversity += _all[_targets[t]].TargetWeight * (phis[n] - _cur[t]);
                }
            }
            else if (_o.DiversityWeight > 0)
            {
                for (var t = 0; t < _targets.Length; t++)
                {
                    var v = _targets[t];
                    var phi = v == x ? 1 : Phi(x, v);
                    if (phi > _cur[t]) diversity += _all[v].TargetWeight * (phi - _cur[t]);
                }
            }
            double coverage = 0;
            var newValues = new List<string>();
            foreach (var axis in CoverageAxes.All)
            {
                var value = _all[x].Axes[axis];
                if (value == CoverageAxes.Unknown || _covered[axis].Contains(value) || Present[axis].Count == 0) continue;
                coverage += Emphasis(axis) / Present[axis].Count;
                newValues.Add($"{axis}:{value}");
            }
            var total = _o.QualityWeight * quality + _o.DiversityWeight * (diversity + coverage);
            return (total, _o.QualityWeight * quality, _o.DiversityWeight * diversity, _o.DiversityWeight * coverage, newValues);
        }

        public Pick Take(int x, int order)
        {
            var g = Gain(x);
            int? nearest = null;
            double nearestSim = 0;
            foreach (var s in _order)
            {
                var phi = Phi(x, s);
                if (nearest is null || phi > nearestSim) (nearest, nearestSim) = (s, phi);
            }
            if (_near[x] is ({} slots, {} phis))
            {
                // Every other target is 0 alike to x: max(cur, 0) leaves it as it is.
                for (var n = 0; n < slots.Length; n++) _cur[slots[n]] = Math.Max(_cur[slots[n]], phis[n]);
            }
            else
            {
                for (var t = 0; t < _targets.Length; t++)
                {
                    var v = _targets[t];
                    _cur[t] = Math.Max(_cur[t], v == x ? 1 : Phi(x, v));
                }
            }
            foreach (var axis in CoverageAxes.All)
            {
                if (_all[x].Axes[axis] != CoverageAxes.Unknown) _covered[axis].Add(_all[x].Axes[axis]);
            }
            _perMoment[_all[x].MomentId] = _perMoment.GetValueOrDefault(_all[x].MomentId) + 1;
            _taken.Add(x);
            _order.Add(x);
            Objective += g.Total;
            return new Pick(x, order, g.Total, g.Quality, g.Diversity, g.Coverage, g.NewValues, nearest, nearestSim);
        }

        public Dictionary<string, double> Coverage() => CoverageAxes.All
            .Where(a => Present[a].Count > 0)
            .ToDictionary(a => a, a => Math.Round((double)_covered[a].Count(Present[a].Contains) / Present[a].Count, 4), StringComparer.Ordinal);

        // φ from the memo when it remembers the pair, else from the compact table (and remembered).
        private double Phi(int a, int b)
        {
            if (_memo is null) return _similarity.Between(a, b);
            if (_memo.TryGet(_slots[a], _slots[b], out var phi)) return phi;
            phi = _similarity.Between(a, b);
            _memo.Remember(_slots[a], _slots[b], phi);
            return phi;
        }

        private double Emphasis(string axis) => CoverageAxes.Emphasis(_o.AxisEmphasis, axis);
    }
}
