namespace PhotoCuration.Engine.Features;

/// <summary>sRGB ↔ CIE Lab (D65 white, IEC 61966-2-1 transfer function, CIE 1976 L*a*b*).</summary>
public static class ColorSpace
{
    private static readonly double[] Linear = Enumerable.Range(0, 256)
        .Select(i => i / 255.0 <= 0.04045 ? i / 255.0 / 12.92 : Math.Pow((i / 255.0 + 0.055) / 1.055, 2.4)).ToArray();

    private const double Xn = 0.95047, Yn = 1.0, Zn = 1.08883;

    public static (double L, double A, double B) ToLab(byte r, byte g, byte b)
    {
        double lr = Linear[r], lg = Linear[g], lb = Linear[b];
        var x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / Xn;
        var y = (0.2126729 * lr + 0.7151522 * lg + 0.0721750 * lb) / Yn;
        var z = (0.0193339 * lr + 0.1191920 * lg + 0.9503041 * lb) / Zn;
        double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : (24389.0 / 27 * t + 16) / 116;
        double fx = F(x), fy = F(y), fz = F(z);
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    public static (byte R, byte G, byte B) FromLab(double l, double a, double b)
    {
        var fy = (l + 16) / 116;
        var fx = fy + a / 500;
        var fz = fy - b / 200;
        double Inverse(double f) => f * f * f > 216.0 / 24389 ? f * f * f : (116 * f - 16) / (24389.0 / 27);
        double x = Inverse(fx) * Xn, y = Inverse(fy) * Yn, z = Inverse(fz) * Zn;
        double lr = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double lg = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double lb = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        byte Encode(double v)
        {
            v = Math.Clamp(v, 0, 1);
            var e = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055;
            return (byte)Math.Round(e * 255);
        }
        return (Encode(lr), Encode(lg), Encode(lb));
    }

    /// <summary>CIE76 colour difference.</summary>
    public static double DeltaE((double L, double A, double B) p, (double L, double A, double B) q) =>
        Math.Sqrt((p.L - q.L) * (p.L - q.L) + (p.A - q.A) * (p.A - q.A) + (p.B - q.B) * (p.B - q.B));

    public static (double L, double A, double B) HexToLab(string hex)
    {
        var v = Convert.ToInt32(hex.TrimStart('#'), 16);
        return ToLab((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>WCAG 2.x relative luminance of an sRGB colour.</summary>
    public static double RelativeLuminance(double r, double g, double b)
    {
        double Lin(double c) { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4); }
        return 0.2126 * Lin(r) + 0.7152 * Lin(g) + 0.0722 * Lin(b);
    }

    /// <summary>WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 … 21.</summary>
    public static double ContrastRatio(double l1, double l2) => (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
}
