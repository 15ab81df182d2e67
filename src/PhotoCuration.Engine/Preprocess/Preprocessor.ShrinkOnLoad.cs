using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>
/// The fast path for camera JPEGs (docs/decoders.md): libvips decodes the original at reduced scale
/// (shrink-on-load), orients it and reduces it with Lanczos3 straight to the ranking size; the ICC
/// profile is applied to those pixels with the same converter as the ImageSharp path; the standardized
/// image is a Lanczos3 reduction of the converted ranking pixels; both are encoded by libjpeg-turbo.
/// </summary>
public sealed partial class Preprocessor
{
    /// <summary>
    /// False sends every file through the ImageSharp path: the quality tests and the bench compare
    /// both decoders on the same files.
    /// </summary>
    internal bool UseShrinkOnLoad { get; init; } = true;

    private PreprocessArtifact DeriveShrunk(Photo photo, byte[] jpeg, string source, int? orientationOverride, CancellationToken cancellation)
    {
        var ranking = VipsDecoder.DecodeToLongEdge(jpeg, _options.RankingLongEdge, orientationOverride, _options.MaxMegapixels, _options.DecodeTimeout, photo, cancellation);
        var colour = ConvertToSrgb(ranking.IccProfile, isCmykJpeg: false, converter => converter.Apply(ranking.Data));
        cancellation.ThrowIfCancellationRequested();

        var namingPath = photo.DuplicateOf ?? photo.Path;
        var rankingFull = Path.Combine(_layout.RankingDir, DerivedFileName.For(namingPath, photo.PhotoId, OptionsSuffix + ".jpg"));
        var rankingJpeg = VipsDecoder.EncodeJpeg(ranking, _options.JpegQuality);
        WriteFile(rankingFull, photo, stream => stream.Write(rankingJpeg));

        // Sized from the original, not the already-rounded ranking size, so both match a direct resize.
        var (sw, sh) = ImageSizing.FitLongEdge(ranking.OriginalWidth, ranking.OriginalHeight, _options.StandardizedLongEdge);
        var standardized = VipsDecoder.Resize(ranking, sw, sh);
        var stdFull = Path.Combine(_layout.StandardizedDir, DerivedFileName.For(namingPath, photo.PhotoId, OptionsSuffix + "_std.jpg"));
        var stdJpeg = VipsDecoder.EncodeJpeg(standardized, _options.JpegQuality);
        WriteFile(stdFull, photo, stream => stream.Write(stdJpeg));
        StandardizedJpeg?.Put(photo.Path, stdJpeg);

        return new PreprocessArtifact
        {
            RankingPath = WorkspacePaths.ToRelative(_layout, rankingFull),
            StdPath = WorkspacePaths.ToRelative(_layout, stdFull),
            OriginalSize = new[] { ranking.OriginalWidth, ranking.OriginalHeight },
            RankingSize = new[] { ranking.Width, ranking.Height },
            StandardizedSize = new[] { sw, sh },
            // Deterministic text (no timings): it is part of the stage JSON.
            ProcessingMethod = $"libvips-{VipsRuntime.Version} shrink-on-load 1/{ranking.Shrink} ({source}); orientation {ranking.Orientation}; {colour}; lanczos3 to {ranking.Width}x{ranking.Height} and {sw}x{sh}; jpeg q{_options.JpegQuality} 4:2:0",
        };
    }
}
