using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Models;

namespace PhotoCuration.Engine.Faces;

/// <summary>
/// MediaPipe BlazeFace (back model, 256×256) in ONNX Runtime: one session, checked at load against the
/// graph's names and shapes, run on the whole frame and on overlapping tiles (<see cref="FaceTiling"/>),
/// each window decoded (<see cref="BlazeFaceDecoder"/>), mapped back to image pixels and all merged by
/// <see cref="WeightedNonMaxSuppression"/>. Thread-safe: ONNX Runtime allows concurrent Run calls on
/// one session, and each call owns its input buffer. docs/algorithms.md#faces
/// </summary>
public sealed class BlazeFaceDetector : IDisposable
{
    public const string FileName = "face_detection_back_256x256_barracuda.onnx";
    public const string InputName = "input:0";
    public const string FineScoresName = "Identity:0";
    public const string CoarseScoresName = "Identity_1:0";
    public const string FineBoxesName = "Identity_2:0";
    public const string CoarseBoxesName = "Identity_3:0";
    private static readonly string[] OutputNames = { FineScoresName, CoarseScoresName, FineBoxesName, CoarseBoxesName };

    private readonly InferenceSession _session;

    public BlazeFaceDetector(string path, SessionOptions options)
    {
        Path = path;
        // The shipped graph carries two unused constant initializers that ONNX Runtime reports on every
        // load ("Removing initializer const_fold_opt__361"); the file is kept byte-identical to its
        // source (SHA-256 checked), so that warning is silenced rather than the file edited.
        options.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
        IntraOpThreads = options.IntraOpNumThreads;
        InterOpThreads = options.InterOpNumThreads;
        _session = OnnxSignature.Open(path, options);
        try
        {
            const int s = BlazeFaceAnchors.InputSize;
            OnnxSignature.Input(_session, path, InputName, new[] { typeof(float) }, new[] { 1, s, s, FaceInputTensor.Channels });
            OnnxSignature.Output(_session, path, FineScoresName, new[] { 1, BlazeFaceAnchors.FineCount, 1 });
            OnnxSignature.Output(_session, path, CoarseScoresName, new[] { 1, BlazeFaceAnchors.CoarseCount, 1 });
            OnnxSignature.Output(_session, path, FineBoxesName, new[] { 1, BlazeFaceAnchors.FineCount, BlazeFaceDecoder.ValuesPerAnchor });
            OnnxSignature.Output(_session, path, CoarseBoxesName, new[] { 1, BlazeFaceAnchors.CoarseCount, BlazeFaceDecoder.ValuesPerAnchor });
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>A detector on the CPU with one intra-op thread per call (the feature workers run in parallel).</summary>
    public static BlazeFaceDetector OpenCpu(string path, int intraOpThreads = 1)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
        };
        return new BlazeFaceDetector(path, options);
    }

    /// <summary>A detector on the provider chosen for <paramref name="device"/> (GPU when present, as the other models).</summary>
    public static BlazeFaceDetector Open(string path, ModelDevice device, int parallelWorkers, Action<string>? warn = null)
    {
        var choice = ExecutionProviderChoice.Select(device, parallelWorkers);
        if (choice.Warning is { } w) warn?.Invoke(w);
        using var options = choice.CreateOptions(warn);
        return new BlazeFaceDetector(path, options);
    }

    public string Path { get; }

    /// <summary>The threads ONNX Runtime may use inside one call (1: the caller's thread alone), as the session was created with.</summary>
    public int IntraOpThreads { get; }

    /// <summary>The threads ONNX Runtime may run independent graph nodes on, as the session was created with.</summary>
    public int InterOpThreads { get; }

    private long _inferences;

    /// <summary>Model runs so far (all threads): the cost of a detection scheme in the unit that dominates it.</summary>
    public long Inferences => Interlocked.Read(ref _inferences);

    /// <summary>Raw outputs for one input tensor (float [1,256,256,3], RGB in [−1,1]).</summary>
    public BlazeFaceOutputs Run(float[] tensor)
    {
        const int s = BlazeFaceAnchors.InputSize;
        if (tensor.Length != FaceInputTensor.Length()) throw new ArgumentException($"The input holds {tensor.Length} values; BlazeFace takes {FaceInputTensor.Length()}.");
        var input = NamedOnnxValue.CreateFromTensor(InputName, new DenseTensor<float>(tensor, new[] { 1, s, s, FaceInputTensor.Channels }));
        using var outputs = _session.Run(new[] { input }, OutputNames);
        Interlocked.Increment(ref _inferences);
        float[] Get(string name) => outputs.First(o => o.Name == name).AsTensor<float>().ToArray();
        return new BlazeFaceOutputs(Get(FineScoresName), Get(CoarseScoresName), Get(FineBoxesName), Get(CoarseBoxesName));
    }

    /// <summary>
    /// Detections of one window, in image pixels, before merging. A mirrored run flips the window left
    /// to right and maps its boxes back (keypoints then name the other side: only the boxes are used).
    /// </summary>
    public List<FaceDetection> DetectWindow(FeatureImage image, FaceWindow window, double minScore, float[]? buffer = null, bool mirrored = false)
    {
        buffer ??= new float[FaceInputTensor.Length()];
        FaceInputTensor.Fill(image, window, buffer, mirrored);
        var detections = Run(buffer).Decode(minScore);
        if (mirrored) detections = detections.Select(d => Unmirror(d, window)).ToList();
        return detections.Select(d => d.Map(window.ToImage)).Where(d => d.Width > 0 && d.Height > 0).ToList();
    }

    /// <summary>
    /// Faces of the image (the standardized frame), best first: the whole frame and the tiles decoded;
    /// small faces a shrunk tile only suggests looked at again at full scale (<see cref="FaceRefinement"/>);
    /// all views merged; then each merged face mirror-checked once, in the window that saw it best.
    /// docs/algorithms.md#faces
    /// </summary>
    public IReadOnlyList<FaceDetection> Detect(FeatureImage image, FaceDetectionOptions? options = null)
    {
        options ??= FaceDetectionOptions.Default;
        var buffer = new float[FaceInputTensor.Length()];
        // Which window saw each detection (by reference: two windows may see identical boxes).
        var seenIn = new Dictionary<FaceDetection, FaceWindow>(ReferenceEqualityComparer.Instance);
        var candidates = new List<FaceDetection>();
        foreach (var window in FaceTiling.Windows(image.Width, image.Height, options.Tiles, options.TileSize, options.TileOverlap))
        {
            var refines = options.Refine && FaceRefinement.Applies(window);
            var threshold = Threshold(window, options);
            foreach (var d in DetectWindow(image, window, refines ? Math.Min(options.CandidateMinScore, threshold) : threshold, buffer))
            {
                if (!Keeps(d, window, image, options)) continue;
                if (refines && FaceRefinement.IsSmall(d, options)) candidates.Add(d);
                else if (d.Score >= threshold) seenIn[d] = window;
            }
        }
        // One full-scale look per small face, however many overlapping tiles suggested it.
        foreach (var candidate in WeightedNonMaxSuppression.Apply(candidates))
        {
            var window = FaceRefinement.Window(candidate, image.Width, image.Height);
            foreach (var d in DetectWindow(image, window, Threshold(window, options), buffer))
                if (FaceRefinement.Confirms(d, candidate) && Keeps(d, window, image, options)) seenIn[d] = window;
        }
        var faces = new List<FaceDetection>();
        var mirrors = new Dictionary<FaceWindow, List<FaceDetection>>();
        foreach (var group in WeightedNonMaxSuppression.Groups(seenIn.Keys))
        {
            var best = group[0];
            var score = best.Score;
            if (options.MirrorCheck)
            {
                var window = seenIn[best];
                if (!mirrors.TryGetValue(window, out var mirrored)) mirrors[window] = mirrored = DetectWindow(image, window, Threshold(window, options), buffer, mirrored: true);
                var confirm = MirrorConfirmation(best, mirrored);
                if (confirm <= 0) continue;
                score = Math.Min(score, confirm);
            }
            faces.Add(WeightedNonMaxSuppression.Merge(group, score));
        }
        return faces.OrderByDescending(d => d.Score).ThenBy(d => d.Top).ThenBy(d => d.Left).ToList();
    }

    /// <summary>The score a window's detection needs: the whole frame's or the tiles' stricter one.</summary>
    private static double Threshold(FaceWindow window, FaceDetectionOptions options) => window.IsWholeFrame ? options.MinScore : options.TileMinScore;

    /// <summary>The tile rules: no larger than the tiles are there for, not cut by an inner tile edge.</summary>
    private static bool Keeps(FaceDetection d, FaceWindow window, FeatureImage image, FaceDetectionOptions options) =>
        FaceTiling.TileSized(d, window) && !FaceTiling.CutByInnerEdge(d, window, image.Width, image.Height, options.EdgeMargin);

    /// <summary>
    /// The mirrored window's confirmation of a detection: the best score among its detections that
    /// overlap it by more than the merge threshold (0 when none does). A face is a face in the mirror
    /// too; a texture that happens to fire one anchor mostly is not. docs/algorithms.md#faces
    /// </summary>
    public static double MirrorConfirmation(FaceDetection d, IReadOnlyList<FaceDetection> mirrored) =>
        mirrored.Where(m => m.IntersectionOverUnion(d) > WeightedNonMaxSuppression.IouThreshold).Select(m => m.Score).DefaultIfEmpty(0).Max();

    /// <summary>A detection made on the mirrored input, in the unmirrored input's normalized coordinates.</summary>
    private static FaceDetection Unmirror(FaceDetection d, FaceWindow window)
    {
        // The content spans [PadX, PadX + ContentWidth) of the input: mirror inside it, not the whole square.
        double lo = (double)window.PadX / window.Size, hi = (double)(window.PadX + window.ContentWidth) / window.Size;
        FacePoint Flip(FacePoint p) => new(lo + hi - p.X, p.Y);
        return new FaceDetection(lo + hi - d.Right, d.Top, lo + hi - d.Left, d.Bottom, d.Keypoints.Select(Flip).ToArray(), d.Score);
    }

    public void Dispose() => _session.Dispose();
}
