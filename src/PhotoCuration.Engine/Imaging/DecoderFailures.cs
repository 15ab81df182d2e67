using SixLabors.ImageSharp;

namespace PhotoCuration.Engine.Imaging;

/// <summary>
/// What ImageSharp 2.1 throws on damaged data. Besides its own ImageFormatException family, the
/// fuzz test (tests/Unit/Robustness) found NullReferenceException from the JPEG Identify path and
/// ArgumentOutOfRangeException from the lazily parsed EXIF profile on mutated files; all of them mean
/// "this file is damaged", never a defect of ours worth stopping a batch for.
/// </summary>
public static class DecoderFailures
{
    public static bool IsDecoderFailure(Exception ex) =>
        ex is ImageFormatException or NotSupportedException or InvalidOperationException or ArgumentException or IndexOutOfRangeException
            or OverflowException or EndOfStreamException or InvalidDataException or NullReferenceException or DivideByZeroException
            or InvalidCastException or IOException;
}
