using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Ingest;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Ingest.Raw;
using PhotoCuration.Engine.Workspace;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PhotoCuration.Engine.Preprocess;

/// <summary>
/// Decodes a photo once and derives both images from that decode (docs/architecture.md#pipeline and docs/architecture.md#performance):
/// decode → EXIF orientation → ranking size (long edge ≤ 2048, never upscaled) → ICC profile to sRGB →
/// ranking JPEG → standardized size (long edge 1024, from the ranking pixels) → standardized JPEG.
/// Results are cached by content: a re-run with the same bytes and options decodes nothing.
/// </summary>
public sealed partial class Preprocessor : IPhotoStage<PhotoPreprocess>
{
    public static readonly string StageName = StageCatalog.Preprocess.Name;

    private static readonly string DecoderName = "imagesharp-" + ((System.Reflection.AssemblyInformationalVersionAttribute?)Attribute.GetCustomAttribute(typeof(Image).Assembly, typeof(System.Reflection.AssemblyInformationalVersionAttribute)))?.InformationalVersion.Split('+')[0];

    private readonly WorkspaceLayout _layout;
    private readonly PreprocessOptions _options;
    private readonly StageCache _cache;
    private readonly JpegEncoder _encoder;
    // Byte-identical files share a cache key; the second one waits here and then reads the first's entry.
    private readonly ConcurrentDictionary<string, object> _keyLocks = new(StringComparer.Ordinal);

    /// <param name="sweepStaleTemps">False in a shared workspace (a worker, a distributed run), which is swept as a maintenance step instead (<see cref="StaleTempSweep"/>).</param>
    public Preprocessor(WorkspaceLayout layout, PreprocessOptions options, bool sweepStaleTemps = true)
    {
        options.Validate();
        _layout = layout;
        _options = options;
        _cache = new StageCache(layout, StageCatalog.Preprocess);
        // A run killed mid-write leaves hidden temporary files; the next run clears the old ones.
        if (sweepStaleTemps) StaleTempSweep.Preprocess(layout);
        _encoder = new JpegEncoder { Quality = options.JpegQuality, ColorType = JpegColorType.YCbCrRatio420 };
    }

    public PreprocessOptions Options => _options;

    /// <summary>
    /// Empty for the default options; otherwise the sizes and quality, so runs with other options never
    /// overwrite each other's images (which the other run's cache entries and stage JSON point at).
    /// </summary>
    private string OptionsSuffix => _options with { MaxMegapixels = PhotoInspector.DefaultMaxMegapixels, DecodeTimeout = PreprocessOptions.DefaultDecodeTimeout } == new PreprocessOptions()
        ? ""
        : $"_{_options.RankingLongEdge}-{_options.StandardizedLongEdge}q{_options.JpegQuality}";

    public StageDescriptor Descriptor => StageCatalog.Preprocess;

    string? IPhotoStage<PhotoPreprocess>.CacheKey(Photo photo) => CacheKey(photo.PhotoId);

    public bool FromCache(PhotoPreprocess result) => result.FromCache;

    public bool Attach(Photo photo, PhotoPreprocess result)
    {
        photo.Preprocess = result;
        return true;
    }

    public StageRecord NewRecord(string batchId) => new PreprocessBatch(batchId, _layout, _options);

    /// <summary>Cache key of a photo under these options.</summary>
    public string CacheKey(string photoId) => StageCache.Key(photoId, StageCatalog.Preprocess, _options.ParametersHash, modelId: "");

    /// <summary>
    /// Bytes of the originals that ingest read and hashed in the same streamed run: taken instead of
    /// reading the file again (they are the bytes the photo id was computed from, so no second hash).
    /// </summary>
    public Handoff<byte[]>? Originals { get; init; }

    /// <summary>
    /// When set, the standardized JPEG of each photo, as written, is handed to the features stage of the
    /// same streamed run, which decodes it from memory instead of reading the file back
    /// (docs/architecture.md#one-read-one-decode).
    /// </summary>
    public Handoff<byte[]>? StandardizedJpeg { get; init; }

    public PhotoPreprocess Process(Photo photo, CancellationToken cancellation = default)
    {
        // Taken first, so a cached photo does not leave its bytes behind.
        var bytes = string.IsNullOrEmpty(photo.Path) ? null : Originals?.Take(photo.Path);
        if (string.IsNullOrEmpty(photo.PhotoId))
        {
            // A photo object built by hand has no id: take it from the bytes, or photos would share a cache key.
            bytes ??= ReadAndVerify(photo);
            photo.PhotoId = Hashing.PhotoId(bytes);
        }
        var key = CacheKey(photo.PhotoId);
        lock (_keyLocks.GetOrAdd(key, _ => new object()))
        {
            // An entry that parses but lacks a field is not trusted either.
            var cached = _cache.TryGet<PreprocessArtifact>(key);
            if (cached is { RankingPath.Length: > 0, StdPath.Length: > 0, OriginalSize.Length: 2, RankingSize.Length: 2, StandardizedSize.Length: 2, ProcessingMethod: not null, EffectiveLongEdge: > 0 })
            {
                return ToContract(photo, cached, fromCache: true);
            }

            bytes ??= ReadAndVerify(photo);
            cancellation.ThrowIfCancellationRequested();
            var artifact = Derive(photo, bytes, cancellation);
            var written = new[] { artifact.RankingPath, artifact.StdPath };
            // Another worker stored this photo first (a copy of it, named after another path): use its images.
            if (!_cache.Put(key, photo.PhotoId, artifact, written) && _cache.Adopt<PreprocessArtifact>(key, written) is { } first) artifact = first;
            return ToContract(photo, artifact, fromCache: false);
        }
    }

    private PhotoPreprocess ToContract(Photo photo, PreprocessArtifact a, bool fromCache) => new()
    {
        OriginalPath = photo.Path,
        RankingPath = WorkspacePaths.ToFull(_layout, a.RankingPath),
        StandardizedPath = WorkspacePaths.ToFull(_layout, a.StdPath),
        OriginalWidth = a.OriginalSize[0],
        OriginalHeight = a.OriginalSize[1],
        RankingWidth = a.RankingSize[0],
        RankingHeight = a.RankingSize[1],
        StandardizedWidth = a.StandardizedSize[0],
        StandardizedHeight = a.StandardizedSize[1],
        ProcessingMethod = a.ProcessingMethod,
        EffectiveLongEdge = a.EffectiveLongEdge,
        FromCache = fromCache,
    };

    /// <summary>Reads the original and checks it still has the bytes ingest saw (same photo id).</summary>
    private static byte[] ReadAndVerify(Photo photo)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(photo.Path);
        }
        catch (FileNotFoundException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.FileNotFound, PhotoProblem.NotFound, photo.Path, $"File '{photo.Path}' no longer exists.", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.FileNotFound, PhotoProblem.NotFound, photo.Path, $"File '{photo.Path}' no longer exists.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.AccessDenied, PhotoProblem.AccessDenied, photo.Path, $"File '{photo.Path}' cannot be read: access denied.", ex);
        }
        catch (IOException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.FileUnreadable, PhotoProblem.Unreadable, photo.Path, $"File '{photo.Path}' cannot be read: {ex.Message}", ex);
        }
        var id = Hashing.PhotoIdPrefix + Hashing.Hex(SHA256.HashData(bytes));
        if (!string.IsNullOrEmpty(photo.PhotoId) && id != photo.PhotoId)
        {
            throw new PhotoInputException(PhotoErrorIds.FileChanged, PhotoProblem.Changed, photo.Path,
                $"'{photo.FileName}' changed after it was imported (its bytes no longer match {photo.PhotoId}); import it again.");
        }
        return bytes;
    }

    private PreprocessArtifact Derive(Photo photo, byte[] bytes, CancellationToken cancellation)
    {
        var extension = Path.GetExtension(photo.Path);
        var format = PhotoFormats.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, PhotoFormats.HeaderLength)), extension);
        if (!PhotoFormats.IsReadable(format))
        {
            throw new PhotoInputException(PhotoErrorIds.UnsupportedFormat, PhotoProblem.Unsupported, photo.Path,
                $"'{photo.FileName}' is a {PhotoFormats.Describe(format, extension)} file, which this version cannot decode.");
        }

        // A RAW is decoded through its embedded full-size JPEG; its orientation is the RAW's own.
        var decodeFormat = format;
        var decodeBytes = bytes;
        string? rawSource = null;
        int? rawOrientation = null;
        if (PhotoFormats.IsRaw(format))
        {
            using var raw = new MemoryStream(bytes, writable: false);
            decodeBytes = PhotoInspector.RawPreviewBytes(raw, photo.Path, format, extension, out var preview);
            decodeFormat = PhotoFormat.Jpeg;
            rawSource = $"embedded jpeg {preview.Width}x{preview.Height} from {PhotoFormats.Label(format, extension)} {preview.Source}";
            rawOrientation = RawExif.Read(raw, format, decodeBytes).Orientation;
        }

        if (decodeFormat == PhotoFormat.Tiff) decodeBytes = TiffStripClamp.Apply(decodeBytes);
        using var stream = new MemoryStream(decodeBytes, writable: false);
        ContainerCheck.Validate(stream, photo.Path, decodeFormat);
        var (declaredWidth, declaredHeight) = PhotoInspector.IdentifySize(stream, photo.Path, decodeFormat);
        PhotoInspector.CheckPixelLimit(photo.Path, declaredWidth, declaredHeight, _options.MaxMegapixels);
        if (UseShrinkOnLoad && VipsDecoder.Handles(decodeFormat, decodeBytes)) return DeriveShrunk(photo, decodeBytes, rawSource ?? format.ToString(), rawOrientation, cancellation);

        var timer = Stopwatch.StartNew();
        stream.Position = 0;
        using var image = Decode(stream, decodeFormat, photo, _options.DecodeTimeout, cancellation);
        var decodeMs = timer.ElapsedMilliseconds;
        cancellation.ThrowIfCancellationRequested();

        // TIFF keeps its IFD tags (Orientation among them) on the root frame's metadata.
        if (image.Metadata.ExifProfile is null && image.Frames.RootFrame.Metadata.ExifProfile is { } frameExif)
        {
            try { image.Metadata.ExifProfile = frameExif.DeepClone(); }
            catch (Exception ex) when (DecoderFailures.IsDecoderFailure(ex)) { /* damaged tags: upright */ }
        }
        if (rawOrientation is { } fromRaw)
        {
            image.Metadata.ExifProfile ??= new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)fromRaw);
        }
        var orientation = ReadOrientation(image.Metadata);
        image.Mutate(x => x.AutoOrient());
        var originalSize = new[] { image.Width, image.Height };

        var (rw, rh) = ImageSizing.FitLongEdge(image.Width, image.Height, _options.RankingLongEdge);
        if (rw != image.Width || rh != image.Height) image.Mutate(x => x.Resize(rw, rh, KnownResamplers.Lanczos3));
        cancellation.ThrowIfCancellationRequested();
        var effective = EffectiveLongEdge(image, originalSize[0], originalSize[1]);

        var colour = ConvertToSrgb(image.Metadata.IccProfile?.ToByteArray() ?? EmbeddedIccProfile.Find(decodeBytes, decodeFormat),
            decodeFormat == PhotoFormat.Jpeg && JpegHeader.ComponentCount(decodeBytes) == 4, converter => converter.Apply(image));
        StripMetadata(image.Metadata);

        // An exact duplicate is named after the first file with its bytes, whichever worker gets here first.
        var namingPath = photo.DuplicateOf ?? photo.Path;
        var rankingFull = WorkspaceLayout.DerivedPath(_layout.RankingDir, namingPath, photo.PhotoId, OptionsSuffix + ".jpg");
        WriteJpeg(image, rankingFull, photo);

        // Sized from the original, not the already-rounded ranking size, so both match a direct resize.
        var (sw, sh) = ImageSizing.FitLongEdge(originalSize[0], originalSize[1], _options.StandardizedLongEdge);
        var stdFull = WorkspaceLayout.DerivedPath(_layout.StandardizedDir, namingPath, photo.PhotoId, OptionsSuffix + "_std.jpg");
        if (sw != image.Width || sh != image.Height)
        {
            using var std = image.Clone(x => x.Resize(sw, sh, KnownResamplers.Lanczos3));
            HandOver(photo, WriteJpeg(std, stdFull, photo));
        }
        else
        {
            HandOver(photo, WriteJpeg(image, stdFull, photo));
        }

        return new PreprocessArtifact
        {
            RankingPath = WorkspacePaths.ToRelative(_layout, rankingFull),
            StdPath = WorkspacePaths.ToRelative(_layout, stdFull),
            OriginalSize = originalSize,
            RankingSize = new[] { rw, rh },
            StandardizedSize = new[] { sw, sh },
            EffectiveLongEdge = effective,
            // Deterministic text (no timings): it is part of the stage JSON.
            ProcessingMethod = $"{DecoderName} full decode ({rawSource ?? format.ToString()}); orientation {orientation}; {colour}; lanczos3 to {rw}x{rh} and {sw}x{sh}; jpeg q{_options.JpegQuality} 4:2:0",
        };
    }

    /// <summary>
    /// The long edge that holds detail, in pixels of the original (docs/algorithms.md#effective-resolution),
    /// read on the ranking pixels: for an original up to the ranking size they are the decoded original's.
    /// </summary>
    private static int EffectiveLongEdge(Image<Rgb24> ranking, int originalWidth, int originalHeight)
    {
        var pixels = new byte[ranking.Width * ranking.Height * 3];
        ranking.CopyPixelDataTo(pixels);
        return EffectiveLongEdge(pixels, ranking.Width, ranking.Height, originalWidth, originalHeight);
    }

    private static int EffectiveLongEdge(byte[] rgb, int width, int height, int originalWidth, int originalHeight) =>
        EffectiveResolution.LongEdge(EffectiveResolution.Fraction(rgb, width, height), Math.Max(width, height), Math.Max(originalWidth, originalHeight));

    private void HandOver(Photo photo, byte[] standardizedJpeg) => StandardizedJpeg?.Put(photo.Path, standardizedJpeg);

    /// <summary>
    /// Decodes to 8-bit RGB (16-bit and CMYK inputs are converted by the decoder). Animated formats
    /// decode their first frame only. The decode is cancelled when it runs past the per-file time
    /// limit: a damaged file can make a decoder loop over garbage for a very long time, and an
    /// unattended batch must go on.
    /// </summary>
    private static Image<Rgb24> Decode(Stream stream, PhotoFormat format, Photo photo, TimeSpan timeLimit, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeLimit);
        var clock = Stopwatch.StartNew();
        try
        {
            var decoder = DecoderFor(stream, format);
            var image = decoder.Decode<Rgb24>(ImagingConfiguration.Shared, stream, deadline.Token);
            // The decoder notices the deadline only between units of work (markers, rows); a decode that
            // finished past it anyway gets the same verdict, so the outcome never hangs on timer timing.
            if (clock.Elapsed > timeLimit && !cancellation.IsCancellationRequested)
            {
                image.Dispose();
                throw TimedOut(photo, timeLimit, null);
            }
            // Animated WebP (and any decoder without a first-frame mode): keep the first frame only.
            while (image.Frames.Count > 1) image.Frames.RemoveFrame(1);
            return image;
        }
        catch (OperationCanceledException ex) when (!cancellation.IsCancellationRequested)
        {
            throw TimedOut(photo, timeLimit, ex);
        }
        catch (Exception ex) when (IsDecoderFailure(ex))
        {
            throw new PhotoInputException(PhotoErrorIds.DecodeFailed, PhotoProblem.InvalidData, photo.Path,
                $"'{photo.FileName}' could not be decoded as {PhotoFormats.Describe(format, "")}: {ex.Message}", ex);
        }
    }

    private static PhotoInputException TimedOut(Photo photo, TimeSpan timeLimit, Exception? inner) =>
        new(PhotoErrorIds.DecodeTimedOut, PhotoProblem.LimitExceeded, photo.Path,
            FormattableString.Invariant($"'{photo.FileName}' took longer than {timeLimit.TotalSeconds:0.###} s to decode and was given up (the file is probably damaged)."), inner);

    internal static bool IsDecoderFailure(Exception ex) => DecoderFailures.IsDecoderFailure(ex);

    private static IImageDecoder DecoderFor(Stream stream, PhotoFormat format)
    {
        switch (format)
        {
            case PhotoFormat.Gif: return new GifDecoder { DecodingMode = FrameDecodingMode.First };
            case PhotoFormat.Tiff: return new TiffDecoder { DecodingMode = FrameDecodingMode.First };
        }
        var detected = Image.DetectFormat(ImagingConfiguration.Shared, stream)
            ?? throw new UnknownImageFormatException("No decoder recognises the image data.");
        stream.Position = 0;
        return ImagingConfiguration.Shared.ImageFormatsManager.FindDecoder(detected)
            ?? throw new UnknownImageFormatException($"No decoder for {detected.Name}.");
    }

    /// <summary>
    /// The EXIF orientation, 1 when absent or unreadable. ImageSharp parses an EXIF profile lazily, on
    /// first access, so a damaged profile throws here rather than in the decoder (found by the fuzz
    /// test); the pixels are fine, so the photo is treated as upright and its profile dropped.
    /// </summary>
    private static int ReadOrientation(ImageMetadata metadata)
    {
        try
        {
            var value = metadata.ExifProfile?.GetValue(ExifTag.Orientation);
            return value is not null && value.Value is >= 1 and <= 8 ? value.Value : 1;
        }
        catch (Exception ex) when (DecoderFailures.IsDecoderFailure(ex))
        {
            metadata.ExifProfile = null;
            return 1;
        }
    }

    /// <summary>Applies the embedded profile (<paramref name="raw"/>) through <paramref name="apply"/>; returns what was done.</summary>
    private static string ConvertToSrgb(byte[]? raw, bool isCmykJpeg, Action<IccToSrgbConverter> apply)
    {
        var profile = IccMatrixProfile.TryParse(raw);
        IccToSrgbConverter? converter = null;
        var outcome = raw is null ? IccToSrgbConverter.Outcome.NoProfile : IccToSrgbConverter.TryCreate(profile, out converter);
        var name = ExifReader.Clean(profile?.Description ?? "unnamed");
        switch (outcome)
        {
            case IccToSrgbConverter.Outcome.Converted:
                apply(converter!);
                return $"icc '{name}' converted to sRGB";
            case IccToSrgbConverter.Outcome.AlreadySrgb:
                return "icc sRGB";
            case IccToSrgbConverter.Outcome.Unsupported:
                return isCmykJpeg || profile?.ColorSpace == "CMYK"
                    ? $"cmyk decoded to rgb (icc '{name}' not applied)"
                    : $"icc '{name}' ({profile?.ColorSpace.Trim() ?? "unreadable"}) not convertible, pixels kept";
            default:
                return isCmykJpeg ? "cmyk decoded to rgb" : "no icc profile, assumed sRGB";
        }
    }

    /// <summary>Derived images carry no metadata: orientation is applied, colour is sRGB, and GPS stays private.</summary>
    private static void StripMetadata(ImageMetadata metadata)
    {
        metadata.ExifProfile = null;
        metadata.IccProfile = null;
        metadata.IptcProfile = null;
        metadata.XmpProfile = null;
    }

    /// <summary>Encodes, writes and returns the file's bytes.</summary>
    private byte[] WriteJpeg(Image<Rgb24> image, string path, Photo photo)
    {
        using var encoded = new MemoryStream();
        image.SaveAsJpeg(encoded, _encoder);
        var bytes = encoded.ToArray();
        WriteFile(path, photo, stream => stream.Write(bytes));
        return bytes;
    }

    private static void WriteFile(string path, Photo photo, Action<Stream> write)
    {
        try
        {
            // The cache entry vouches for both images by SHA-256: no flush to disk (AtomicFile).
            AtomicFile.Write(path, write, durable: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PhotoInputException(PhotoErrorIds.WriteFailed, PhotoProblem.Unreadable, photo.Path,
                $"Could not write '{path}' for '{photo.FileName}': {ex.Message}", ex);
        }
    }
}
