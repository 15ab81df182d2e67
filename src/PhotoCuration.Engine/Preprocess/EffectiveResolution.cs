using System.Buffers;
using System.Runtime.CompilerServices;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>
/// How much of a decoded image's own resolution holds detail (docs/algorithms.md#effective-resolution): an
/// enlargement of a smaller picture has (almost) no energy above the smaller picture's Nyquist frequency,
/// which no measure at the 1024-px standardized scale can see. The 1-D power spectra of windows along
/// sampled rows and columns are whitened (natural images fall as 1/f², so P·f² is about flat over
/// frequency) and compared with their own low band; the highest frequency that keeps a set share of it is
/// the cutoff. Judged per region (3×3), the best region counts: a sharp subject on a soft background is
/// fully resolved, an enlargement is soft everywhere.
/// </summary>
public static class EffectiveResolution
{
    /// <summary>Window length (samples) of each 1-D spectrum: 1/128 cycle per pixel per bin.</summary>
    public const int Window = 128;

    // Reference band, bins 4–8 (0.031–0.0625 cycle/px): below the cutoff of any enlargement up to 8×.
    private const int ReferenceLow = 4, ReferenceHigh = 8;

    // Floor band: the top eighth, bins 56–63 (0.44–0.49 cycle/px).
    private const int FloorLow = Window / 2 - Window / 16;

    /// <summary>Share of the reference band's whitened power that still counts as detail (−13 dB) [heuristic, docs/algorithms.md#effective-resolution].</summary>
    public const double DetailShare = 0.05;

    /// <summary>Cutoff (cycle/px) that a fully resolved image reads [heuristic, docs/algorithms.md#effective-resolution].</summary>
    public const double SharpCutoff = 0.45;

    /// <summary>Bins of a one-sided spectrum, 0 to Nyquist.</summary>
    internal const int Bins = Window / 2 + 1;

    /// <summary>Regions per side.</summary>
    private const int Regions = 3;

    /// <summary>Sampled rows (and columns) at most: enough spectra for a stable average, cheap on 4 MP.</summary>
    private const int MaxLines = 240;

    /// <summary>A region whose reference band is this weak (RMS luma in levels) is flat (sky, a wall): it tells nothing.</summary>
    private const double FlatReference = 2.5;

    /// <summary>
    /// The resolved fraction of the image's own resolution in (0, 1]: the cutoff over <see cref="SharpCutoff"/>,
    /// 1 for an image too small or too flat to tell.
    /// </summary>
    /// <param name="rgb">Packed 8-bit RGB, rows top to bottom, no padding.</param>
    public static double Fraction(ReadOnlySpan<byte> rgb, int width, int height)
    {
        // The second best region: a subject spans more than one, while one odd region (JPEG blocks in a
        // near-flat sky read as fine detail) must not speak for the frame.
        var read = RegionCutoffs(rgb, width, height).Where(c => c is not null).Select(c => c!.Value).OrderDescending().ToList();
        if (read.Count == 0) return 1;
        var best = read.Count == 1 ? read[0] : read[1];
        return Math.Clamp(best / SharpCutoff, 0.01, 1);
    }

    /// <summary>The cutoff (cycle/px) of each of the 3×3 regions, row by row; null for a flat region (or all, for an image under 256 px).</summary>
    // Runs once per photo: tiered JIT would run the first photos of a batch in unoptimized code (as in FeatureExtractor).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double?[] RegionCutoffs(ReadOnlySpan<byte> rgb, int width, int height)
    {
        var spectra = Spectra(rgb, width, height);
        var cutoffs = new double?[Regions * Regions];
        if (spectra is null) return cutoffs;
        for (var r = 0; r < Regions * Regions; r++) cutoffs[r] = Cutoff(spectra.Power, r, spectra.Windows[r]);
        return cutoffs;
    }

    /// <summary>The summed window spectra of each region; null for an image under 256 px.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static WindowSpectra? Spectra(ReadOnlySpan<byte> rgb, int width, int height)
    {
        if (rgb.Length < width * height * 3) throw new ArgumentException("The buffer is smaller than width × height × 3.", nameof(rgb));
        if (width < Window * 2 || height < Window * 2) return null;
        var spectra = new WindowSpectra(Regions * Regions);

        // Along rows: windows side by side on sampled rows, each row's luma computed once.
        var rowStep = Math.Max(1, height / MaxLines);
        var luma = ArrayPool<double>.Shared.Rent(Math.Max(width, height));
        try
        {
            for (var y = rowStep / 2; y < height; y += rowStep)
            {
                RowLuma(rgb.Slice(y * width * 3, width * 3), luma);
                for (var x0 = (width % Window) / 2; x0 + Window <= width; x0 += Window)
                {
                    spectra.Add(luma.AsSpan(x0, Window), Region(x0 + Window / 2, width, y, height));
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(luma);
        }

        // Along columns: the sampled columns' luma gathered row by row into a narrow image (one pass over
        // memory, not one per column), then their windows column by column, top to bottom.
        var columnStep = Math.Max(1, width / MaxLines);
        var columns = (width - columnStep / 2 + columnStep - 1) / columnStep;
        var top = (height % Window) / 2;
        var bottom = top + (height - top) / Window * Window;
        var gathered = ArrayPool<double>.Shared.Rent(columns * height);
        try
        {
            for (var y = top; y < bottom; y++)
            {
                var row = rgb.Slice(y * width * 3, width * 3);
                var gatheredRow = gathered.AsSpan(y * columns, columns);
                for (int c = 0, i = columnStep / 2 * 3; c < columns; c++, i += columnStep * 3) gatheredRow[c] = 0.299 * row[i] + 0.587 * row[i + 1] + 0.114 * row[i + 2];
            }
            for (int c = 0, x = columnStep / 2; c < columns; c++, x += columnStep)
            {
                for (var y0 = top; y0 + Window <= height; y0 += Window)
                {
                    spectra.Add(gathered.AsSpan(y0 * columns + c), columns, Region(x, width, y0 + Window / 2, height));
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(gathered);
        }
        spectra.Flush();
        return spectra;
    }

    /// <summary>
    /// The effective long edge in pixels of the original: <paramref name="fraction"/> (measured on an image of
    /// long edge <paramref name="measuredLongEdge"/>) of the measured image when it is clearly short of full,
    /// the original's long edge when fully resolved. Between 0.8 and 1 it blends linearly, so a reduced image
    /// of a large original never jumps from its own size to the original's.
    /// </summary>
    public static int LongEdge(double fraction, int measuredLongEdge, int originalLongEdge)
    {
        const double knee = 0.8;
        var measured = Math.Min(measuredLongEdge, originalLongEdge);
        if (fraction >= 1) return originalLongEdge;
        if (fraction <= knee) return (int)Math.Round(fraction * measured);
        var t = (fraction - knee) / (1 - knee);
        return (int)Math.Round(knee * measured + t * (originalLongEdge - knee * measured));
    }

    private static void RowLuma(ReadOnlySpan<byte> row, double[] luma)
    {
        var n = row.Length / 3;
        for (int x = 0, i = 0; x < n; x++, i += 3) luma[x] = 0.299 * row[i] + 0.587 * row[i + 1] + 0.114 * row[i + 2];
    }

    private static int Region(int x, int width, int y, int height) =>
        Math.Min(Regions - 1, y * Regions / height) * Regions + Math.Min(Regions - 1, x * Regions / width);

    /// <summary>The region's cutoff in cycle/px, or null when the region is flat.</summary>
    private static double? Cutoff(double[] spectra, int region, int windows)
    {
        // The floor: white noise (sensor grain, JPEG and 8-bit rounding) is flat in P, and where an image has no
        // detail left its top octave holds nothing else; taken away, what is left is the detail's spectrum.
        double floor = 0;
        for (var k = FloorLow; k < Window / 2; k++) floor += spectra[region * Bins + k];
        floor /= Window / 2 - FloorLow;
        // Whitened: (P(k) − floor)·k². JPEG's 8-px blocks put lines at multiples of 1/8 cycle/px: those bins are left out.
        var white = new double[Window / 2 + 1];
        for (var k = 1; k <= Window / 2; k++) white[k] = (spectra[region * Bins + k] - floor) * k * k;
        double reference = 0;
        for (var k = ReferenceLow; k <= ReferenceHigh; k++) reference += white[k];
        reference /= ReferenceHigh - ReferenceLow + 1;
        // The reference band's RMS luma per window (Parseval with the Hann window's Σw² = 3N/8, one-sided).
        var raw = 0.0;
        for (var k = ReferenceLow; k <= ReferenceHigh; k++) raw += spectra[region * Bins + k];
        if (windows == 0 || reference <= 0) return null;
        var rms = Math.Sqrt(16 * raw / windows / (3.0 * Window * Window));
        if (rms < FlatReference) return null;
        var threshold = DetailShare * reference;
        // From the reference band up: the first band (3 bins, block lines left out) where the detail falls under
        // the share and stays under it for the next two (one quiet band inside detail is no cutoff).
        var bands = new double[Window / 2];
        for (var k = ReferenceHigh; k < Window / 2; k++) bands[k] = Band(white, k);
        for (var k = ReferenceHigh + 1; k < Window / 2; k++)
        {
            if (bands[k] >= threshold) continue;
            var stays = true;
            for (var j = k + 1; j <= Math.Min(k + 2, Window / 2 - 1); j++) stays &= bands[j] < threshold;
            if (!stays) continue;
            // Interpolated on the band values between the last band above and this one.
            var below = bands[k - 1];
            var step = below > threshold ? Math.Clamp((below - threshold) / (below - bands[k]), 0, 1) : 0;
            return (k - 1 + step) / Window;
        }
        return (Window / 2 - 1.0) / Window;
    }

    private static double Band(double[] white, int k)
    {
        double sum = 0;
        var n = 0;
        for (var j = k - 1; j <= k + 1; j++)
        {
            if (j < 1 || j > Window / 2 || j % (Window / 8) == 0) continue;
            sum += white[j];
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }
}
