namespace PhotoCuration.Engine.Selection;

/// <summary>
/// Finds, for one candidate, every member of a fixed list whose φ may reach a bound: a superset, never
/// missing one, of the members a comparison with each would find (docs/algorithms.md#selection, "Finding
/// the alike pairs"). Facility location needs each pickable photo's non-zero φ to every moment hero, and
/// nearly every pair is 0, so the index lets selection measure φ only where it may not be.
/// <para>
/// Two exact bounds (<see cref="SimilarityBound"/>): the hash distance, counted for every member (two
/// popcounts, the one step linear in the members), gives the largest closest-colour distance μ at which
/// the pair may reach the bound; a grid over the members' palette colours finds, without visiting the
/// others, the members with a colour within <see cref="Radius"/> of one of the candidate's, and their μ.
/// A member is a candidate when its μ is within its reach — unknown μ (no colour within the radius)
/// counting as such only when the reach exceeds the radius, which for the default radius needs 47 or fewer
/// hash bits apart (unrelated photos differ in about 64). Members the bound does not cover are always
/// candidates: an irregular palette (<see cref="SimilarityTable.IsIrregular"/>), and with CLIP embeddings
/// on both sides, where φ is their cosine and every pair is compared as before.
/// </para>
/// </summary>
public sealed class SimilarityIndex
{
    /// <summary>
    /// The grid decides pairs from this many hash bits apart: their reach at the φ &gt; 0 bound is at most
    /// 11.7 ΔE (layout 0.29), which sets the grid's radius; closer hashes, rare between unrelated photos
    /// (2.3 standard deviations under 64), are compared whatever their colours.
    /// </summary>
    public const int GridFromBits = 48;

    private readonly SimilarityTable _table;
    private readonly int[] _members;
    private readonly ulong[] _pHash, _dHash;
    private readonly bool[] _embedded;
    private readonly bool _anyEmbedded;

    /// <summary>Per hash distance, the squared reach the grid can decide; +∞ = always a candidate, −1 = never.</summary>
    private readonly double[] _reach2 = new double[SimilarityBound.HashBits + 1];

    /// <summary>Per member: −∞ for one always compared (irregular palette), else +∞ (no colour found yet).</summary>
    private readonly double[] _base;

    // The grid: member colours sorted by cell, each cell's range of entries.
    private readonly Dictionary<long, (int Start, int End)> _cells = new();
    private readonly int[] _entryMember = Array.Empty<int>();
    private readonly double[] _entryLab = Array.Empty<double>();

    /// <param name="members">Candidate indices in <paramref name="table"/> that can be found, by position.</param>
    public SimilarityIndex(SimilarityTable table, IReadOnlyList<int> members, SimilarityBound bound)
    {
        _table = table;
        _members = members.ToArray();
        var n = _members.Length;
        _pHash = new ulong[n];
        _dHash = new ulong[n];
        _embedded = new bool[n];
        _base = new double[n];
        for (var p = 0; p < n; p++)
        {
            var c = _members[p];
            _pHash[p] = table.PHashes[c];
            _dHash[p] = table.DHashes[c];
            _embedded[p] = table.IsEmbedded(c);
            _anyEmbedded |= _embedded[p];
            _base[p] = table.IsIrregular(c) ? double.NegativeInfinity : double.PositiveInfinity;
        }
        Radius = Enumerable.Range(GridFromBits, SimilarityBound.HashBits + 1 - GridFromBits).Select(bound.Reach).Where(double.IsFinite).DefaultIfEmpty(-1).Max();
        for (var bits = 0; bits <= SimilarityBound.HashBits; bits++)
        {
            var reach = bound.Reach(bits);
            _reach2[bits] = reach < 0 ? -1 : reach >= Radius ? double.PositiveInfinity : reach * reach;
        }
        // Cells a third of the radius: a query visits only the cells its ball of that radius touches
        // (about 8 R³ of colour space instead of 27 R³ with cells of the radius). No smaller than 1 ΔE,
        // which keeps cell numbers small whatever the radius.
        _side = Math.Max(Radius / 3, 1);
        if (Radius > 0) (_cells, _entryMember, _entryLab) = BuildGrid(table, _members, _side);
    }

    private readonly double _side;

    /// <summary>The grid's search radius in ΔE (and its cell side, at least 1 ΔE); ≤ 0 when the bound needs no grid.</summary>
    public double Radius { get; }

    public int Count => _members.Length;

    /// <summary>A query's working memory: one per thread.</summary>
    public sealed class Scratch
    {
        internal Scratch(double[] mu2) => Mu2 = mu2;

        /// <summary>Per member, the squared μ found by the grid (or its base value).</summary>
        internal double[] Mu2 { get; }

        internal List<int> Touched { get; } = new();

        /// <summary>A list for the caller to collect one query's positions in, reused from query to query.</summary>
        public List<int> Found { get; } = new();
    }

    public Scratch NewScratch() => new((double[])_base.Clone());

    /// <summary>
    /// Appends to <paramref name="into"/>, ascending, the positions of the members at or after
    /// <paramref name="from"/>, and those in <paramref name="before"/> (ascending, each under <paramref name="from"/>),
    /// whose φ with candidate <paramref name="query"/> of the table may reach the bound.
    /// </summary>
    public void Near(int query, int from, IReadOnlyList<int> before, Scratch scratch, List<int> into)
    {
        var mu2 = scratch.Mu2;
        if (_table.IsIrregular(query))
        {
            foreach (var p in before) into.Add(p);
            for (var p = from; p < _members.Length; p++) into.Add(p);
            return;
        }
        Visit(query, scratch);
        var qp = _table.PHashes[query];
        var qd = _table.DHashes[query];
        foreach (var p in before)
        {
            if (mu2[p] <= _reach2[Bits(qp, qd, p)]) into.Add(p);
        }
        for (var p = from; p < _members.Length; p++)
        {
            if (mu2[p] <= _reach2[Bits(qp, qd, p)]) into.Add(p);
        }
        foreach (var p in scratch.Touched) mu2[p] = _base[p];
        scratch.Touched.Clear();
    }

    private int Bits(ulong qp, ulong qd, int p) =>
        System.Numerics.BitOperations.PopCount(qp ^ _pHash[p]) + System.Numerics.BitOperations.PopCount(qd ^ _dHash[p]);

    /// <summary>Sets the squared μ of every member with a colour in a cell within the radius of one of the query's colours; with embeddings on both sides, −∞.</summary>
    private void Visit(int query, Scratch scratch)
    {
        var mu2 = scratch.Mu2;
        if (_anyEmbedded && _table.IsEmbedded(query))
        {
            for (var p = 0; p < _members.Length; p++)
            {
                if (!_embedded[p] || double.IsNegativeInfinity(mu2[p])) continue;
                mu2[p] = double.NegativeInfinity;
                scratch.Touched.Add(p);
            }
        }
        if (_cells.Count == 0) return;
        var lab = _table.Lab;
        var side = _side;
        // Widened by a hair so rounding in (q ± r) / side can never leave out a cell a colour within r lies in.
        var reach = Radius + SimilarityBound.Slack;
        int start = _table.PaletteStart(query), count = _table.PaletteCount(query);
        for (var i = 0; i < count; i++)
        {
            var q = 3 * (start + i);
            double l = lab[q], a = lab[q + 1], b = lab[q + 2];
            int l0 = Cell(l - reach, side), l1 = Cell(l + reach, side);
            int a0 = Cell(a - reach, side), a1 = Cell(a + reach, side);
            int b0 = Cell(b - reach, side), b1 = Cell(b + reach, side);
            var reach2 = reach * reach;
            for (var cl = l0; cl <= l1; cl++)
            {
                var gl = Gap(l, cl, side);
                for (var ca = a0; ca <= a1; ca++)
                {
                    var ga = gl + Gap(a, ca, side);
                    if (ga > reach2) continue;
                    for (var cb = b0; cb <= b1; cb++)
                    {
                        // A cell farther than the radius (by its nearest point, with the slack) holds no colour within it.
                        if (ga + Gap(b, cb, side) > reach2 || !_cells.TryGetValue(Key(cl, ca, cb), out var range)) continue;
                        Scan(l, a, b, range, scratch);
                    }
                }
            }
        }
    }

    /// <summary>Squared distance from <paramref name="v"/> to cell <paramref name="c"/>'s interval on one axis, shrunk by a hair for rounding.</summary>
    private static double Gap(double v, int c, double side)
    {
        var gap = Math.Max(0, Math.Max(c * side - v, v - (c + 1) * side) - SimilarityBound.Slack);
        return gap * gap;
    }

    private void Scan(double l, double a, double b, (int Start, int End) range, Scratch scratch)
    {
        var mu2 = scratch.Mu2;
        for (var e = range.Start; e < range.End; e++)
        {
            // The squared distance as SimilarityTable computes it, so μ² is the minimum of its very values.
            var t = 3 * e;
            double dl = l - _entryLab[t], da = a - _entryLab[t + 1], db = b - _entryLab[t + 2];
            var d2 = dl * dl + da * da + db * db;
            var p = _entryMember[e];
            if (!(d2 < mu2[p])) continue;
            if (double.IsPositiveInfinity(mu2[p])) scratch.Touched.Add(p);
            mu2[p] = d2;
        }
    }

    private static (Dictionary<long, (int, int)>, int[], double[]) BuildGrid(SimilarityTable table, int[] members, double side)
    {
        var entries = new List<(long Key, int Member, int Colour)>();
        for (var p = 0; p < members.Length; p++)
        {
            var c = members[p];
            if (table.IsIrregular(c)) continue;
            var start = table.PaletteStart(c);
            for (var i = 0; i < table.PaletteCount(c); i++)
            {
                var q = 3 * (start + i);
                entries.Add((Key(Cell(table.Lab[q], side), Cell(table.Lab[q + 1], side), Cell(table.Lab[q + 2], side)), p, start + i));
            }
        }
        entries.Sort((x, y) => x.Key != y.Key ? x.Key.CompareTo(y.Key) : x.Member != y.Member ? x.Member.CompareTo(y.Member) : x.Colour.CompareTo(y.Colour));
        var cells = new Dictionary<long, (int, int)>();
        var member = new int[entries.Count];
        var lab = new double[3 * entries.Count];
        for (var e = 0; e < entries.Count; e++)
        {
            member[e] = entries[e].Member;
            Array.Copy(table.Lab, 3 * entries[e].Colour, lab, 3 * e, 3);
            if (e == 0 || entries[e].Key != entries[e - 1].Key) cells[entries[e].Key] = (e, e);
            cells[entries[e].Key] = (cells[entries[e].Key].Item1, e + 1);
        }
        return (cells, member, lab);
    }

    // Lab values are within ±PlainLab (irregular palettes are not in the grid), so cells fit in 21 bits each.
    private static int Cell(double v, double side) => (int)Math.Floor(v / side);

    private static long Key(int l, int a, int b) => ((long)(l + (1 << 20)) << 42) | ((long)(a + (1 << 20)) << 21) | (long)(b + (1 << 20));
}
