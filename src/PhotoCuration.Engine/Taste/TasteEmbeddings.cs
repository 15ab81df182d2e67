using System.Collections.Concurrent;
using PhotoCuration.Engine.Models;

namespace PhotoCuration.Engine.Taste;

/// <summary>
/// A photo's CLIP image embedding for the taste (docs/algorithms.md#taste-over-clip-embeddings), read from its
/// <c>.npy</c> once per file version: the learner and the scorecard score the same photo many times.
/// Null when the photo has none, it comes from another model, or the file cannot be read.
/// </summary>
public static class TasteEmbeddings
{
    private static readonly ConcurrentDictionary<(string Path, long Ticks, long Length), float[]?> Cache = new();

    public static float[]? Of(PhotoFeatures f, string? model = null)
    {
        if (f.EmbeddingPath is not { } path || f.EmbeddingModel is null || (model is not null && f.EmbeddingModel != model)) return null;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return null;
            return Cache.GetOrAdd((info.FullName, info.LastWriteTimeUtc.Ticks, info.Length), _ => Read(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static float[]? Read(string path)
    {
        try
        {
            return NpyFile.ReadVector(path);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
