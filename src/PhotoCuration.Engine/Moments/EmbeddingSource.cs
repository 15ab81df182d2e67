using PhotoCuration.Engine.Models;

namespace PhotoCuration.Engine.Moments;

/// <summary>
/// The CLIP embedding of a photo for grouping and selection, read from its <c>.npy</c> under data/emb
/// when Get-PhotoFeatures ran with a model. All photos of one run must come from one model: when they
/// do not (or a file is missing or unreadable), no photo gets an embedding and the hashes and palettes
/// decide, so one stale file never mixes two similarity scales.
/// </summary>
public static class EmbeddingSource
{
    public static Func<Photo, float[]?> For(IReadOnlyCollection<Photo> photos)
    {
        var models = photos.Select(p => p.Features?.EmbeddingModel).Distinct(StringComparer.Ordinal).ToList();
        if (models.Count != 1 || models[0] is null) return _ => null;
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var photo in photos)
        {
            if (vectors.ContainsKey(photo.PhotoId)) continue;
            var path = photo.Features!.EmbeddingPath;
            try
            {
                if (path is null || !File.Exists(path)) return _ => null;
                vectors[photo.PhotoId] = NpyFile.ReadVector(path);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
            {
                return _ => null;
            }
        }
        return p => vectors.GetValueOrDefault(p.PhotoId);
    }
}
