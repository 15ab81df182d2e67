using PhotoCuration.Engine.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// OpenCLIP's image transform (docs/algorithms.md#clip-features; open_clip transform.py, torchvision Resize/CenterCrop):
/// resize the shortest side to S with bicubic (the long side truncated with int()), centre crop S×S
/// with torchvision's round((H−S)/2) offsets, scale to [0,1], normalize with mean/std, NCHW float32.
/// ImageSharp's bicubic is not bit-identical to PIL's: embeddings agree by cosine, not bytes.
/// </summary>
public sealed class ClipPreprocessor
{
    private readonly ClipPreprocessConfig _config;

    public ClipPreprocessor(ClipPreprocessConfig config) => _config = config;

    public int Size => _config.Size;
    public int TensorLength => 3 * _config.Size * _config.Size;

    public float[] Load(string path)
    {
        using var image = Image.Load<Rgb24>(ImagingConfiguration.Shared, path);
        return Process(image);
    }

    /// <summary>Preprocesses a copy; the caller's image is not changed.</summary>
    public float[] Process(Image<Rgb24> source)
    {
        using var image = source.Clone(ctx => Transform(ctx, source.Width, source.Height));
        var s = _config.Size;
        var tensor = new float[TensorLength];
        var plane = s * s;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < s; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < s; x++)
                {
                    var p = row[x];
                    var o = y * s + x;
                    tensor[o] = (p.R / 255f - _config.Mean[0]) / _config.Std[0];
                    tensor[plane + o] = (p.G / 255f - _config.Mean[1]) / _config.Std[1];
                    tensor[2 * plane + o] = (p.B / 255f - _config.Mean[2]) / _config.Std[2];
                }
            }
        });
        return tensor;
    }

    private void Transform(IImageProcessingContext ctx, int width, int height)
    {
        var s = _config.Size;
        var sampler = Sampler(_config.Interpolation);
        switch (_config.ResizeMode)
        {
            case "squash":
                ctx.Resize(new ResizeOptions { Size = new Size(s, s), Sampler = sampler, Mode = ResizeMode.Stretch });
                return;
            case "longest":
                // Fit inside S×S and pad with black (OpenCLIP ResizeKeepRatio + CenterCropOrPad, fill 0).
                var (lw, lh) = ScaledSize(width, height, s, longest: true);
                ctx.Resize(new ResizeOptions { Size = new Size(lw, lh), Sampler = sampler, Mode = ResizeMode.Stretch });
                ctx.Pad(s, s, Color.Black);
                return;
            default:
                var (w, h) = ScaledSize(width, height, s, longest: false);
                ctx.Resize(new ResizeOptions { Size = new Size(w, h), Sampler = sampler, Mode = ResizeMode.Stretch });
                var (left, top) = CropOffsets(w, h, s);
                ctx.Crop(new Rectangle(left, top, s, s));
                return;
        }
    }

    /// <summary>torchvision Resize(int): the short side becomes S, the long side int(S·long/short).</summary>
    public static (int Width, int Height) ScaledSize(int width, int height, int size, bool longest)
    {
        var shortSide = Math.Min(width, height);
        var longSide = Math.Max(width, height);
        int newShort, newLong;
        if (longest) { newLong = size; newShort = Math.Max(1, (int)((double)size * shortSide / longSide)); }
        else { newShort = size; newLong = (int)((double)size * longSide / shortSide); }
        return width <= height ? (newShort, newLong) : (newLong, newShort);
    }

    /// <summary>torchvision center_crop: top = int(round((H − S) / 2.0)), Python's round-half-even.</summary>
    public static (int Left, int Top) CropOffsets(int width, int height, int size) =>
        ((int)Math.Round((width - size) / 2.0, MidpointRounding.ToEven), (int)Math.Round((height - size) / 2.0, MidpointRounding.ToEven));

    private static IResampler Sampler(string interpolation) => interpolation.ToLowerInvariant() switch
    {
        "bilinear" => KnownResamplers.Triangle,
        "nearest" => KnownResamplers.NearestNeighbor,
        "lanczos" => KnownResamplers.Lanczos3,
        _ => KnownResamplers.Bicubic,
    };
}
