using PhotoCuration.Engine.Faces;
using Xunit;

namespace PhotoCuration.Tests.Faces;

/// <summary>Anchors, decoding and weighted merging against hand-computed values. docs/algorithms.md#faces</summary>
public sealed class BlazeFaceDecodingTests
{
    [Fact]
    public void Anchors_16x16x2Then8x8x6_RowByRow()
    {
        var a = BlazeFaceAnchors.Centers;
        Assert.Equal(896, a.Count);
        Assert.Equal(new FacePoint(0.5 / 16, 0.5 / 16), a[0]);
        Assert.Equal(a[0], a[1]);
        Assert.Equal(new FacePoint(1.5 / 16, 0.5 / 16), a[2]);      // next cell along x
        Assert.Equal(new FacePoint(0.5 / 16, 1.5 / 16), a[32]);     // next row after 16 cells × 2
        Assert.Equal(new FacePoint(15.5 / 16, 15.5 / 16), a[511]);
        Assert.Equal(new FacePoint(0.5 / 8, 0.5 / 8), a[512]);
        Assert.All(Enumerable.Range(512, 6), i => Assert.Equal(a[512], a[i]));
        Assert.Equal(new FacePoint(1.5 / 8, 0.5 / 8), a[518]);
        Assert.Equal(new FacePoint(7.5 / 8, 7.5 / 8), a[895]);
    }

    [Fact]
    public void Decode_OffsetsOver256FromTheAnchor_SigmoidScores()
    {
        var fineScores = Enumerable.Repeat(-10f, 512).ToArray();
        var coarseScores = Enumerable.Repeat(-10f, 384).ToArray();
        var fineBoxes = new float[512 * 16];
        var coarseBoxes = new float[384 * 16];
        // Anchor 2 (centre 1.5/16, 0.5/16): offset (12.8, −6.4) px, size 64×51.2 px, keypoint 0 at (+25.6, 0).
        fineScores[2] = 2f;
        fineBoxes[2 * 16 + 0] = 12.8f; fineBoxes[2 * 16 + 1] = -6.4f; fineBoxes[2 * 16 + 2] = 64f; fineBoxes[2 * 16 + 3] = 51.2f;
        fineBoxes[2 * 16 + 4] = 25.6f;
        // Coarse anchor 384 − 1 (centre 7.5/8), logit 0 → 0.5: kept at 0.5, dropped at 0.51.
        coarseScores[383] = 0f;
        var found = BlazeFaceDecoder.Decode(fineScores, coarseScores, fineBoxes, coarseBoxes, 0.5);
        Assert.Equal(2, found.Count);
        var d = found[0];
        Assert.Equal(1 / (1 + Math.Exp(-2)), d.Score, 12);
        Assert.Equal(1.5 / 16 + 0.05, d.Center.X, 6);
        Assert.Equal(0.5 / 16 - 0.025, d.Center.Y, 6);
        Assert.Equal(0.25, d.Width, 6);
        Assert.Equal(0.2, d.Height, 6);
        Assert.Equal(1.5 / 16 + 0.1, d.Keypoints[0].X, 6);
        Assert.Equal(1.5 / 16, d.Keypoints[1].X, 6);
        Assert.Equal(new FacePoint(7.5 / 8, 7.5 / 8), found[1].Center);
        Assert.Single(BlazeFaceDecoder.Decode(fineScores, coarseScores, fineBoxes, coarseBoxes, 0.51));
        Assert.Equal(1, BlazeFaceDecoder.Sigmoid(1000), 12);   // clipped at ±100, no overflow
        Assert.Throws<ArgumentException>(() => BlazeFaceDecoder.Decode(fineScores, coarseScores.AsSpan(1), fineBoxes, coarseBoxes, 0.5));
    }

    private static FaceDetection Box(double left, double top, double size, double score, double keypointX) =>
        new(left, top, left + size, top + size, Enumerable.Repeat(new FacePoint(keypointX, top), 6).ToArray(), score);

    [Fact]
    public void WeightedNms_AveragesOverlapsByScore_KeepsTheBestScore()
    {
        var a = Box(0, 0, 100, 0.9, 40);
        var b = Box(20, 0, 100, 0.6, 70);     // IoU 80/120 = 0.67 with a
        var far = Box(300, 300, 50, 0.7, 310);
        var merged = WeightedNonMaxSuppression.Apply(new[] { b, far, a });
        Assert.Equal(2, merged.Count);
        var m = merged[0];
        Assert.Equal(0.9, m.Score);
        Assert.Equal((0 * 0.9 + 20 * 0.6) / 1.5, m.Left, 9);
        Assert.Equal((100 * 0.9 + 120 * 0.6) / 1.5, m.Right, 9);
        Assert.Equal((40 * 0.9 + 70 * 0.6) / 1.5, m.Keypoints[3].X, 9);
        Assert.Equal((far.Left, far.Top, far.Right, far.Bottom, far.Score), (merged[1].Left, merged[1].Top, merged[1].Right, merged[1].Bottom, merged[1].Score));
        Assert.Equal(far.Keypoints, merged[1].Keypoints);
        // Same result whatever the input order.
        Assert.Equal(merged.Select(x => (x.Left, x.Score)), WeightedNonMaxSuppression.Apply(new[] { far, a, b }).Select(x => (x.Left, x.Score)));
        // Below the threshold (IoU 0.25) both stay.
        Assert.Equal(2, WeightedNonMaxSuppression.Apply(new[] { Box(0, 0, 100, 0.9, 0), Box(60, 0, 100, 0.8, 0) }).Count);
    }

    [Fact]
    public void Window_LetterboxesAndMapsBack()
    {
        var whole = FaceTiling.Windows(1024, 683)[0];
        Assert.True(whole.IsWholeFrame);
        Assert.Equal(0.25, whole.Scale);
        Assert.Equal(256, whole.ContentWidth);
        Assert.Equal(171, whole.ContentHeight);
        Assert.Equal(42, whole.PadY);
        var p = new FacePoint(300, 500);
        var back = whole.ToImage(whole.ToInput(p));
        Assert.Equal(p.X, back.X, 9);
        Assert.Equal(p.Y, back.Y, 9);
        Assert.Equal(0, whole.ToImage(new FacePoint(0, 42 / 256.0)).Y, 9);
        Assert.Equal(683, whole.ToImage(new FacePoint(1, (42 + 171) / 256.0)).Y, 9);
    }

    [Fact]
    public void InputTensor_RgbInMinusOneToOne_BlackPadding_BoxMeanWhenShrinking()
    {
        // 8×4 image: left half (0, 255, 128), right half (255, 0, 0); letterboxed into 4×4 → rows 1–2 hold content.
        var rgb = new byte[8 * 4 * 3];
        for (var y = 0; y < 4; y++)
            for (var x = 0; x < 8; x++)
            {
                var i = (y * 8 + x) * 3;
                if (x < 4) { rgb[i + 1] = 255; rgb[i + 2] = 128; } else rgb[i] = 255;
            }
        using var image = new Engine.Features.FeatureImage(8, 4, rgb);
        var window = new FaceWindow(0, 0, 8, 4, true, Size: 4);
        var t = FaceInputTensor.Create(image, window);
        Assert.Equal(1, window.PadY);
        Assert.All(t.Take(12), v => Assert.Equal(-1f, v));                 // padding row
        Assert.Equal(new[] { -1f, 1f, 128 / 127.5f - 1 }, t.Skip(12).Take(3)); // (1,0): left half
        Assert.Equal(new[] { 1f, -1f, -1f }, t.Skip(12 + 9).Take(3));        // (1,3): right half
        var mirrored = FaceInputTensor.Create(image, window, mirrored: true);
        Assert.Equal(new[] { 1f, -1f, -1f }, mirrored.Skip(12).Take(3));
    }

    [Fact]
    public void Tiling_WholeFramePlusHalfOverlappingTiles()
    {
        Assert.Equal(new[] { 0, 128, 256, 384, 512, 640, 768 }, FaceTiling.Starts(1024));
        Assert.Equal(new[] { 0, 128, 256, 384, 427 }, FaceTiling.Starts(683));
        Assert.Equal(new[] { 0 }, FaceTiling.Starts(200));
        Assert.Equal(50, FaceTiling.Windows(1024, 1024).Count);
        Assert.Equal(36, FaceTiling.Windows(1024, 683).Count);
        Assert.Single(FaceTiling.Windows(256, 256));
        Assert.Single(FaceTiling.Windows(1024, 683, tiles: false));
        Assert.All(FaceTiling.Windows(1024, 683).Skip(1), w => Assert.True(w.Width == 256 && w.Height == 256 && w.X + 256 <= 1024 && w.Y + 256 <= 683));
        // A box crossing the tile's inner right edge is cut; at the image's own edge it is not.
        var tile = new FaceWindow(128, 0, 256, 256, false);
        Assert.True(FaceTiling.CutByInnerEdge(Box(350, 10, 60, 0.9, 0), tile, 1024, 683, 4));
        Assert.False(FaceTiling.CutByInnerEdge(Box(300, 10, 60, 0.9, 0), tile, 1024, 683, 4));
        Assert.False(FaceTiling.CutByInnerEdge(Box(130, -10, 60, 0.9, 0), tile, 1024, 683, 4));
        Assert.False(FaceTiling.TileSized(Box(0, 0, 129, 0.9, 0), tile));
        Assert.True(FaceTiling.TileSized(Box(0, 0, 129, 0.9, 0), FaceTiling.Windows(1024, 683)[0]));
    }
}
