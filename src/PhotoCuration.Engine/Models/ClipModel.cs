using Microsoft.ML.OnnxRuntime;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// A loaded OpenCLIP model: image encoder (and text encoder with its tokenizer when present),
/// validated against the Immich graph I/O and against each other (same embedding dimension). Created
/// once per pipeline; the sessions are shared by every worker.
/// </summary>
public sealed class ClipModel : IDisposable
{
    public const string ImageInput = "image";
    public const string TextInput = "text";
    public const string EmbeddingOutput = "embedding";
    /// <summary>Recorded in each embedding's sidecar: Immich exports encode_image(normalize=True).</summary>
    public const string Pooling = "clip_pooled_l2";

    public ClipModel(ClipModelFolder folder, ExecutionProviderChoice provider, int maxBatch = 16, Action<string>? warn = null)
    {
        Folder = folder;
        var (embedDim, imageSize, contextLength) = folder.ReadConfig();
        Preprocess = folder.ReadPreprocess(imageSize);
        var s = Preprocess.Size;
        using var options = provider.CreateOptions(warn);
        Image = new OnnxEncoder(folder.VisualPath, options, ImageInput, EmbeddingOutput, new[] { typeof(float) }, new[] { 3, s, s }, embedDim, maxBatch);
        try
        {
            if (folder.HasTextual)
            {
                Text = new OnnxEncoder(folder.TextualPath, options, TextInput, EmbeddingOutput, new[] { typeof(int), typeof(long) }, new[] { contextLength }, embedDim, maxBatch);
                if (Text.Dim != Image.Dim) throw new ModelValidationException(folder.TextualPath, $"text embedding has {Text.Dim} values, the image encoder gives {Image.Dim}: the two encoders are not one model.");
                Tokenizer = folder.LoadTokenizer(contextLength);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
        Provider = provider;
    }

    public ClipModelFolder Folder { get; }
    public string Name => Folder.Name;
    public ClipPreprocessConfig Preprocess { get; }
    public OnnxEncoder Image { get; }
    public OnnxEncoder? Text { get; }
    public ClipTokenizer? Tokenizer { get; }
    public ExecutionProviderChoice Provider { get; }
    public int Dim => Image.Dim;

    /// <summary>L2-normalized text embeddings of the given prompts.</summary>
    public float[][] EncodeText(IReadOnlyList<string> prompts)
    {
        if (Text is null || Tokenizer is null) throw new InvalidOperationException($"'{Folder.Root}' has no text encoder (textual/model.onnx).");
        return Text.Encode(prompts.Select(Tokenizer.Tokenize).ToList());
    }

    public void Dispose()
    {
        Image?.Dispose();
        Text?.Dispose();
    }
}
