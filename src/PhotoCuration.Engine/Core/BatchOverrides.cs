namespace PhotoCuration.Engine.Core;

/// <summary>
/// A batch's overrides, as its file <c>data/overrides/&lt;batch_id&gt;.json</c> holds them (read and written by
/// <see cref="Workspace.BatchOverridesFile"/>): the declarative human inputs <c>user_overrides: {lock_in,
/// exclude}</c> and <c>axis_emphasis</c> that the curation session (Invoke-PhotoCuration, Select-CuratedSet)
/// and the review page apply, so selection re-runs without code changes. Entries name photos as ingest
/// does (file name, wildcard, path or photo id; see <see cref="UserOverrides"/>). Once the file exists it
/// is the whole truth about lock and exclude for the batch: it is seeded from ingest's user_overrides so
/// nothing locked at import is lost, and un-locking a photo locked at import works.
/// </summary>
public sealed class BatchOverrides
{
    public const int CurrentFormat = 1;

    /// <summary>Emphasis a nudge cannot go beyond (the theme validator's range for axis_emphasis is open above; 5 keeps one axis from drowning the quality term).</summary>
    public const double MaxEmphasis = 5.0;

    public int Format { get; set; } = CurrentFormat;
    public string BatchId { get; set; } = "";
    public OverridesRecord UserOverrides { get; set; } = new();
    public SortedDictionary<string, double> AxisEmphasis { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Star ratings the person gave (review page keys 1–5), by photo id; they replace the module's stars in
    /// the curated list and the XMP it writes. Absent from files that never had one.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SortedDictionary<string, int>? Ratings { get; set; }

    /// <summary>Checks what a file may hold; throws <see cref="InvalidDataException"/> naming <paramref name="path"/>.</summary>
    public BatchOverrides Validated(string path, string batchId)
    {
        if (Format != CurrentFormat) throw new InvalidDataException($"Overrides file '{path}' has format {Format}; this version reads format {CurrentFormat}.");
        if (!string.Equals(BatchId, batchId, StringComparison.Ordinal)) throw new InvalidDataException($"Overrides file '{path}' names batch '{BatchId}', not '{batchId}'.");
        UserOverrides ??= new();
        UserOverrides.LockIn ??= new();
        UserOverrides.Exclude ??= new();
        AxisEmphasis = new SortedDictionary<string, double>(AxisEmphasis ?? new(), StringComparer.Ordinal);
        foreach (var (axis, value) in AxisEmphasis)
        {
            if (!Axes.All.Contains(axis)) throw new InvalidDataException($"Overrides file '{path}': unknown axis '{axis}' in axis_emphasis. Axes: {string.Join(", ", Axes.All)}.");
            if (!(value >= 0) || double.IsInfinity(value)) throw new InvalidDataException($"Overrides file '{path}': axis_emphasis {axis} must be a number of 0 or more, not {value}.");
        }
        if (Ratings is not null)
        {
            Ratings = new SortedDictionary<string, int>(Ratings, StringComparer.Ordinal);
            foreach (var (id, stars) in Ratings)
            {
                if (stars is < 1 or > 5) throw new InvalidDataException($"Overrides file '{path}': rating of '{id}' must be 1 to 5 stars, not {stars}.");
            }
        }
        return this;
    }

    /// <summary>Sets the person's star rating of the photo (1–5), or clears it (0): the module's stars apply again.</summary>
    public void Rate(Photo photo, int stars)
    {
        if (stars is < 0 or > 5) throw new ArgumentOutOfRangeException(nameof(stars), stars, "A rating is 0 (clear) to 5 stars.");
        Ratings ??= new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (stars == 0) Ratings.Remove(photo.PhotoId);
        else Ratings[photo.PhotoId] = stars;
        if (Ratings.Count == 0) Ratings = null;
    }

    /// <summary>Locks the photo in (and takes it off the exclude list).</summary>
    public void Lock(Photo photo)
    {
        Remove(UserOverrides.Exclude, photo);
        if (!Names(UserOverrides.LockIn, photo)) UserOverrides.LockIn.Add(photo.PhotoId);
    }

    /// <summary>Excludes the photo (and takes it off the lock-in list).</summary>
    public void Exclude(Photo photo)
    {
        Remove(UserOverrides.LockIn, photo);
        if (!Names(UserOverrides.Exclude, photo)) UserOverrides.Exclude.Add(photo.PhotoId);
    }

    /// <summary>Un-locks and un-excludes: the photo competes on its merits again. Returns the entries removed.</summary>
    public IReadOnlyList<string> Release(Photo photo) =>
        Remove(UserOverrides.LockIn, photo).Concat(Remove(UserOverrides.Exclude, photo)).ToList();

    /// <summary>Adds <paramref name="delta"/> to the axis's emphasis (from <paramref name="current"/>), kept within [0, <see cref="MaxEmphasis"/>].</summary>
    public double Nudge(string axis, double current, double delta)
    {
        if (!Axes.All.Contains(axis)) throw new ArgumentException($"Unknown axis '{axis}'. Axes: {string.Join(", ", Axes.All)}.", nameof(axis));
        if (double.IsNaN(delta) || double.IsInfinity(delta)) throw new ArgumentException("The nudge must be a finite number.", nameof(delta));
        var value = Math.Round(Math.Clamp(current + delta, 0, MaxEmphasis), 4);
        AxisEmphasis[axis] = value;
        return value;
    }

    /// <summary>Axis emphasis of the run: <paramref name="baseline"/> with this file's values over it.</summary>
    public Dictionary<string, double> EmphasisOver(IReadOnlyDictionary<string, double> baseline)
    {
        var merged = new Dictionary<string, double>(baseline, StringComparer.Ordinal);
        foreach (var (axis, value) in AxisEmphasis) merged[axis] = value;
        return merged;
    }

    /// <summary>
    /// Sets every photo's IsLocked/IsExcluded from this file (replacing what ingest set) and re-ranks each
    /// moment so an excluded frame never stands as its hero: the best frame left takes its place.
    /// </summary>
    public IReadOnlyList<PhotoMoment> ApplyTo(IReadOnlyList<PhotoMoment> moments)
    {
        var rules = new UserOverrides(UserOverrides.LockIn, UserOverrides.Exclude);
        var result = new List<PhotoMoment>(moments.Count);
        foreach (var moment in moments)
        {
            foreach (var photo in moment.Members)
            {
                photo.IsLocked = false;
                photo.IsExcluded = false;
                rules.Apply(photo);
            }
            result.Add(Reranked(moment));
        }
        return result;
    }

    /// <summary>Sets the flags of photos outside any moment (e.g. ones the technical gate dropped).</summary>
    public void ApplyTo(IEnumerable<Photo> photos)
    {
        var rules = new UserOverrides(UserOverrides.LockIn, UserOverrides.Exclude);
        foreach (var photo in photos)
        {
            photo.IsLocked = false;
            photo.IsExcluded = false;
            rules.Apply(photo);
        }
    }

    private static PhotoMoment Reranked(PhotoMoment moment)
    {
        if (moment.Members.Length < 2 || !moment.Members[0].IsExcluded) return moment;
        // Stable: the members keep their order, the excluded ones move behind the rest.
        var members = moment.Members.Where(p => !p.IsExcluded).Concat(moment.Members.Where(p => p.IsExcluded)).ToArray();
        return new PhotoMoment
        {
            MomentId = moment.MomentId,
            BatchId = moment.BatchId,
            Workspace = moment.Workspace,
            Members = members,
            Hero = members[0],
            Alternates = members.Skip(1).ToArray(),
            Rationales = moment.Rationales,
            RankedBy = moment.RankedBy,
            JudgeStatus = moment.JudgeStatus,
            OpenerRank = moment.OpenerRank,
            Start = moment.Start,
            End = moment.End,
            MaxLinkDistance = moment.MaxLinkDistance,
        };
    }

    /// <summary>True when an entry of the list names the photo.</summary>
    private static bool Names(List<string> list, Photo photo) => list.Any(entry => Matches(entry, photo));

    private static List<string> Remove(List<string> list, Photo photo)
    {
        var removed = list.Where(entry => Matches(entry, photo)).ToList();
        list.RemoveAll(entry => Matches(entry, photo));
        return removed;
    }

    private static bool Matches(string entry, Photo photo)
    {
        // A probe, so the rules are exactly ingest's (names, wildcards, paths, id prefixes).
        var probe = new Photo { PhotoId = photo.PhotoId, FileName = photo.FileName, Path = photo.Path };
        new UserOverrides(new[] { entry }, null).Apply(probe);
        return probe.IsLocked;
    }
}
