using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Models;

namespace PhotoCuration.Engine.Faces;

/// <summary>
/// OpenVINO's open-closed-eye-0001 (Open Model Zoo, Apache-2.0) in ONNX Runtime: one input
/// float [1, 3, 32, 32], a 32-px eye patch, planes B, G, R, each value (v − 127) / 255; one output of
/// two values, the probabilities of (open, closed). Any file with that signature is accepted (the
/// model's own input and output names vary between exports). Thread-safe like the other sessions.
/// docs/algorithms.md#faces
/// </summary>
public sealed class EyeStateClassifier : IDisposable
{
    public const string FileName = "open-closed-eye-0001.onnx";
    public const int PatchSize = 32;

    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;

    public EyeStateClassifier(string path, SessionOptions options)
    {
        Path = path;
        _session = OnnxSignature.Open(path, options);
        try
        {
            if (_session.InputMetadata.Count != 1) throw new ModelValidationException(path, $"expected one input [1, 3, {PatchSize}, {PatchSize}], the model has {_session.InputMetadata.Count}.");
            _input = _session.InputMetadata.Keys.Single();
            OnnxSignature.Input(_session, path, _input, new[] { typeof(float) }, new[] { 1, 3, PatchSize, PatchSize });
            if (_session.OutputMetadata.Count != 1) throw new ModelValidationException(path, $"expected one output of two probabilities (open, closed), the model has {_session.OutputMetadata.Count}.");
            var (name, meta) = _session.OutputMetadata.First();
            var known = meta.Dimensions.All(d => d > 0);
            if (meta.ElementType != typeof(float) || (known && meta.Dimensions.Aggregate(1, (a, d) => a * d) != 2))
                throw new ModelValidationException(path, $"output '{name}' has shape {OnnxSignature.Shape(meta)} {OnnxSignature.TypeName(meta.ElementType)}, expected two float32 probabilities (open, closed).");
            _output = name;
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public static EyeStateClassifier OpenCpu(string path)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        return new EyeStateClassifier(path, options);
    }

    public string Path { get; }

    /// <summary>The model's input for one eye patch: resized to 32×32 (box mean or bilinear), BGR planes, (v − 127)/255.</summary>
    public static float[] Tensor(FeatureImage image, PixelRegion patch)
    {
        var window = new FaceWindow(patch.X, patch.Y, patch.Width, patch.Height, IsWholeFrame: false, Size: PatchSize);
        // Reuse the face input's resampler (channels last, [−1, 1]) and convert: v = (t + 1)·127.5.
        var hwc = FaceInputTensor.Create(image, window);
        var chw = new float[3 * PatchSize * PatchSize];
        const int plane = PatchSize * PatchSize;
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                var v = (hwc[i * 3 + c] + 1f) * 127.5f;
                chw[(2 - c) * plane + i] = (v - 127f) / 255f; // RGB → BGR planes
            }
        }
        return chw;
    }

    /// <summary>Probability that the eye in <paramref name="patch"/> is closed.</summary>
    public double ClosedProbability(FeatureImage image, PixelRegion patch) => ClosedProbability(Tensor(image, patch));

    public double ClosedProbability(float[] tensor)
    {
        var input = NamedOnnxValue.CreateFromTensor(_input, new DenseTensor<float>(tensor, new[] { 1, 3, PatchSize, PatchSize }));
        using var outputs = _session.Run(new[] { input }, new[] { _output });
        var values = outputs[0].AsTensor<float>().ToArray();
        if (values.Length != 2) throw new ModelValidationException(Path, $"output '{_output}' gave {values.Length} values, expected 2.");
        return Probabilities(values[0], values[1]).Closed;
    }

    /// <summary>
    /// The (open, closed) pair as probabilities: the model ends in a softmax, so its pair already sums to
    /// 1; an export that stops at the logits is put through the softmax here.
    /// </summary>
    public static (double Open, double Closed) Probabilities(double open, double closed)
    {
        if (open >= 0 && closed >= 0 && Math.Abs(open + closed - 1) < 1e-3) return (open, closed);
        var m = Math.Max(open, closed);
        double eo = Math.Exp(open - m), ec = Math.Exp(closed - m);
        return (eo / (eo + ec), ec / (eo + ec));
    }

    public void Dispose() => _session.Dispose();
}
