namespace PhotoCuration;

/// <summary>
/// What the face stage (<c>Find-PhotoFace</c>) found in one photo: its faces, largest first, and the
/// model that looked. <c>Model</c> is null when no face model is installed: the faces are then empty
/// because nobody looked, not because the frame has nobody in it.
/// </summary>
public sealed class PhotoFaces
{
    /// <summary>The face model (file name and the start of its SHA-256) that looked; null without one.</summary>
    public string? Model { get; set; }

    /// <summary>The faces, largest first.</summary>
    public PhotoFace[] Faces { get; set; } = System.Array.Empty<PhotoFace>();

    /// <summary>True when read from the cache.</summary>
    public bool FromCache { get; set; }
}
