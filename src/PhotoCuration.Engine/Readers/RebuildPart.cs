namespace PhotoCuration.Engine.Readers;

/// <summary>
/// Which photos of a batch one rebuild makes (docs/architecture.md#archive-scale): a large batch is
/// rebuilt part by part — a range of ingest's entries, or the photo ids of some moments — so its full
/// photos are never all held at once. Every stage document is still read whole; records of other
/// photos are passed by.
/// </summary>
public sealed class RebuildPart
{
    private readonly Func<int, string, bool> _takes;

    private RebuildPart(Func<int, string, bool> takes, bool reportsForeign, Func<string, bool>? ids = null)
    {
        _takes = takes;
        ReportsForeign = reportsForeign;
        Ids = ids;
    }

    /// <summary>Ingest's entries at positions [<paramref name="from"/>, <paramref name="to"/>); the first part also reports the records of ids ingest never listed.</summary>
    public static RebuildPart Positions(int from, int to) => new((position, _) => position >= from && position < to, reportsForeign: from == 0);

    /// <summary>The photos with these ids (every file of an exact duplicate); nothing is reported of other ids.</summary>
    public static RebuildPart Of(IReadOnlySet<string> ids) => new((_, id) => ids.Contains(id), reportsForeign: false, ids.Contains);

    /// <summary>For a part by ids, which ids it takes (then ingest's other records need not be read whole); null for a part by positions.</summary>
    public Func<string, bool>? Ids { get; }

    /// <summary>True when this part reports the later stages' records of ids ingest never listed (once per batch: the first part).</summary>
    public bool ReportsForeign { get; }

    /// <summary>How many entries ingest listed, once the part's photos have all been read.</summary>
    public int Entries { get; internal set; }

    public bool Takes(int position, string photoId) => _takes(position, photoId);

    /// <summary>
    /// A part's full photos are let go: collected now, before the next part is rebuilt, so the process holds
    /// one part's photos at a time rather than whatever the collector's own pace leaves behind (the bound on
    /// memory is the point of working in parts; one collection per part is little next to reading the records).
    /// </summary>
    public static void Done() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
}
