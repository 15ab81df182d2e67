using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// Checks an ONNX session's inputs and outputs against what the code will feed it, so a wrong model
/// fails at load with a message naming the file and the mismatch (input name, dtype, shape) instead of
/// failing inside the first inference.
/// </summary>
public static class OnnxSignature
{
    /// <summary>Creates a session, turning a corrupt or unreadable file into a <see cref="ModelValidationException"/>.</summary>
    public static InferenceSession Open(string path, SessionOptions options)
    {
        if (!File.Exists(path)) throw new ModelValidationException(path, "the file is missing.");
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelValidationException(path, $"ONNX Runtime cannot load it: {e.Message}", e);
        }
    }

    /// <summary>
    /// The one input the code feeds: its name, element type and rank; fixed dimensions are checked
    /// against <paramref name="expected"/> (−1 = any; symbolic dimensions in the model are accepted).
    /// </summary>
    public static NodeMetadata Input(InferenceSession session, string path, string name, Type[] elementTypes, int[] expected)
    {
        if (!session.InputMetadata.TryGetValue(name, out var meta))
        {
            throw new ModelValidationException(path, $"expected input '{name}', the model has {Describe(session.InputMetadata)}.");
        }
        CheckTensor(path, "input", name, meta, elementTypes, expected);
        var extra = session.InputMetadata.Keys.Where(k => k != name).ToList();
        if (extra.Count > 0) throw new ModelValidationException(path, $"expected the single input '{name}', the model also needs {string.Join(", ", extra.Select(k => $"'{k}'"))}.");
        return meta;
    }

    public static NodeMetadata Output(InferenceSession session, string path, string? name, int[] expected)
    {
        NodeMetadata meta;
        if (name is null)
        {
            if (session.OutputMetadata.Count != 1) throw new ModelValidationException(path, $"expected one output, the model has {Describe(session.OutputMetadata)}.");
            (name, meta) = session.OutputMetadata.First();
        }
        else if (!session.OutputMetadata.TryGetValue(name, out meta!))
        {
            throw new ModelValidationException(path, $"expected output '{name}', the model has {Describe(session.OutputMetadata)}.");
        }
        CheckTensor(path, "output", name, meta, new[] { typeof(float) }, expected);
        return meta;
    }

    private static void CheckTensor(string path, string role, string name, NodeMetadata meta, Type[] elementTypes, int[] expected)
    {
        if (!meta.IsTensor) throw new ModelValidationException(path, $"{role} '{name}' is not a tensor.");
        if (!elementTypes.Contains(meta.ElementType))
        {
            throw new ModelValidationException(path, $"{role} '{name}' has dtype {TypeName(meta.ElementType)}, expected {string.Join(" or ", elementTypes.Select(TypeName))}.");
        }
        var dims = meta.Dimensions;
        var shape = Shape(meta);
        if (dims.Length != expected.Length)
        {
            throw new ModelValidationException(path, $"{role} '{name}' has shape {shape}, expected rank {expected.Length} {Shape(expected)}.");
        }
        for (var i = 0; i < dims.Length; i++)
        {
            if (expected[i] >= 0 && dims[i] > 0 && dims[i] != expected[i])
            {
                throw new ModelValidationException(path, $"{role} '{name}' has shape {shape}, expected {Shape(expected)} (dimension {i} is {dims[i]}, not {expected[i]}).");
            }
        }
    }

    /// <summary>Batch size a model accepts: its fixed first dimension, or null when that is dynamic.</summary>
    public static int? FixedBatch(NodeMetadata meta) => meta.Dimensions.Length > 0 && meta.Dimensions[0] > 0 ? meta.Dimensions[0] : null;

    public static string Shape(NodeMetadata meta) =>
        "[" + string.Join(", ", meta.Dimensions.Select((d, i) => d > 0 ? d.ToString() : (meta.SymbolicDimensions.ElementAtOrDefault(i) is { Length: > 0 } s ? s : "?"))) + "]";

    private static string Shape(int[] dims) => "[" + string.Join(", ", dims.Select(d => d >= 0 ? d.ToString() : "N")) + "]";

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
        nodes.Count == 0 ? "none" : string.Join(", ", nodes.Select(n => $"'{n.Key}' {TypeName(n.Value.ElementType)} {Shape(n.Value)}"));

    public static string TypeName(Type t) => t == typeof(float) ? "float32" : t == typeof(int) ? "int32" : t == typeof(long) ? "int64"
        : t == typeof(byte) ? "uint8" : t == typeof(double) ? "float64" : t.Name;

    /// <summary>L2 normalization in place (the encoders' outputs are normalized again so any export works).</summary>
    public static void Normalize(Span<float> v)
    {
        double sum = 0;
        foreach (var x in v) sum += (double)x * x;
        var norm = Math.Sqrt(sum);
        if (norm <= 0) return;
        for (var i = 0; i < v.Length; i++) v[i] = (float)(v[i] / norm);
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return (float)sum;
    }

    internal static DenseTensor<T> Tensor<T>(T[] data, params int[] dims) => new(data, dims);
}
