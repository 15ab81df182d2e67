namespace PhotoCuration.Engine.Selection;

/// <summary>
/// The selection's candidates of a batch grouped in parts (docs/architecture.md#archive-scale), gathered
/// moment by moment while each moment's full photos are at hand: only the candidates that can matter to
/// the selection keep their photo — those within <see cref="SelectionOptions.MaxPerMoment"/> of their
/// moment's top (pickable; the hero is also the moment's coverage target), and any locked or excluded
/// one. Every other frame can be neither picked nor covered, so it is held as its line of the optimizer
/// document's idempotency key only (its id, moment, rank and Total). The selection made from these is
/// the one made from every candidate: the same picks, document and curated list.
/// </summary>
public sealed class PartwiseCandidates
{
    private readonly SelectionStage _stage;
    private readonly int _maxPerMoment;

    /// <summary>Every candidate of every moment, in candidate order: a kept candidate, or the key of one let go.</summary>
    private readonly List<Entry> _entries = new();

    private readonly record struct Entry(SelectionCandidate? Kept, string PhotoId, string MomentId, int Rank, double Quality);

    /// <param name="stage">The selection stage that will select (its theme, options and embeddings make the candidates).</param>
    public PartwiseCandidates(SelectionStage stage, SelectionOptions options)
    {
        _stage = stage;
        _maxPerMoment = options.MaxPerMoment;
    }

    /// <summary>The candidates kept so far, in candidate order.</summary>
    public List<SelectionCandidate> Kept { get; } = new();

    /// <summary>One ranked moment with its full members (<see cref="SelectionStage.CandidatesOf"/>).</summary>
    public void Add(PhotoMoment moment)
    {
        foreach (var c in _stage.CandidatesOf(moment))
        {
            if (c.MomentRank <= _maxPerMoment || c.IsLocked || c.IsExcluded)
            {
                Kept.Add(c);
                _entries.Add(new Entry(c, c.PhotoId, c.MomentId, c.MomentRank, c.Quality));
            }
            else _entries.Add(new Entry(null, c.PhotoId, c.MomentId, c.MomentRank, c.Quality));
        }
    }

    /// <summary>Every candidate's line of the idempotency key, in candidate order (<see cref="SelectionStage.KeyLine"/>).</summary>
    public IEnumerable<string> KeyLines() =>
        _entries.Select(e => SelectionStage.KeyLine(e.PhotoId, e.MomentId, e.Rank, e.Kept?.IsLocked ?? false, e.Kept?.IsExcluded ?? false, e.Quality));
}
