using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Tests.Support;

/// <summary>Colour comparisons with a per-channel tolerance and a message that shows both colours.</summary>
public static class PixelAssert
{
    public static bool IsNear(Rgb24 expected, Rgb24 actual, int tolerance) =>
        Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance && Math.Abs(expected.B - actual.B) <= tolerance;

    public static void Near(Rgb24 expected, Rgb24 actual, int tolerance, string? context = null) =>
        Xunit.Assert.True(IsNear(expected, actual, tolerance), $"expected {expected} ±{tolerance}, got {actual}{(context is null ? "" : "; " + context)}");
}
