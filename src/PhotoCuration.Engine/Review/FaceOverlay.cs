using System.Globalization;
using System.Text;

namespace PhotoCuration.Engine.Review;

/// <summary>
/// The faces on the review page (docs/architecture.md#review-page): each face the face stage found drawn
/// as a box over the photo's thumbnail (the main face, the one the moment ranking compares, marked), and
/// the face lines of a why-card: the main face's measures, its eye state, and the moment's face reason
/// ("face softer than hero's: …") when the ranking gave one. Boxes are placed in percent of the picture,
/// the same fractions of the frame the face stage records, so they sit on the face at any display size;
/// a page-wide switch hides them.
/// </summary>
internal static class FaceOverlay
{
    /// <summary>The moment ranking's face reasons start so (<see cref="Moments.FaceComparison.Reason"/>).</summary>
    public const string ReasonPrefix = "face ";

    /// <summary>Whether any photo has a face to draw (the page then offers the switch).</summary>
    public static bool AnyFaces(IEnumerable<Photo> photos) => photos.Any(p => p.Faces is { Length: > 0 });

    /// <summary>The switch in the page header; its state lives in the page only (a class on the body).</summary>
    public const string Toggle = "<label class=\"facetoggle\"><input type=\"checkbox\" id=\"show-faces\" checked> face boxes</label>";

    /// <summary>The picture with its face boxes over it, or the picture alone when the photo has no faces.</summary>
    public static string Wrap(string image, Photo photo)
    {
        if (photo.Faces is not { Length: > 0 } faces) return image;
        var html = new StringBuilder("<div class=\"faced\">").Append(image);
        for (var i = 0; i < faces.Length; i++)
        {
            var f = faces[i];
            // Clamped to the frame: a box may reach past the edge where a face is cut.
            double left = Math.Clamp(f.X, 0, 1), top = Math.Clamp(f.Y, 0, 1);
            double width = Math.Clamp(f.X + f.Width, 0, 1) - left, height = Math.Clamp(f.Y + f.Height, 0, 1) - top;
            html.Append(CultureInfo.InvariantCulture, $"<span class=\"facebox{(i == 0 ? " main" : "")}\" data-face=\"{i}\" style=\"left:{P(left)}%;top:{P(top)}%;width:{P(width)}%;height:{P(height)}%\" title=\"{Html.Text(Title(f, i, EyeModel(photo)))}\"></span>");
        }
        return html.Append("</div>").ToString();
    }

    /// <summary>The face lines of a why-card: main face measures, eye state, the moment's face reasons.</summary>
    public static IReadOnlyList<string> Notes(Photo photo, MomentRationale? rationale)
    {
        var notes = new List<string>();
        if (photo.Faces is not { Length: > 0 } faces) return notes;
        var main = faces[0];
        var count = faces.Length == 1 ? "1 face" : $"{faces.Length} faces";
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{count}; main face {main.Share * 100:0.#}% of the frame, detail {main.SharpnessRatio:0.00}× the frame's, {Ev(main.ExposureEv)} against the frame, yaw {main.Yaw:0}°"));
        notes.Add(EyeNote(main, EyeModel(photo)));
        if (rationale is not null)
        {
            foreach (var reason in rationale.Flags.Append(rationale.Reason).SelectMany(r => r.Split("; ")).Where(r => r.StartsWith(ReasonPrefix, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
            {
                notes.Add(reason);
            }
        }
        return notes;
    }

    /// <summary>"eyes open", "eyes closed (0.91)" or "eye state unknown (no eye model installed)".</summary>
    /// <param name="eyeModel">Whether an eye model looked (the face stage appends its id to the photo's face model with "+").</param>
    public static string EyeNote(PhotoFace face, bool eyeModel) => face.EyeState switch
    {
        "closed" => string.Create(CultureInfo.InvariantCulture, $"eyes closed ({face.EyesClosedProbability ?? 1:0.00})"),
        "open" => "eyes open",
        _ => eyeModel ? "eye state unknown (eyes too small to tell)" : "eye state unknown (no eye model installed)",
    };

    private static bool EyeModel(Photo photo) => photo.FaceModel?.Contains('+', StringComparison.Ordinal) == true;

    private static string Title(PhotoFace f, int index, bool eyeModel) => string.Create(CultureInfo.InvariantCulture,
        $"face {index + 1}{(index == 0 ? " (main)" : "")}: confidence {f.Confidence:0.00}, detail {f.SharpnessRatio:0.00}× the frame's, {Ev(f.ExposureEv)}, {EyeNote(f, eyeModel)}");

    private static string Ev(double ev) => string.Create(CultureInfo.InvariantCulture, $"{(ev < 0 ? "−" : "+")}{Math.Abs(ev):0.0} EV");

    private static string P(double fraction) => (fraction * 100).ToString("0.###", CultureInfo.InvariantCulture);
}
