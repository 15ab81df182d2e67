using System.Runtime.CompilerServices;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>
/// Sums of the one-sided power spectra of Hann-windowed, mean-removed windows of
/// <see cref="EffectiveResolution.Window"/> samples, per region (docs/algorithms.md#effective-resolution).
/// Two real windows share one complex FFT (the first as the real part, the second as the imaginary part,
/// separated by the transform's conjugate symmetry), with precomputed twiddles and bit reversal: the
/// same spectra as one transform per window, to rounding, at under half the cost. Windows are summed
/// into their regions in the order they were added.
/// </summary>
internal sealed class WindowSpectra
{
    private const int N = EffectiveResolution.Window;
    private const int Bins = EffectiveResolution.Bins;
    private const int Log2N = 7;

    private static readonly double[] Hann = MakeHann();
    // Forward twiddles e^(−2πik/N), k < N/2.
    private static readonly double[] CosTable = MakeTable(Math.Cos);
    private static readonly double[] SinTable = MakeTable(static a => -Math.Sin(a));
    private static readonly int[] BitReversed = MakeBitReversal();

    private readonly double[] _re = new double[N];
    private readonly double[] _im = new double[N];
    private int _pendingRegion = -1;

    public WindowSpectra(int regions)
    {
        Power = new double[regions * Bins];
        Windows = new int[regions];
    }

    /// <summary>Summed power per region, bins 0–N/2 at <c>region × Bins + k</c> (bin 0 stays 0).</summary>
    public double[] Power { get; }

    /// <summary>Windows summed per region.</summary>
    public int[] Windows { get; }

    /// <summary>Adds one window of <see cref="EffectiveResolution.Window"/> samples to <paramref name="region"/>.</summary>
    public void Add(ReadOnlySpan<double> samples, int region)
    {
        if (samples.Length < N) throw new ArgumentException("A window needs Window samples.", nameof(samples));
        Add(samples, 1, region);
    }

    /// <summary>Adds the window of samples <c>0, stride, 2·stride, …</c> of <paramref name="samples"/> to <paramref name="region"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Add(ReadOnlySpan<double> samples, int stride, int region)
    {
        if (stride < 1 || samples.Length < (N - 1) * stride + 1) throw new ArgumentException("A window needs Window samples.", nameof(samples));
        var target = _pendingRegion < 0 ? _re : _im;
        fixed (double* source = samples, destination = target, hann = Hann)
        fixed (int* reversed = BitReversed)
        {
            double mean = 0;
            for (var i = 0; i < N; i++) mean += source[i * stride];
            mean /= N;
            for (var i = 0; i < N; i++) destination[reversed[i]] = (source[i * stride] - mean) * hann[i];
        }
        if (_pendingRegion < 0)
        {
            _pendingRegion = region;
            return;
        }
        Transform();
        Accumulate(_pendingRegion, region);
        _pendingRegion = -1;
    }

    /// <summary>Transforms a last unpaired window (against zeros).</summary>
    public void Flush()
    {
        if (_pendingRegion < 0) return;
        Array.Clear(_im);
        Transform();
        Accumulate(_pendingRegion, -1);
        _pendingRegion = -1;
    }

    /// <summary>
    /// Splits Z = FFT(a + i·b) into |A(k)|² and |B(k)|² with A(k) = (Z(k) + conj Z(N−k)) / 2 and
    /// B(k) = (Z(k) − conj Z(N−k)) / 2i, and sums them into the two windows' regions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Accumulate(int first, int second)
    {
        Windows[first]++;
        if (second >= 0) Windows[second]++;
        var a = first * Bins;
        var b = second * Bins;
        for (var k = 1; k <= N / 2; k++)
        {
            var m = N - k;
            double sr = _re[k] + _re[m], di = _im[k] - _im[m];
            double si = _im[k] + _im[m], dr = _re[k] - _re[m];
            Power[a + k] += 0.25 * (sr * sr + di * di);
            if (second >= 0) Power[b + k] += 0.25 * (si * si + dr * dr);
        }
    }

    /// <summary>In-place radix-2 decimation-in-time FFT of the bit-reversed input in <see cref="_re"/>/<see cref="_im"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void Transform()
    {
        fixed (double* re = _re, im = _im, cos = CosTable, sin = SinTable)
        {
            // Lengths 2 and 4 together: their twiddles are 1 and −i.
            for (var i = 0; i < N; i += 4)
            {
                double ar = re[i] + re[i + 1], ai = im[i] + im[i + 1], br = re[i] - re[i + 1], bi = im[i] - im[i + 1];
                double cr = re[i + 2] + re[i + 3], ci = im[i + 2] + im[i + 3], dr = re[i + 2] - re[i + 3], di = im[i + 2] - im[i + 3];
                re[i] = ar + cr; im[i] = ai + ci;
                re[i + 2] = ar - cr; im[i + 2] = ai - ci;
                // (dr + i·di)·(−i) = di − i·dr
                re[i + 1] = br + di; im[i + 1] = bi - dr;
                re[i + 3] = br - di; im[i + 3] = bi + dr;
            }
            for (var half = 4; half < N; half <<= 1)
            {
                var stride = N / (2 * half);
                for (var i = 0; i < N; i += 2 * half)
                {
                    double* pr = re + i, pi = im + i, qr = pr + half, qi = pi + half;
                    for (var k = 0; k < half; k++)
                    {
                        double wr = cos[k * stride], wi = sin[k * stride];
                        double vr = qr[k] * wr - qi[k] * wi, vi = qr[k] * wi + qi[k] * wr;
                        double ur = pr[k], ui = pi[k];
                        pr[k] = ur + vr; pi[k] = ui + vi;
                        qr[k] = ur - vr; qi[k] = ui - vi;
                    }
                }
            }
        }
    }

    private static double[] MakeHann()
    {
        var hann = new double[N];
        for (var i = 0; i < N; i++) hann[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (N - 1));
        return hann;
    }

    private static double[] MakeTable(Func<double, double> f)
    {
        var table = new double[N / 2];
        for (var k = 0; k < N / 2; k++) table[k] = f(2 * Math.PI * k / N);
        return table;
    }

    private static int[] MakeBitReversal()
    {
        var table = new int[N];
        for (var i = 0; i < N; i++)
        {
            var r = 0;
            for (var b = 0; b < Log2N; b++) r |= ((i >> b) & 1) << (Log2N - 1 - b);
            table[i] = r;
        }
        return table;
    }
}
