namespace PhotoCuration;

/// <summary>A model found by <c>Get-PhotoModel</c>: what it is, what it takes and where it would run.</summary>
public sealed class PhotoModel
{
    /// <summary>clip, aesthetic, brisque, faces (the BlazeFace detector) or eye-state.</summary>
    public string Kind { get; set; } = "";
    /// <summary>Model name (the folder or file name).</summary>
    public string Name { get; set; } = "";
    /// <summary>The model's folder or file.</summary>
    public string Path { get; set; } = "";
    /// <summary>The models folder it was found in.</summary>
    public string Root { get; set; } = "";
    /// <summary>Where the root came from: ModelPath, Environment (PHOTOCURATION_MODELS) or Module.</summary>
    public string Source { get; set; } = "";
    /// <summary>Image side in pixels for image encoders; null otherwise.</summary>
    public int? InputSize { get; set; }
    /// <summary>Input shape as the model declares it, e.g. [1, 3, 224, 224].</summary>
    public string InputShape { get; set; } = "";
    /// <summary>Embedding dimension (CLIP) or the embedding size the head takes; null for BRISQUE.</summary>
    public int? EmbeddingDim { get; set; }
    /// <summary>True when a text encoder and tokenizer are present (labels, CLIP-IQA, mood).</summary>
    public bool HasText { get; set; }
    /// <summary>Execution provider it would run on: CUDA, DirectML, CoreML or CPU.</summary>
    public string Provider { get; set; } = "";
    /// <summary>True when Get-PhotoFeatures would use it (the first of its kind in the search order).</summary>
    public bool Selected { get; set; }
    /// <summary>Null when the model loads and validates; else what is wrong.</summary>
    public string? Error { get; set; }
}
