using PhotoCuration.Engine.Preprocess;
using Xunit;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>
/// The effective-resolution spectra (docs/algorithms.md#effective-resolution) computed two windows per FFT,
/// with the sampled columns gathered row by row, equal the definition: one direct DFT per Hann-windowed,
/// mean-removed window of luma, windows taken along sampled rows and columns and summed per 3×3 region.
/// </summary>
public sealed class WindowSpectraTests
{
    private const int N = EffectiveResolution.Window;

    [Fact]
    public void Paired_windows_give_each_window_its_own_power_spectrum()
    {
        var random = new Random(20261202);
        var spectra = new WindowSpectra(3);
        var expected = new double[3 * EffectiveResolution.Bins];
        // An odd count, so the last window is transformed alone; a window added twice in a row to one region too.
        var regions = new[] { 0, 2, 2, 1, 0, 1, 1 };
        foreach (var region in regions)
        {
            var samples = Enumerable.Range(0, N).Select(i => random.NextDouble() * 255 + 40 * Math.Sin(i * 0.3 * (region + 1))).ToArray();
            spectra.Add(samples, region);
            AddDirect(samples, expected, region);
        }
        spectra.Flush();
        AssertClose(expected, spectra.Power);
        Assert.Equal(new[] { 2, 3, 2 }, spectra.Windows);
    }

    [Fact]
    public void A_strided_window_reads_every_stride_th_sample()
    {
        var random = new Random(5);
        var interleaved = Enumerable.Range(0, N * 3).Select(_ => random.NextDouble() * 255).ToArray();
        var (strided, contiguous) = (new WindowSpectra(1), new WindowSpectra(1));
        strided.Add(interleaved.AsSpan(1), 3, 0);
        contiguous.Add(Enumerable.Range(0, N).Select(i => interleaved[1 + 3 * i]).ToArray(), 0);
        strided.Flush();
        contiguous.Flush();
        Assert.Equal(contiguous.Power, strided.Power);
        Assert.Throws<ArgumentException>(() => strided.Add(interleaved.AsSpan(3), 3, 0));
    }

    [Theory]
    [InlineData(600, 400)]
    [InlineData(390, 700)]
    public void Image_spectra_equal_a_direct_DFT_of_every_sampled_window(int width, int height)
    {
        var rgb = Texture(width, height);
        var expected = new double[9 * EffectiveResolution.Bins];
        var windows = new int[9];
        // The definition, as first written: rows, then columns, luma read pixel by pixel, one DFT per window.
        var rowStep = Math.Max(1, height / 240);
        for (var y = rowStep / 2; y < height; y += rowStep)
        {
            for (var x0 = width % N / 2; x0 + N <= width; x0 += N)
            {
                var region = Region(x0 + N / 2, width, y, height);
                AddDirect(Enumerable.Range(0, N).Select(i => Luma(rgb, (y * width + x0 + i) * 3)).ToArray(), expected, region);
                windows[region]++;
            }
        }
        var columnStep = Math.Max(1, width / 240);
        for (var x = columnStep / 2; x < width; x += columnStep)
        {
            for (var y0 = height % N / 2; y0 + N <= height; y0 += N)
            {
                var region = Region(x, width, y0 + N / 2, height);
                AddDirect(Enumerable.Range(0, N).Select(i => Luma(rgb, ((y0 + i) * width + x) * 3)).ToArray(), expected, region);
                windows[region]++;
            }
        }

        var spectra = EffectiveResolution.Spectra(rgb, width, height)!;
        Assert.Equal(windows, spectra.Windows);
        AssertClose(expected, spectra.Power);
    }

    private static void AddDirect(double[] samples, double[] power, int region)
    {
        var mean = samples.Average();
        var x = samples.Select((s, i) => (s - mean) * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (N - 1)))).ToArray();
        for (var k = 1; k <= N / 2; k++)
        {
            double re = 0, im = 0;
            for (var i = 0; i < N; i++)
            {
                re += x[i] * Math.Cos(2 * Math.PI * k * i / N);
                im -= x[i] * Math.Sin(2 * Math.PI * k * i / N);
            }
            power[region * EffectiveResolution.Bins + k] += re * re + im * im;
        }
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max();
        Assert.True(scale > 0);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9 * scale + 1e-9 * Math.Abs(expected[i]), $"bin {i}: {actual[i]} vs {expected[i]}");
        }
    }

    private static double Luma(byte[] rgb, int i) => 0.299 * rgb[i] + 0.587 * rgb[i + 1] + 0.114 * rgb[i + 2];

    private static int Region(int x, int width, int y, int height) => Math.Min(2, y * 3 / height) * 3 + Math.Min(2, x * 3 / width);

    /// <summary>Grain over smooth gradients and a few frequencies, different per channel.</summary>
    private static byte[] Texture(int width, int height)
    {
        var random = new Random(width * 31 + height);
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var v = 90 + 0.1 * x - 0.05 * y + 40 * Math.Sin(x * 0.07 * (c + 1)) * Math.Cos(y * 0.11) + random.Next(-20, 21);
                    rgb[(y * width + x) * 3 + c] = (byte)Math.Clamp(Math.Round(v), 0, 255);
                }
            }
        }
        return rgb;
    }
}
