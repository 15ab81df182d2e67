using System.Text.Json;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// OpenCLIP image preprocessing (docs/algorithms.md#clip-features): size, mean and std, interpolation and resize mode,
/// read from the Immich folder's <c>visual/preprocess_cfg.json</c> or <c>config.json</c>
/// (vision_cfg.image_size), with the OpenAI defaults (open_clip constants.py) when absent.
/// </summary>
public sealed record ClipPreprocessConfig(int Size, float[] Mean, float[] Std, string Interpolation, string ResizeMode)
{
    /// <summary>OPENAI_DATASET_MEAN / OPENAI_DATASET_STD (mlfoundations/open_clip:src/open_clip/constants.py).</summary>
    public static readonly float[] OpenAiMean = { 0.48145466f, 0.4578275f, 0.40821073f };
    public static readonly float[] OpenAiStd = { 0.26862954f, 0.26130258f, 0.27577711f };

    public static ClipPreprocessConfig Default(int size = 224) => new(size, OpenAiMean, OpenAiStd, "bicubic", "shortest");

    /// <summary>preprocess_cfg.json as written by open_clip.get_model_preprocess_cfg (keys size, mean, std, interpolation, resize_mode).</summary>
    public static ClipPreprocessConfig Read(string? preprocessCfgPath, int? configImageSize)
    {
        var fallback = Default(configImageSize ?? 224);
        if (preprocessCfgPath is null || !File.Exists(preprocessCfgPath)) return fallback;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(preprocessCfgPath));
        var root = doc.RootElement;
        var size = fallback.Size;
        if (root.TryGetProperty("size", out var s))
        {
            size = s.ValueKind == JsonValueKind.Array ? s[0].GetInt32() : s.GetInt32();
        }
        var mean = Triple(root, "mean", preprocessCfgPath) ?? fallback.Mean;
        var std = Triple(root, "std", preprocessCfgPath) ?? fallback.Std;
        if (std.Any(v => v <= 0)) throw new InvalidDataException($"'{preprocessCfgPath}': std must be positive.");
        var interpolation = root.TryGetProperty("interpolation", out var i) ? i.GetString() ?? "bicubic" : "bicubic";
        var mode = root.TryGetProperty("resize_mode", out var m) ? m.GetString() ?? "shortest" : "shortest";
        if (mode is not ("shortest" or "squash" or "longest")) throw new InvalidDataException($"'{preprocessCfgPath}': resize_mode '{mode}' is not shortest, squash or longest.");
        return new ClipPreprocessConfig(size, mean, std, interpolation, mode);
    }

    private static float[]? Triple(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out var e)) return null;
        var values = e.EnumerateArray().Select(v => v.GetSingle()).ToArray();
        return values.Length == 3 ? values : throw new InvalidDataException($"'{path}': {name} must have 3 values.");
    }
}
