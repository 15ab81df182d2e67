namespace PhotoCuration.Engine.Taste;

/// <summary>
/// What a photographer decided about one photo, as read from its XMP (docs/algorithms.md#taste):
/// stars (<c>xmp:Rating</c>, −1 = rejected), colour label (<c>xmp:Label</c>) and a pick flag where the tool
/// that wrote it has one (<c>xmpDM:pick</c>, <c>digiKam:PickLabel</c>). <see cref="Source"/> says where it came from.
/// </summary>
public sealed record PhotoDecision(string Path, int? Rating, string? Label, bool? Pick, string Source)
{
    /// <summary>True when the XMP holds any decision at all (a rating, even 0 given explicitly, counts only when non-zero).</summary>
    public bool HasDecision => Rating is { } r && r != 0 || Pick is not null || !string.IsNullOrEmpty(Label);

    /// <summary>Rejected: rating −1 or a reject flag.</summary>
    public bool IsRejected => Rating == -1 || Pick == false;
}
