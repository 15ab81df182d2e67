using System.Text.Json;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// An OpenCLIP model in the Immich ONNX layout (docs/algorithms.md#clip-model-folder-and-tokenizer; immich-app/immich machine-learning):
/// <code>
/// &lt;name&gt;/config.json                 open_clip config: embed_dim, vision_cfg.image_size, text_cfg.context_length
/// &lt;name&gt;/visual/model.onnx           "image" float32 [1,3,S,S] → "embedding"
/// &lt;name&gt;/visual/preprocess_cfg.json  size, mean, std, interpolation, resize_mode (optional)
/// &lt;name&gt;/textual/model.onnx          "text" int32 [1,77] → "embedding"
/// &lt;name&gt;/textual/tokenizer.json      HF tokenizer (or vocab.json + merges.txt, or bpe_simple_vocab_16e6.txt.gz)
/// </code>
/// Only locates and parses files; sessions are opened by the encoders.
/// </summary>
public sealed class ClipModelFolder
{
    private ClipModelFolder(string root) => Root = root;

    public string Root { get; }
    public string Name => new DirectoryInfo(Root).Name;
    public string VisualPath => Path.Combine(Root, "visual", "model.onnx");
    public string TextualPath => Path.Combine(Root, "textual", "model.onnx");
    public string ConfigPath => Path.Combine(Root, "config.json");
    public string PreprocessConfigPath => Path.Combine(Root, "visual", "preprocess_cfg.json");

    /// <summary>A folder is a CLIP model when it has visual/model.onnx.</summary>
    public static bool IsClipFolder(string dir) => File.Exists(Path.Combine(dir, "visual", "model.onnx"));

    public static ClipModelFolder Open(string dir) =>
        IsClipFolder(dir) ? new ClipModelFolder(Path.GetFullPath(dir)) : throw new ModelValidationException(Path.Combine(dir, "visual", "model.onnx"), "the file is missing: not an OpenCLIP model folder in the Immich layout.");

    public bool HasTextual => File.Exists(TextualPath);

    /// <summary>embed_dim, vision_cfg.image_size and text_cfg.context_length from config.json; nulls when absent.</summary>
    public (int? EmbedDim, int? ImageSize, int ContextLength) ReadConfig()
    {
        if (!File.Exists(ConfigPath)) return (null, null, 77);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(ConfigPath), new JsonDocumentOptions { AllowTrailingCommas = true });
            var root = doc.RootElement;
            int? embed = root.TryGetProperty("embed_dim", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt32() : null;
            int? image = null;
            if (root.TryGetProperty("vision_cfg", out var v) && v.TryGetProperty("image_size", out var s))
            {
                image = s.ValueKind == JsonValueKind.Array ? s[0].GetInt32() : s.GetInt32();
            }
            var context = root.TryGetProperty("text_cfg", out var t) && t.TryGetProperty("context_length", out var c) ? c.GetInt32() : 77;
            return (embed, image, context);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new ModelValidationException(ConfigPath, $"not a valid open_clip config.json: {ex.Message}", ex);
        }
    }

    public ClipPreprocessConfig ReadPreprocess(int? configImageSize)
    {
        try { return ClipPreprocessConfig.Read(File.Exists(PreprocessConfigPath) ? PreprocessConfigPath : null, configImageSize); }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException or FormatException)
        {
            throw new ModelValidationException(PreprocessConfigPath, ex.Message, ex);
        }
    }

    /// <summary>The tokenizer from the files next to the text encoder (or at the model root).</summary>
    public ClipTokenizer LoadTokenizer(int contextLength)
    {
        foreach (var dir in new[] { Path.Combine(Root, "textual"), Root })
        {
            var pad = ReadPadToken(Path.Combine(dir, "tokenizer_config.json"));
            var json = Path.Combine(dir, "tokenizer.json");
            try
            {
                if (File.Exists(json)) return ClipTokenizer.FromTokenizerJson(json, contextLength, pad);
                var vocab = Path.Combine(dir, "vocab.json");
                var merges = Path.Combine(dir, "merges.txt");
                if (File.Exists(vocab) && File.Exists(merges)) return ClipTokenizer.FromVocabAndMerges(vocab, merges, contextLength, pad);
                foreach (var name in new[] { "bpe_simple_vocab_16e6.txt.gz", "bpe_simple_vocab_16e6.txt" })
                {
                    if (File.Exists(Path.Combine(dir, name))) return ClipTokenizer.FromOpenAiVocab(Path.Combine(dir, name), contextLength);
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                throw new ModelValidationException(json, $"the tokenizer cannot be read: {ex.Message}", ex);
            }
        }
        throw new ModelValidationException(Path.Combine(Root, "textual", "tokenizer.json"), "the file is missing (no tokenizer.json, vocab.json + merges.txt or bpe_simple_vocab_16e6.txt.gz): the text encoder needs its tokenizer.");
    }

    private static string? ReadPadToken(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!doc.RootElement.TryGetProperty("pad_token", out var pad)) return null;
            // Either "<|endoftext|>" or an AddedToken object {"content": ...}.
            return pad.ValueKind == JsonValueKind.String ? pad.GetString() : pad.TryGetProperty("content", out var c) ? c.GetString() : null;
        }
        catch (JsonException ex)
        {
            throw new ModelValidationException(path, $"not valid JSON: {ex.Message}", ex);
        }
    }
}
