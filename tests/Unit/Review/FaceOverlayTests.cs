using PhotoCuration.Engine.Review;
using Xunit;

namespace PhotoCuration.Tests.Review;

/// <summary>The review page's face boxes and face lines as HTML (the browser test proves where they land).</summary>
public sealed class FaceOverlayTests
{
    private static PhotoFace Face(double x, double y, double w, double h, string eyes = "unknown", double? closed = null) => new()
    {
        X = x, Y = y, Width = w, Height = h, Confidence = 0.93, Sharpness = 5, SharpnessRatio = 0.42, Luma = 0.4,
        ExposureEv = -1.44, Yaw = 12.4, Share = w * h, EyeState = eyes, EyesClosedProbability = closed,
    };

    [Fact]
    public void Boxes_in_percent_of_the_picture_main_face_first_clamped_to_the_frame()
    {
        var photo = new Photo { PhotoId = "p", FileName = "x.jpg", Faces = new[] { Face(0.25, 0.125, 0.5, 0.25), Face(0.9, -0.05, 0.2, 0.1) } };
        var html = FaceOverlay.Wrap("<img>", photo);
        Assert.StartsWith("<div class=\"faced\"><img>", html);
        Assert.Contains("class=\"facebox main\" data-face=\"0\" style=\"left:25%;top:12.5%;width:50%;height:25%\"", html);
        // Cut by the frame's edge: drawn up to it.
        Assert.Contains("class=\"facebox\" data-face=\"1\" style=\"left:90%;top:0%;width:10%;height:5%\"", html);
        Assert.Equal("<img>", FaceOverlay.Wrap("<img>", new Photo { PhotoId = "q", FileName = "y.jpg" }));
        Assert.Equal("<img>", FaceOverlay.Wrap("<img>", new Photo { PhotoId = "q", FileName = "y.jpg", Faces = Array.Empty<PhotoFace>() }));
    }

    [Fact]
    public void Notes_give_the_main_face_its_eyes_and_the_moments_face_reasons()
    {
        var photo = new Photo { PhotoId = "p", FileName = "x.jpg", FaceModel = "face.onnx@abc", Faces = new[] { Face(0.1, 0.1, 0.2, 0.3), Face(0.5, 0.5, 0.1, 0.1) } };
        var why = new MomentRationale { PhotoId = "p", Reason = "face softer than hero's: 0.35 of its detail; softer than hero: 0.6 of its detail (Total 0.50 vs 0.60)", Flags = new[] { "face softer than hero's: 0.35 of its detail" } };
        var notes = FaceOverlay.Notes(photo, why);
        Assert.Equal(new[]
        {
            "2 faces; main face 6% of the frame, detail 0.42× the frame's, −1.4 EV against the frame, yaw 12°",
            "eye state unknown (no eye model installed)",
            "face softer than hero's: 0.35 of its detail",
        }, notes);
        photo.FaceModel = "face.onnx@abc+open-closed-eye-0001.onnx@def";
        photo.Faces[0] = Face(0.1, 0.1, 0.2, 0.3, "closed", 0.912);
        Assert.Equal("eyes closed (0.91)", FaceOverlay.Notes(photo, null)[1]);
        photo.Faces[0] = Face(0.1, 0.1, 0.2, 0.3);
        Assert.Equal("eye state unknown (eyes too small to tell)", FaceOverlay.Notes(photo, null)[1]);
        Assert.Empty(FaceOverlay.Notes(new Photo { PhotoId = "q", FileName = "y.jpg" }, why));
    }
}
