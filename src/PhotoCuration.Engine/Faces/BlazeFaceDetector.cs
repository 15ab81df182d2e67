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

    /// <summary>Raw outputs for one input tensor (float [1,256,256,3], RGB in [−1,1]).</summary>
    public BlazeFaceOutputs Run(float[] tensor)
    {
        const int s = BlazeFaceAnchors.InputSize;
        if (tensor.Length != FaceInputTensor.Length()) throw new ArgumentException($"The input holds {tensor.Length} values; BlazeFace takes {FaceInputTensor.Length()}.");
        var input = NamedOnnxValue.CreateFromTensor(InputName, new DenseTensor<float>(tensor, new[] { 1, s, s, FaceInputTensor.Channels }));
        using var outputs = _session.Run(new[] { input }, OutputNames);
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

    /// <summary>Faces of the image (the standardized frame): whole frame and tiles, mirror-checked, merged, best first.</summary>
    public IReadOnlyList<FaceDetection> Detect(FeatureImage image, FaceDetectionOptions? options = null)
    {
        options ??= FaceDetectionOptions.Default;
        var buffer = new float[FaceInputTensor.Length()];
        var all = new List<FaceDetection>();
        foreach (var window in FaceTiling.Windows(image.Width, image.Height, options.Tiles, options.TileSize))
        {
            var minScore = window.IsWholeFrame ? options.MinScore : options.TileMinScore;
            var found = DetectWindow(image, window, minScore, buffer)
                .Where(d => FaceTiling.TileSized(d, window) && !FaceTiling.CutByInnerEdge(d, window, image.Width, image.Height, options.EdgeMargin)).ToList();
            if (found.Count > 0 && options.MirrorCheck) found = MirrorChecked(found, DetectWindow(image, window, minScore, buffer, mirrored: true));
            all.AddRange(found);
        }
        return WeightedNonMaxSuppression.Apply(all);
    }

    /// <summary>
    /// Keeps the detections the mirrored window confirms (a box overlapping by more than the merge
    /// threshold, itself above the minimum score), each scored by the weaker of its two views. A face
    /// is a face in the mirror too; a texture that happens to fire one anchor mostly is not.
    /// docs/algorithms.md#faces
    /// </summary>
    public static List<FaceDetection> MirrorChecked(IReadOnlyList<FaceDetection> found, IReadOnlyList<FaceDetection> mirrored)
    {
        var kept = new List<FaceDetection>();
        foreach (var d in found)
        {
            var confirm = mirrored.Where(m => m.IntersectionOverUnion(d) > WeightedNonMaxSuppression.IouThreshold).Select(m => m.Score).DefaultIfEmpty(0).Max();
            if (confirm > 0) kept.Add(d with { Score = Math.Min(d.Score, confirm) });
        }
        return kept;
    }

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
