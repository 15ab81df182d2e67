namespace PhotoCuration.Engine.Faces;

/// <summary>
/// Whether a face's eyes are open. <see cref="Unknown"/> when no eye model is installed or the eyes are
/// too small to judge: "can't tell" is a state of its own and never counts against a photo.
/// </summary>
public enum EyeState
{
    Unknown,
    Open,
    Closed,
}
