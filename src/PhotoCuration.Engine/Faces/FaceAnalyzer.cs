using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Models;

namespace PhotoCuration.Engine.Faces;

/// <summary>
/// The face stage's engine entry point: the detector (and the eye model when one is installed) found
/// through the model search path, run on a standardized frame, giving one <see cref="PhotoFace"/> per
/// face, largest first. Sessions are opened once and shared by the workers (thread-safe).
/// </summary>
public sealed class FaceAnalyzer : IDisposable
{
    public FaceAnalyzer(BlazeFaceDetector detector, EyeStateClassifier? eyes = null, FaceDetectionOptions? options = null)
    {
        Detector = detector;
        Eyes = eyes;
        Options = options ?? FaceDetectionOptions.Default;
    }

    public BlazeFaceDetector Detector { get; }
    public EyeStateClassifier? Eyes { get; }
    public FaceDetectionOptions Options { get; }

    /// <summary>
    /// The analyzer for the first face model of the catalog (null when there is none) with the first eye
    /// model when present, on the provider chosen for <paramref name="device"/>.
    /// </summary>
    /// <param name="cores">The cores the run may use (a worker's -Concurrency); null: every processor.</param>
    public static FaceAnalyzer? Open(ModelCatalog catalog, ModelDevice device, int parallelWorkers, Action<string>? warn = null, int? cores = null)
    {
        if (catalog.Faces.Count == 0) return null;
        var choice = ExecutionProviderChoice.Select(device, parallelWorkers, cores);
        if (choice.Warning is { } w) warn?.Invoke(w);
        using var options = choice.CreateOptions(warn);
        var detector = new BlazeFaceDetector(catalog.Faces[0].Path, options);
        try
        {
            var eyes = catalog.EyeState.Count > 0 ? new EyeStateClassifier(catalog.EyeState[0].Path, options) : null;
            return new FaceAnalyzer(detector, eyes);
        }
        catch
        {
            detector.Dispose();
            throw;
        }
    }

    /// <summary>Faces with their measures, largest first (ties: higher, then further left).</summary>
    public IReadOnlyList<FaceMeasure> Measure(FeatureImage image) =>
        FaceMeasures.Measure(image, Detector.Detect(image, Options), Eyes)
            .OrderByDescending(m => m.Share).ThenBy(m => m.Face.Top).ThenBy(m => m.Face.Left).ToList();

    /// <summary>The contract records for a frame.</summary>
    public IReadOnlyList<PhotoFace> Analyze(FeatureImage image) => Measure(image).Select(m => m.ToContract(image.Width, image.Height)).ToList();

    public void Dispose()
    {
        Detector.Dispose();
        Eyes?.Dispose();
    }
}
