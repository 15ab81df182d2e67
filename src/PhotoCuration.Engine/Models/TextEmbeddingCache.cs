using System.Collections.Concurrent;
using System.Globalization;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// Text embeddings of prompt sets (the 50 labels, CLIP-IQA pairs, a theme's mood), per model: in memory
/// for the pipeline and on disk under <c>data/emb/text/</c> as a [classes, dim] float32 <c>.npy</c>, keyed
/// by the model's identity (name, encoder size and time) and the exact prompts, so a re-run or a
/// second pipeline does not run the text encoder again.
/// </summary>
public sealed class TextEmbeddingCache
{
    private readonly ClipModel _model;
    private readonly string _identity;
    private readonly ConcurrentDictionary<string, Lazy<float[][]>> _memory = new(StringComparer.Ordinal);

    public TextEmbeddingCache(ClipModel model)
    {
        _model = model;
        var text = new FileInfo(model.Folder.TextualPath);
        _identity = Hashing.Of(model.Name, text.Exists ? text.Length.ToString(CultureInfo.InvariantCulture) : "-",
            text.Exists ? text.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture) : "-");
    }

    /// <summary>Runs of the text encoder so far (a cache hit runs none).</summary>
    public int EncoderRuns => Volatile.Read(ref _encoderRuns);
    private int _encoderRuns;

    /// <summary>
    /// One embedding per class: each class's templates encoded, normalized, averaged and normalized
    /// again (OpenCLIP build_zero_shot_classifier).
    /// </summary>
    public float[][] Classes(IReadOnlyList<string> classes, IReadOnlyList<string> templates, string? cacheDir)
    {
        var key = Hashing.Of(new[] { _identity, string.Join("\u0001", templates), "\u0002" }.Concat(classes).ToArray());
        return _memory.GetOrAdd(key, _ => new Lazy<float[][]>(() => LoadOrEncode(key, classes, templates, cacheDir))).Value;
    }

    private float[][] LoadOrEncode(string key, IReadOnlyList<string> classes, IReadOnlyList<string> templates, string? cacheDir)
    {
        var path = cacheDir is null ? null : Path.Combine(cacheDir, $"{Sanitize(_model.Name)}-{key[..16]}.npy");
        if (path is not null && File.Exists(path))
        {
            try
            {
                var (data, shape) = NpyFile.Read(path);
                if (shape.Length == 2 && shape[0] == classes.Count && shape[1] == _model.Dim) return Rows(data, shape[0], shape[1]);
            }
            catch (InvalidDataException) { /* damaged cache entry: recompute and overwrite */ }
        }
        var prompts = classes.SelectMany(c => templates.Select(t => string.Format(CultureInfo.InvariantCulture, t, c))).ToList();
        var encoded = _model.EncodeText(prompts);
        Interlocked.Increment(ref _encoderRuns);
        var result = new float[classes.Count][];
        for (var c = 0; c < classes.Count; c++)
        {
            var mean = new float[_model.Dim];
            for (var t = 0; t < templates.Count; t++)
            {
                var e = encoded[c * templates.Count + t];
                for (var d = 0; d < mean.Length; d++) mean[d] += e[d];
            }
            OnnxSignature.Normalize(mean);
            result[c] = mean;
        }
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            NpyFile.Write(path, result.SelectMany(r => r).ToArray(), classes.Count, _model.Dim);
        }
        return result;
    }

    private static float[][] Rows(float[] data, int rows, int cols) =>
        Enumerable.Range(0, rows).Select(r => data.AsSpan(r * cols, cols).ToArray()).ToArray();

    private static string Sanitize(string name) => string.Concat(name.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_'));
}
