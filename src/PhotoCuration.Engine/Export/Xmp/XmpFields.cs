using System.Globalization;
using PhotoCuration.Engine.Selection;

namespace PhotoCuration.Engine.Export.Xmp;

/// <summary>
/// What the export says about one photo in XMP (docs/metadata.md): the stars and colour label editors
/// show, the pick or reject flag, and the curation itself in the module's own namespace. Built from a
/// pick (<see cref="ForPick"/>) or from a photo the technical gate dropped (<see cref="ForReject"/>).
/// </summary>
public sealed class XmpFields
{
    /// <summary>xmp:Rating: 1–5 stars, or −1 for a reject (the XMP convention Lightroom and Bridge read).</summary>
    public int Rating { get; init; }
    /// <summary>xmp:Label, Lightroom's default label names; null writes none.</summary>
    public string? Label { get; init; }
    /// <summary>xmpDM:pick: 1 pick, −1 reject (Lightroom Classic 13.2+ reads its flag here).</summary>
    public int Pick { get; init; }
    /// <summary>photocuration:* simple properties, in writing order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Curation { get; init; } = Array.Empty<KeyValuePair<string, string>>();
    /// <summary>photocuration:Reasons, an ordered list of sentences.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = Array.Empty<string>();
    /// <summary>dc:subject additions; empty unless keywords were asked for.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = Array.Empty<string>();
    /// <summary>MWG face regions; null unless asked for.</summary>
    public MwgRegionSet? Regions { get; init; }

    /// <summary>Lightroom's colour label for a role: opener Red (the page that must be right first), closer Blue, body Green.</summary>
    public static string LabelFor(string role) => role switch
    {
        "opener" => "Red",
        "closer" => "Blue",
        _ => "Green",
    };

    /// <summary>Stars of a pick: its own rating, or for an unrated item (0) the lowest, 1.</summary>
    public static int RatingOf(CuratedItem item) => Math.Clamp(item.Rating, 1, 5);

    public static XmpFields ForPick(CuratedItem item, bool keywords, bool faceRegions)
    {
        var curation = new List<KeyValuePair<string, string>>
        {
            new("Rank", Invariant(item.Rank)),
            new("Sequence", Invariant(item.Sequence)),
            new("Role", item.Role),
            new("Verdict", GateVerdict.Of(item.Photo.Score)),
            new("PhotoId", item.PhotoId),
        };
        if ((item.MomentId ?? item.Photo.MomentId) is { } moment) curation.Add(new("MomentId", moment));
        // The number of people the face stage counted; absent when no face model looked (unknown, not 0).
        if (item.Photo.Faces is { } faces && item.Photo.FaceModel is not null) curation.Add(new("PeopleCount", Invariant(faces.Length)));
        AddScores(curation, item.Photo.Score);
        var reasons = item.Reasons.ToList();
        if (item.Photo.Score is { } score && GateVerdict.IsFlagged(score) && !reasons.Any(r => r.Contains("flagged", StringComparison.OrdinalIgnoreCase)))
        {
            reasons.Add("flagged by the technical gate: " + GateVerdict.FlagDetail(score));
        }
        return new XmpFields
        {
            Rating = RatingOf(item),
            Label = LabelFor(item.Role),
            Pick = 1,
            Curation = curation,
            Reasons = reasons,
            Keywords = keywords ? XmpKeywords.Of(item) : Array.Empty<string>(),
            Regions = faceRegions ? MwgRegionSet.Of(item.Photo) : null,
        };
    }

    /// <summary>A photo the technical gate dropped: rejected (−1), with the gate's reasons.</summary>
    public static XmpFields ForReject(string photoId, PhotoScore score)
    {
        var curation = new List<KeyValuePair<string, string>>
        {
            new("Verdict", GateVerdict.Dropped),
            new("PhotoId", photoId),
        };
        AddScores(curation, score);
        return new XmpFields
        {
            Rating = -1,
            Pick = -1,
            Curation = curation,
            Reasons = GateVerdict.FailReasons(score).Select(r => "dropped by the technical gate: " + r).ToList(),
        };
    }

    private static void AddScores(List<KeyValuePair<string, string>> curation, PhotoScore? score)
    {
        if (score is null) return;
        curation.Add(new("QTech", Invariant(score.QTech)));
        curation.Add(new("Aesthetic", Invariant(score.Aesthetic)));
        curation.Add(new("Vibe", Invariant(score.Vibe)));
        curation.Add(new("Typography", Invariant(score.Typography)));
        curation.Add(new("Composition", Invariant(score.Composition)));
        curation.Add(new("Total", Invariant(score.Total)));
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
