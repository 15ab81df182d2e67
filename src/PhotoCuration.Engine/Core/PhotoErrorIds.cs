namespace PhotoCuration.Engine.Core;

/// <summary>
/// Every stable error id the engine reports (the cmdlet adds the <c>PhotoCuration.</c> prefix), in one
/// place, so scripts and the stage documents' <c>errors</c> lists can match on them.
/// </summary>
public static class PhotoErrorIds
{
    // A file that is no usable photo.
    public const string FileNotFound = "FileNotFound";
    public const string NotAFile = "NotAFile";
    /// <summary>A named pipe, socket or device: never opened (a pipe blocks the reader until a writer comes).</summary>
    public const string NotARegularFile = "NotARegularFile";
    /// <summary>A name whose bytes are not UTF-8, so it cannot be opened by name; the message gives the bytes.</summary>
    public const string FileNameNotUtf8 = "FileNameNotUtf8";
    /// <summary>A folder link back to a folder the scan is inside of (<c>loop -&gt; .</c>); not followed, reported once.</summary>
    public const string DirectoryLoop = "DirectoryLoop";
    public const string AccessDenied = "AccessDenied";
    public const string FileUnreadable = "FileUnreadable";
    public const string EmptyFile = "EmptyFile";
    public const string NotAnImage = "NotAnImage";
    public const string UnsupportedFormat = "UnsupportedFormat";
    public const string CorruptImage = "CorruptImage";
    public const string TruncatedImage = "TruncatedImage";
    public const string PixelLimitExceeded = "PixelLimitExceeded";
    public const string CorruptMetadata = "CorruptMetadata";
    public const string FileChanged = "FileChanged";
    /// <summary>An original recorded as <c>name:/path</c> whose library has no root on this machine (docs/distributed.md#library-relative-paths).</summary>
    public const string UnknownLibrary = "UnknownLibrary";
    /// <summary>An original recorded as <c>name:/path</c> that climbs out of its library (<c>..</c>) or names no file in it.</summary>
    public const string OutsideLibrary = "OutsideLibrary";
    public const string DecodeFailed = "DecodeFailed";
    public const string DecodeTimedOut = "DecodeTimedOut";
    public const string WriteFailed = "WriteFailed";

    /// <summary>Any failure that is not a known problem of the photo (a bug, an I/O failure of the workspace).</summary>
    public const string UnexpectedError = "UnexpectedError";

    // A photo a stage cannot take yet: an earlier stage has not run on it.
    /// <summary>Get-PhotoFeatures got a photo without a standardized image.</summary>
    public const string NotPreprocessed = "NotPreprocessed";
    /// <summary>Measure-PhotoScore, Group-PhotoMoment or Select-CuratedSet got a photo without features or score.</summary>
    public const string NotMeasured = "NotMeasured";

    // Import-PhotoStage: a stage document that cannot be read back.
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
