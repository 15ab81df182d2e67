using PhotoCuration.Engine.Ingest;
using System.Globalization;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>Sizes and quality of the derived images (docs/architecture.md#pipeline, Invoke-Preprocess).</summary>
public sealed record PreprocessOptions
{
    /// <summary>Ranking image long edge: at most 2048, never upscaled.</summary>
    public int RankingLongEdge { get; init; } = 2048;

    /// <summary>Standardized image long edge, the size every feature is computed at.</summary>
    public int StandardizedLongEdge { get; init; } = 1024;

    /// <summary>JPEG quality of both outputs; SPEC asks q ≥ 92 for the ranking image.</summary>
    public int JpegQuality { get; init; } = 92;

    public double MaxMegapixels { get; init; } = PhotoInspector.DefaultMaxMegapixels;

    /// <summary>
    /// Per-file decode time limit. A 250 MP image (the default pixel limit) decodes in about 10 s on one
    /// core (81 ms per 24 MP, docs/architecture.md#performance), so a minute is far beyond any genuine file and only
    /// stops decoders looping over damaged data.
    /// </summary>
    public static readonly TimeSpan DefaultDecodeTimeout = TimeSpan.FromSeconds(60);

    /// <summary>See <see cref="DefaultDecodeTimeout"/>. Not part of the cache key: it never changes the output.</summary>
    public TimeSpan DecodeTimeout { get; init; } = DefaultDecodeTimeout;

    public void Validate()
    {
        if (RankingLongEdge is < 64 or > 8192) throw new ArgumentOutOfRangeException(nameof(RankingLongEdge), RankingLongEdge, "The ranking long edge must be 64–8192 pixels.");
        if (StandardizedLongEdge is < 64 or > 8192) throw new ArgumentOutOfRangeException(nameof(StandardizedLongEdge), StandardizedLongEdge, "The standardized long edge must be 64–8192 pixels.");
        if (StandardizedLongEdge > RankingLongEdge) throw new ArgumentOutOfRangeException(nameof(StandardizedLongEdge), StandardizedLongEdge, "The standardized image cannot be larger than the ranking image it is derived from.");
        if (DecodeTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(DecodeTimeout), DecodeTimeout, "The decode time limit must be positive.");
        if (JpegQuality is < 50 or > 100) throw new ArgumentOutOfRangeException(nameof(JpegQuality), JpegQuality, "JPEG quality must be 50–100.");
    }

    /// <summary>What changes the output bytes, hashed into the cache key. (The pixel limit does not.)</summary>
    public string ParametersHash => Hashing.Of(
        "ranking=" + RankingLongEdge.ToString(CultureInfo.InvariantCulture),
        "std=" + StandardizedLongEdge.ToString(CultureInfo.InvariantCulture),
        "q=" + JpegQuality.ToString(CultureInfo.InvariantCulture));
}
