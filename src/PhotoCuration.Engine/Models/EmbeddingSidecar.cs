using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Models;

/// <summary>
/// Metadata written beside each embedding <c>.npy</c> (<c>&lt;name&gt;.json</c>): which model made it, its
/// dimension and how it was pooled, so a reader never compares vectors from different spaces.
/// </summary>
public sealed class EmbeddingSidecar
{
    public string ModelName { get; set; } = "";
    public int Dim { get; set; }
    /// <summary>How the vector was formed: the encoder's own pooled output, L2-normalized.</summary>
    public string Pooling { get; set; } = "";
    public string Dtype { get; set; } = "float32";

    public static string PathFor(string npyPath) => Path.ChangeExtension(npyPath, ".json");

    /// <summary>Writes the vector and its sidecar (both atomically).</summary>
    public static void Save(string npyPath, float[] embedding, string modelName, string pooling)
    {
        NpyFile.Write(npyPath, embedding, embedding.Length);
        StageJson.Write(PathFor(npyPath), new EmbeddingSidecar { ModelName = modelName, Dim = embedding.Length, Pooling = pooling });
    }

    /// <summary>Reads a vector back with its sidecar; a dimension that disagrees is an error.</summary>
    public static (float[] Embedding, EmbeddingSidecar Meta) Load(string npyPath)
    {
        var vector = NpyFile.ReadVector(npyPath);
        var meta = StageJson.Read<EmbeddingSidecar>(PathFor(npyPath)) ?? throw new InvalidDataException($"'{PathFor(npyPath)}' is empty.");
        if (meta.Dim != vector.Length) throw new InvalidDataException($"'{npyPath}' holds {vector.Length} values but its sidecar says dim {meta.Dim}.");
        return (vector, meta);
    }
}
