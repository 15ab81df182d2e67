using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// One ONNX session mapping a batch of fixed-size inputs to L2-normalized embeddings: the shared part
/// of the image and text encoders. Models exported with a fixed batch of 1 (Immich's) run one item at
/// a time; models with a dynamic batch dimension take up to <see cref="MaxBatch"/> at once.
/// Thread-safe: ONNX Runtime allows concurrent Run calls on one session.
/// </summary>
public sealed class OnnxEncoder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _outputName;
    private readonly int[] _itemShape;
    private readonly Type _inputType;

    public OnnxEncoder(string path, SessionOptions options, string inputName, string outputName, Type[] inputTypes, int[] itemShape, int? expectedDim, int maxBatch)
    {
        Path = path;
        _session = OnnxSignature.Open(path, options);
        try
        {
            var input = OnnxSignature.Input(_session, path, inputName, inputTypes, new[] { -1 }.Concat(itemShape).ToArray());
            var output = OnnxSignature.Output(_session, path, outputName, new[] { -1, expectedDim ?? -1 });
            _inputName = inputName;
            _outputName = outputName;
            _inputType = input.ElementType;
            _itemShape = itemShape;
            MaxBatch = OnnxSignature.FixedBatch(input) ?? Math.Max(1, maxBatch);
            InputShape = OnnxSignature.Shape(input);
            Dim = output.Dimensions[1] > 0 ? output.Dimensions[1] : ProbeDim();
            if (expectedDim is { } d && Dim != d) throw new ModelValidationException(path, $"output '{outputName}' has {Dim} values, config.json says embed_dim {d}.");
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public string Path { get; }
    public int Dim { get; }
    public int MaxBatch { get; }
    public string InputShape { get; }
    public int ItemLength => _itemShape.Aggregate(1, (a, b) => a * b);

    /// <summary>Embeddings of float inputs (image tensors), in input order, each L2-normalized.</summary>
    public float[][] Encode(IReadOnlyList<float[]> items) => EncodeChunks(items, (chunk, n) =>
    {
        var data = new float[n * ItemLength];
        for (var i = 0; i < n; i++) chunk[i].CopyTo(data, i * ItemLength);
        return NamedOnnxValue.CreateFromTensor(_inputName, new DenseTensor<float>(data, Dims(n)));
    });

    /// <summary>Embeddings of token id rows (int32 or int64 as the model declares).</summary>
    public float[][] Encode(IReadOnlyList<int[]> items) => EncodeChunks(items, (chunk, n) =>
    {
        if (_inputType == typeof(long))
        {
            var longs = new long[n * ItemLength];
            for (var i = 0; i < n; i++) for (var j = 0; j < ItemLength; j++) longs[i * ItemLength + j] = chunk[i][j];
            return NamedOnnxValue.CreateFromTensor(_inputName, new DenseTensor<long>(longs, Dims(n)));
        }
        var ints = new int[n * ItemLength];
        for (var i = 0; i < n; i++) chunk[i].CopyTo(ints, i * ItemLength);
        return NamedOnnxValue.CreateFromTensor(_inputName, new DenseTensor<int>(ints, Dims(n)));
    });

    private float[][] EncodeChunks<T>(IReadOnlyList<T[]> items, Func<IReadOnlyList<T[]>, int, NamedOnnxValue> input)
    {
        var results = new float[items.Count][];
        for (var start = 0; start < items.Count; start += MaxBatch)
        {
            var n = Math.Min(MaxBatch, items.Count - start);
            var chunk = new List<T[]>(n);
            for (var i = 0; i < n; i++)
            {
                if (items[start + i].Length != ItemLength) throw new ArgumentException($"Input of {items[start + i].Length} values; '{Path}' takes {ItemLength}.");
                chunk.Add(items[start + i]);
            }
            var rows = Run(input(chunk, n), n);
            for (var i = 0; i < n; i++) results[start + i] = rows[i];
        }
        return results;
    }

    private float[][] Run(NamedOnnxValue input, int n)
    {
        using var outputs = _session.Run(new[] { input }, new[] { _outputName });
        var flat = outputs[0].AsTensor<float>().ToArray();
        if (flat.Length != n * (Dim > 0 ? Dim : flat.Length / n)) throw new ModelValidationException(Path, $"output '{_outputName}' has {flat.Length} values for a batch of {n}.");
        var dim = flat.Length / n;
        var rows = new float[n][];
        for (var i = 0; i < n; i++)
        {
            rows[i] = flat.AsSpan(i * dim, dim).ToArray();
            OnnxSignature.Normalize(rows[i]);
        }
        return rows;
    }

    private int ProbeDim()
    {
        var n = 1;
        NamedOnnxValue input = _inputType == typeof(float) ? NamedOnnxValue.CreateFromTensor(_inputName, new DenseTensor<float>(new float[ItemLength], Dims(n)))
            : _inputType == typeof(long) ? NamedOnnxValue.CreateFromTensor(_inputName, new DenseTensor<long>(new long[ItemLength], Dims(n)))
            : NamedOnnxValue.CreateFromTensor(_inputName, new DenseTensor<int>(new int[ItemLength], Dims(n)));
        using var outputs = _session.Run(new[] { input }, new[] { _outputName });
        return outputs[0].AsTensor<float>().Length is var len and > 0 ? (int)len : throw new ModelValidationException(Path, $"output '{_outputName}' is empty.");
    }

    private int[] Dims(int n) => new[] { n }.Concat(_itemShape).ToArray();

    public void Dispose() => _session.Dispose();
}
