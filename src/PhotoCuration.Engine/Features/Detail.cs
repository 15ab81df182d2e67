namespace PhotoCuration.Engine.Features;

/// <summary>
/// Fine detail of one image, in octaves, with its direction (docs/algorithms.md#detail-octaves-and-motion-blur).
/// </summary>
/// <param name="Subject">Detail of the subject (saliency-weighted and the most detailed tiles), averaged over directions and its weakest direction.</param>
/// <param name="Frame">The same over the whole frame.</param>
/// <param name="Weakest">Subject detail in its weakest direction.</param>
/// <param name="Strongest">Subject detail in its strongest direction.</param>
/// <param name="MotionBlur">Strength of a direction-dependent loss of detail, in [0,1].</param>
/// <param name="MotionAngle">Direction of that loss (the smear), degrees counter-clockwise from horizontal, in [0,180).</param>
/// <param name="ByDirection">Subject detail along 0°, 22.5°, … 157.5° counter-clockwise from horizontal.</param>
/// <param name="LocalContrast">RMS luma slope per pixel at the finest octave, noise removed (Sobel gain 8 divided out).</param>
public sealed record DetailResult(double Subject, double Frame, double Weakest, double Strongest, double MotionBlur, double MotionAngle, double[] ByDirection, double LocalContrast);

/// <summary>
/// Sharpness that does not saturate: how much gradient energy the finest octaves hold compared with what
/// a smooth (blurred) image would hold given its coarse structure. Between two octaves of a 2×2 box
/// pyramid the mean Sobel energy per pixel of a smooth image grows 4× (the slope per pixel doubles),
/// while a sharp edge grows only 2× and fine texture or grain not at all. So
/// d_k = log2(4·E_k / E_{k+1}) is 0 where the image is smooth at octave k and about 1–2 where it has
/// detail there, and the detail D = Σ_{k&lt;K} d_k counts the octaves of detail above a blur: a blur of
/// width 2^j pixels empties the top j octaves. D is a ratio: exposure, contrast and mist scale both
/// energies alike. White noise adds 12σ²/4^k of energy at octave k (Sobel gain) and is subtracted, so
/// grain does not read as detail. Computed per direction φ from the tensors (E(φ) = c²·Σgx² + 2cs·Σgxgy
/// + s²·Σgy²): a motion blur empties the octaves along its direction only, so the spread between the
/// weakest and the strongest direction measures it and the weakest direction names it.
/// </summary>
public static class Detail
{
    /// <summary>Octaves compared: 0 … K (K = 3: a blur up to 8 px at 1024 px, 0.8% of the long edge).</summary>
    public const int Octaves = 3;
    public const int Grid = 8;
    /// <summary>Sobel noise gain: var(gx) = (1+4+1)·2·σ² for white noise of variance σ².</summary>
    public const double SobelNoiseGain = 12;
    /// <summary>Share of the subject weight given to the most detailed quarter of the tiles (the rest: saliency).</summary>
    public const double TopTileWeight = 0.5;
    /// <summary>Spread between the weakest and strongest direction that natural, sharp photos reach (octaves).</summary>
    public const double NaturalSpread = 1.0;
    /// <summary>Spread beyond the natural one at which a motion blur is certain (octaves).</summary>
    public const double MotionSpreadRange = 1.5;
    /// <summary>Directions stored per photo (every 22.5°), for comparing frames of one moment direction by direction.</summary>
    public const int Directions = 8;

    public static DetailResult Measure(FeatureImage image, Gradients gradients, float[,]? saliency, double noiseSigma)
    {
        var tensors = OctaveTensors.Measure(image, gradients, Grid, Octaves + 1);
        return Measure(tensors, saliency, noiseSigma, Math.Min(Octaves, tensors.Octaves - 1));
    }

    public static DetailResult Measure(OctaveTensors t, float[,]? saliency, double noiseSigma, int octaves)
    {
        if (octaves < 1) return new DetailResult(0, 0, 0, 0, 0, 0, new double[Directions], 0);
        var noise = SobelNoiseGain * Math.Pow(noiseSigma / 255, 2);
        var frameWeights = Enumerable.Repeat(1.0, t.Tiles).ToArray();
        var subjectWeights = SubjectWeights(t, saliency, noise);
        var frame = Directional(t, frameWeights, noise, octaves);
        var subject = Directional(t, subjectWeights, noise, octaves);
        double min = subject.Min(), max = subject.Max(), mean = subject.Average();
        var weakest = Array.IndexOf(subject, min);
        var spread = max - min;
        var motion = Math.Clamp((spread - NaturalSpread) / MotionSpreadRange, 0, 1);
        // Image rows run downwards: flip to the counter-clockwise angle a photographer reads.
        var angle = (180 - weakest) % 180;
        var byDirection = new double[Directions];
        for (var i = 0; i < Directions; i++) byDirection[i] = subject[(180 - i * 180 / Directions) % 180];
        var whole = Aggregate(t, frameWeights, 0);
        var local = Math.Sqrt(Math.Max(0, 0.5 * (whole.Xx + whole.Yy) - noise)) / 8;
        // An image too small for K octaves: the octaves it has, scaled to K, so small frames read on the same scale.
        var scale = (double)Octaves / octaves;
        return new DetailResult(scale * 0.5 * (mean + min), scale * 0.5 * (frame.Average() + frame.Min()), scale * min, scale * max, motion, angle,
            byDirection.Select(d => scale * d).ToArray(), local);
    }

    /// <summary>Detail in octaves for φ = 0°, 1°, … 179° of the tile set weighted by <paramref name="weights"/>.</summary>
    private static double[] Directional(OctaveTensors t, double[] weights, double noise, int octaves)
    {
        var fine = Aggregate(t, weights, 0);
        var coarse = Aggregate(t, weights, octaves);
        var fineNoise = noise;
        var coarseNoise = noise / Math.Pow(4, octaves);
        var result = new double[180];
        for (var d = 0; d < 180; d++)
        {
            var phi = d * Math.PI / 180;
            double c = Math.Cos(phi), s = Math.Sin(phi);
            var ef = c * c * fine.Xx + 2 * c * s * fine.Xy + s * s * fine.Yy - fineNoise;
            var ec = c * c * coarse.Xx + 2 * c * s * coarse.Xy + s * s * coarse.Yy - coarseNoise;
            // Floors: a flat or all-noise tile set has no measurable detail, not infinite or negative detail.
            var floor = 1e-10 + 1e-3 * (fine.Xx + fine.Yy);
            result[d] = Math.Max(0, Math.Log2(Math.Max(ef, floor) * Math.Pow(4, octaves) / Math.Max(ec, 1e-10 + 1e-3 * (coarse.Xx + coarse.Yy))));
        }
        return result;
    }

    /// <summary>Weighted mean energy per pixel of the tile set at one octave.</summary>
    private static (double Xx, double Yy, double Xy) Aggregate(OctaveTensors t, double[] weights, int octave)
    {
        double xx = 0, yy = 0, xy = 0, sum = weights.Sum();
        var perTile = t.Tiles / (double)t.Pixels(octave);
        for (var i = 0; i < t.Tiles; i++)
        {
            var (a, b, c) = t.Tile(octave, i);
            xx += weights[i] * a;
            yy += weights[i] * b;
            xy += weights[i] * c;
        }
        var scale = perTile / Math.Max(sum, 1e-12);
        return (xx * scale, yy * scale, xy * scale);
    }

    /// <summary>
    /// Where the subject is: half the weight on the saliency share of each tile, half on the quarter of
    /// the tiles with the most fine energy above noise, so a sharp subject on a soft background (shallow
    /// depth of field) is judged by the subject.
    /// </summary>
    private static double[] SubjectWeights(OctaveTensors t, float[,]? saliency, double noise)
    {
        var n = t.Tiles;
        var energy = new double[n];
        var perTile = n / (double)t.Pixels(0);
        for (var i = 0; i < n; i++)
        {
            var (a, b, _) = t.Tile(0, i);
            energy[i] = (a + b) * perTile - 2 * noise;
        }
        var top = Enumerable.Range(0, n).OrderByDescending(i => energy[i]).ThenBy(i => i).Take(Math.Max(1, n / 4)).ToArray();
        var weights = new double[n];
        var topShare = saliency is null ? 1 : TopTileWeight;
        foreach (var i in top) weights[i] += topShare / top.Length;
        if (saliency is null) return weights;
        int sh = saliency.GetLength(0), sw = saliency.GetLength(1), g = t.Grid;
        var sal = new double[n];
        for (var y = 0; y < sh; y++)
            for (var x = 0; x < sw; x++)
                sal[Math.Min(y * g / sh, g - 1) * g + Math.Min(x * g / sw, g - 1)] += saliency[y, x];
        var total = sal.Sum();
        for (var i = 0; i < n; i++) weights[i] += total <= 0 ? (1 - topShare) / n : (1 - topShare) * sal[i] / total;
        return weights;
    }
}
