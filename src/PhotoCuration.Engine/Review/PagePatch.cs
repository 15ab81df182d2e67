namespace PhotoCuration.Engine.Review;

/// <summary>
/// What a decision changed on the review page (docs/architecture.md#review-page), so the page patches
/// itself instead of fetching and parsing the whole document again: the photos whose
/// <see cref="ReportPage.Signature"/> changed get their grid tile, script entry, moment frame and dropped
/// frame anew; the picks get a card when they or a frame of their moment changed (a card shows its moment's
/// other frames); the sections that sum up the whole selection (summary, prompts, coverage, excluded, run)
/// come whole, being small. Markup of each piece is what the full page would hold, so a reload shows the
/// same page.
/// </summary>
public sealed class PagePatch
{
    /// <summary>Photo id → script entry (the JSON the loupe and compare view read).</summary>
    public Dictionary<string, Dictionary<string, object?>> Photos { get; } = new(StringComparer.Ordinal);
    /// <summary>Photo id → grid tile markup.</summary>
    public Dictionary<string, string> Tiles { get; } = new(StringComparer.Ordinal);
    /// <summary>Photo id → why-card markup; picks not named keep their card.</summary>
    public Dictionary<string, string> Cards { get; } = new(StringComparer.Ordinal);
    /// <summary>Photo id → its frame in moment strips and cards.</summary>
    public Dictionary<string, string> Frames { get; } = new(StringComparer.Ordinal);
    /// <summary>Photo id → its frame among the dropped photos.</summary>
    public Dictionary<string, string> Dropped { get; } = new(StringComparer.Ordinal);
    /// <summary>Element id → the element's markup.</summary>
    public IReadOnlyDictionary<string, string> Sections { get; private set; } = new Dictionary<string, string>();
    /// <summary>The picks in sequence order: the order of the cards.</summary>
    public IReadOnlyList<string> Order { get; private set; } = Array.Empty<string>();

    /// <summary>Every photo's signature in <paramref name="page"/>.</summary>
    public static Dictionary<string, string> Signatures(ReviewBatch batch, ReportPage page) =>
        batch.Photos.ToDictionary(p => p.PhotoId, page.Signature, StringComparer.Ordinal);

    /// <summary>The changes from the page whose signatures were <paramref name="before"/> to <paramref name="page"/> (signatures <paramref name="after"/>).</summary>
    public static PagePatch Between(ReportPage page, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var changed = after.Where(kv => !before.TryGetValue(kv.Key, out var old) || old != kv.Value).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        var patch = new PagePatch { Order = page.SelectedIds.ToList(), Sections = page.Sections() };
        foreach (var id in changed.Order(StringComparer.Ordinal))
        {
            if (page.Grid.TileOf(id, page.MomentList, page.DroppedList) is { } tile) patch.Tiles[id] = tile;
            if (page.Grid.DataOf(id, page.MomentList, page.DroppedList) is { } data) patch.Photos[id] = data;
            if (page.FrameOf(id) is { } frame) patch.Frames[id] = frame;
            if (page.DroppedFrameOf(id) is { } dropped) patch.Dropped[id] = dropped;
        }
        foreach (var id in page.SelectedIds)
        {
            if (page.MomentMates(id).Any(changed.Contains) && page.CardOf(id) is { } card) patch.Cards[id] = card;
        }
        return patch;
    }

    /// <summary>The patch as the page's script reads it.</summary>
    public object ToJson() => new
    {
        order = Order,
        photos = Photos,
        tiles = Tiles,
        cards = Cards,
        frames = Frames,
        dropped = Dropped,
        sections = Sections,
    };
}
