using Xunit;
using PhotoCuration.Engine.Moments;

namespace PhotoCuration.Tests.Moments;

/// <summary>Synthetic candidates and scored photos for the grouping and selection logic.</summary>
public static class MomentFixtures
{
    public static readonly (double, double, double)[] Grey = { (50, 0, 0) };

    /// <summary>A hash <paramref name="bits"/> bits away from <paramref name="hash"/> (the lowest bits flipped).</summary>
    public static ulong Flip(ulong hash, int bits, int offset = 0)
    {
        for (var i = 0; i < bits; i++) hash ^= 1UL << ((i + offset) % 64);
        return hash;
    }

    public static MomentCandidate Candidate(string id, double? seconds, ulong pHash, ulong? dHash = null, (double L, double A, double B)[]? palette = null, float[]? embedding = null)
    {
        var p = palette ?? Grey;
        return new MomentCandidate("sha256:" + id, id + ".jpg", seconds, pHash, dHash ?? pHash, p, p.Select(_ => 1.0 / p.Length).ToArray(), embedding);
    }

    /// <summary>Random 64-bit hash from a seeded generator.</summary>
    public static ulong RandomHash(Random random) => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);

    public static Photo Photo(string id, double total, DateTime? at = null, string pHash = "0f0f0f0f0f0f0f0f", string[]? palette = null,
        string orientation = "Landscape", string timeOfDay = "morning", double typography = 0.5, double composition = 0.5)
    {
        return new Photo
        {
            PhotoId = "sha256:" + id,
            FileName = id + ".jpg",
            Path = "/shoot/" + id + ".jpg",
            BatchId = "b1",
            Exif = new PhotoExif { CaptureTimeLocal = at },
            Features = new PhotoFeatures
            {
                PHash = pHash,
                DHash = pHash,
                Palette = palette ?? new[] { "#808080" },
                PaletteShares = new[] { 1.0 },
                Orientation = orientation,
                TimeOfDay = timeOfDay,
            },
            Score = new PhotoScore
            {
                Total = total, QTech = total, Aesthetic = total, Vibe = 0.5, Typography = typography, Composition = composition,
                Components = new[]
                {
                    new ScoreComponent { Score = "QTech", Name = "sharpness", Value = total, Weight = 0.5 },
                    new ScoreComponent { Score = "Composition", Name = "thirds", Value = composition, Weight = 0.3 },
                },
            },
        };
    }
}
