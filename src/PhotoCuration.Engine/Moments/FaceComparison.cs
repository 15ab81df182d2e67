using System.Globalization;

namespace PhotoCuration.Engine.Moments;

/// <summary>
/// Faces inside a moment (docs/algorithms.md#faces-inside-a-moment): when the face stage found faces,
/// the main face (the largest; the face stage lists faces largest first) is the subject, and a frame
/// whose main face is clearly darker than the best exposed sibling face, or clearly softer than the
/// sharpest well exposed sibling face, loses to it whatever the frame-wide measures say (a sharp
/// background must not win a portrait burst). The scorecard is left as it is: this only orders siblings.
/// </summary>
public static class FaceComparison
{
    /// <summary>Face detail fraction under which a face is clearly softer: the frame rule's threshold (<see cref="RelativeDetail.ClearlySofter"/>).</summary>
    public const double ClearlySofter = RelativeDetail.ClearlySofter;
    /// <summary>A main face this many EV darker (against its frame) than the best exposed sibling face is clearly darker [heuristic: half the 1.5 EV of the proof].</summary>
    public const double ClearlyDarker = 0.75;
    /// <summary>A face with mean luma above this is bright already: never the exposure reference (brighter is not better past it) [heuristic].</summary>
    public const double BrightFace = 0.8;

    /// <param name="Reference">The sibling with the best face (the sharpest well exposed one) this frame's main face is measured against.</param>
    /// <param name="Fraction">Main-face detail as a fraction of the best face's (at most 1).</param>
    /// <param name="DarkerEv">How many EV the main face is darker than the best face, against their frames (0 or less: not darker).</param>
    public sealed record Result(Photo Reference, double Fraction, double DarkerEv)
    {
        public bool IsClearlyDarker => DarkerEv >= ClearlyDarker;
        public bool IsClearlySofter => !IsClearlyDarker && Fraction < ClearlySofter;
        public bool IsWorse => IsClearlyDarker || IsClearlySofter;
    }

    /// <summary>The frame's main face, or null (no face stage, no face found).</summary>
    public static PhotoFace? MainFace(Photo photo) => photo.Faces is { Length: > 0 } faces ? faces[0] : null;

    /// <summary>Each member with a main face, compared with its siblings' main faces, by photo id; empty when fewer than two frames have one.</summary>
    public static Dictionary<string, Result> Compare(IReadOnlyList<Photo> members)
    {
        var result = new Dictionary<string, Result>(StringComparer.Ordinal);
        var withFace = members.Where(m => MainFace(m) is not null && m.Score is not { IsDropped: true }).ToList();
        if (withFace.Count < 2) return result;
        // The best face: the sharpest of the faces exposed within ClearlyDarker of the brightest one that is
        // not too bright. Both rules measure against it, so a reason names one sibling.
        var wellExposed = withFace.Where(m => MainFace(m)!.Luma <= BrightFace).ToList();
        var brightest = wellExposed.Count == 0 ? (double?)null : wellExposed.Max(m => MainFace(m)!.ExposureEv);
        var best = withFace.Where(m => brightest is null || brightest.Value - MainFace(m)!.ExposureEv < ClearlyDarker)
            .OrderByDescending(m => MainFace(m)!.Sharpness).ThenBy(m => m.PhotoId, StringComparer.Ordinal).First();
        var bestFace = MainFace(best)!;
        foreach (var photo in members.Where(m => MainFace(m) is not null))
        {
            var face = MainFace(photo)!;
            var fraction = Math.Min(1, Faces.FaceDetail.Ratio(face.Sharpness, bestFace.Sharpness));
            result[photo.PhotoId] = new Result(best, fraction, bestFace.ExposureEv - face.ExposureEv);
        }
        return result;
    }

    /// <summary>"face softer than hero's: 0.35 of its detail" or "face darker than IMG_0002.jpg's: 1.5 EV".</summary>
    public static string Reason(Result r, Photo hero, string? momentId)
    {
        var who = r.Reference.PhotoId == hero.PhotoId ? (momentId is null ? "hero's" : $"{momentId}'s hero's") : $"{r.Reference.FileName}'s";
        return r.IsClearlyDarker
            ? string.Create(CultureInfo.InvariantCulture, $"face darker than {who}: {r.DarkerEv:0.0} EV")
            : string.Create(CultureInfo.InvariantCulture, $"face softer than {who}: {r.Fraction:0.00} of its detail");
    }
}
