namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// Inspects one listed entry of ingest — a file, or a RAW + JPEG pair — the same way wherever it runs
/// (<see cref="IngestRun"/> on this machine, a distributed worker on another). The RAW of a pair is the
/// photo; when the RAW cannot be used (no preview, a damaged file) the camera JPEG stands in for the
/// frame and the RAW's problem is returned beside it, to be reported.
/// </summary>
public static class EntryInspection
{
    /// <summary>What inspecting an entry gave: the photo, and the RAW's problem when its JPEG stood in.</summary>
    public sealed record Result(Photo Photo, PhotoInputException? ReplacedRaw);

    /// <exception cref="PhotoInputException">The entry's file (or both files of a pair) cannot be used.</exception>
    public static Result Inspect(string primary, string? companion, Func<string, Photo> inspectFile)
    {
        if (companion is null) return new Result(inspectFile(primary), null);
        try
        {
            var photo = inspectFile(primary);
            photo.CompanionPath = companion;
            return new Result(photo, null);
        }
        catch (PhotoInputException rawError) when (PhotoFormats.IsRawExtension(Path.GetExtension(primary)))
        {
            var standIn = inspectFile(companion);
            standIn.CompanionPath = primary;
            return new Result(standIn, rawError);
        }
    }
}
