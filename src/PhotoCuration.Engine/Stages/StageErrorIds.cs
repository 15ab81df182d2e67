namespace PhotoCuration.Engine.Stages;

/// <summary>Stable error ids of Import-PhotoStage (reported through <see cref="Ingest.PhotoInputException"/>).</summary>
public static class StageErrorIds
{
    /// <summary>The stage file itself does not exist.</summary>
    public const string StageFileNotFound = "StageFileNotFound";
    /// <summary>Not JSON, not an object, or a field of the wrong type.</summary>
    public const string MalformedStageJson = "MalformedStageJson";
    /// <summary>The document's stage is not one Import-PhotoStage can rebuild.</summary>
    public const string UnknownStage = "UnknownStage";
    /// <summary>A stage file the document builds on (same batch, same workspace) is missing.</summary>
    public const string EarlierStageMissing = "EarlierStageMissing";
    /// <summary>A photo of the document is absent from an earlier stage file of its batch.</summary>
    public const string PhotoNotInEarlierStage = "PhotoNotInEarlierStage";
}
