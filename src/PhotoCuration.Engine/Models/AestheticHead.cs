using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// An aesthetic predictor on the CLIP image embedding (docs/algorithms.md#clip-features: LAION "improved aesthetic
/// predictor", a linear stack on L2-normalized OpenAI ViT-L/14 embeddings, about 0–10), exported to
/// ONNX: one float32 input [N, dim] → one float32 output [N, 1] or [N]. Its dimension must match the
/// CLIP model's, else it was trained on another embedding space and is refused.
/// </summary>
public sealed class AestheticHead : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;

    public AestheticHead(string path, SessionOptions options, int? clipDim)
    {
        Path = path;
        _session = OnnxSignature.Open(path, options);
        try
        {
            if (_session.InputMetadata.Count != 1) throw new ModelValidationException(path, $"expected one input (the CLIP embedding), the model has {_session.InputMetadata.Count}.");
            _input = _session.InputMetadata.Keys.First();
            var meta = OnnxSignature.Input(_session, path, _input, new[] { typeof(float) }, new[] { -1, clipDim ?? -1 });
            Dim = meta.Dimensions.Length == 2 && meta.Dimensions[1] > 0 ? meta.Dimensions[1]
                : clipDim ?? throw new ModelValidationException(path, $"input '{_input}' has no fixed embedding dimension ({OnnxSignature.Shape(meta)}).");
            var output = _session.OutputMetadata.Count == 1 ? _session.OutputMetadata.First() : throw new ModelValidationException(path, $"expected one output (the score), the model has {_session.OutputMetadata.Count}.");
            if (output.Value.ElementType != typeof(float)) throw new ModelValidationException(path, $"output '{output.Key}' has dtype {OnnxSignature.TypeName(output.Value.ElementType)}, expected float32.");
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public string Path { get; }
    public int Dim { get; }
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    public double Score(float[] embedding)
    {
        if (embedding.Length != Dim) throw new ArgumentException($"'{Path}' takes {Dim}-d embeddings, got {embedding.Length}.");
        var input = NamedOnnxValue.CreateFromTensor(_input, new DenseTensor<float>(embedding.ToArray(), new[] { 1, Dim }));
        using var outputs = _session.Run(new[] { input });
        return outputs[0].AsTensor<float>().First();
    }

    public void Dispose() => _session.Dispose();
}
