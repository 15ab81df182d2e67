namespace PhotoCuration.Engine.Preprocess;

/// <summary>A row-major 3×3 matrix for colour-space conversions.</summary>
public readonly record struct Matrix3(
    float M11, float M12, float M13,
    float M21, float M22, float M23,
    float M31, float M32, float M33)
{
    public static Matrix3 operator *(Matrix3 a, Matrix3 b) => new(
        a.M11 * b.M11 + a.M12 * b.M21 + a.M13 * b.M31, a.M11 * b.M12 + a.M12 * b.M22 + a.M13 * b.M32, a.M11 * b.M13 + a.M12 * b.M23 + a.M13 * b.M33,
        a.M21 * b.M11 + a.M22 * b.M21 + a.M23 * b.M31, a.M21 * b.M12 + a.M22 * b.M22 + a.M23 * b.M32, a.M21 * b.M13 + a.M22 * b.M23 + a.M23 * b.M33,
        a.M31 * b.M11 + a.M32 * b.M21 + a.M33 * b.M31, a.M31 * b.M12 + a.M32 * b.M22 + a.M33 * b.M32, a.M31 * b.M13 + a.M32 * b.M23 + a.M33 * b.M33);

    public float Determinant =>
        M11 * (M22 * M33 - M23 * M32) - M12 * (M21 * M33 - M23 * M31) + M13 * (M21 * M32 - M22 * M31);

    public bool TryInvert(out Matrix3 inverse)
    {
        var det = Determinant;
        if (MathF.Abs(det) < 1e-9f)
        {
            inverse = default;
            return false;
        }
        var k = 1 / det;
        inverse = new Matrix3(
            (M22 * M33 - M23 * M32) * k, (M13 * M32 - M12 * M33) * k, (M12 * M23 - M13 * M22) * k,
            (M23 * M31 - M21 * M33) * k, (M11 * M33 - M13 * M31) * k, (M13 * M21 - M11 * M23) * k,
            (M21 * M32 - M22 * M31) * k, (M12 * M31 - M11 * M32) * k, (M11 * M22 - M12 * M21) * k);
        return true;
    }

    public bool ApproximatelyEquals(Matrix3 o, float tolerance) =>
        MathF.Abs(M11 - o.M11) <= tolerance && MathF.Abs(M12 - o.M12) <= tolerance && MathF.Abs(M13 - o.M13) <= tolerance
        && MathF.Abs(M21 - o.M21) <= tolerance && MathF.Abs(M22 - o.M22) <= tolerance && MathF.Abs(M23 - o.M23) <= tolerance
        && MathF.Abs(M31 - o.M31) <= tolerance && MathF.Abs(M32 - o.M32) <= tolerance && MathF.Abs(M33 - o.M33) <= tolerance;
}
