using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Taste;

namespace PhotoCuration.Tests.Taste;

/// <summary>
/// A simulated photographer rating one moment (docs/algorithms.md#taste-over-measured-properties): each
/// frame's utility is its preference z-scored within the moment plus Gaussian noise of spread
/// <c>noise</c> from the seeded generator; the highest is the pick, the lowest is rated 1★, the rest
/// are left unrated.
/// </summary>
internal static class SimulatedRater
{
    public static IEnumerable<TastePhoto> Rate(IReadOnlyList<(string Moment, string FileName, PhotoFeatures Features)> frames,
        IReadOnlyList<double> preference, double noise, Random random)
    {
        double mean = preference.Average(), sd = Math.Sqrt(preference.Average(v => (v - mean) * (v - mean)));
        var utility = preference.Select(v => (sd > 0 ? (v - mean) / sd : 0) + noise * Gaussian(random)).ToList();
        var best = utility.IndexOf(utility.Max());
        var worst = utility.IndexOf(utility.Min());
        return frames.Select((f, i) => new TastePhoto(f.FileName, f.FileName, f.Moment, f.Features,
            i == best ? TasteLabel.Pick : i == worst ? TasteLabel.Rated : TasteLabel.Unrated));
    }

    /// <summary>Box–Muller from the seeded generator.</summary>
    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
