namespace PhotoCuration.Engine.Taste;

/// <summary>
/// The photographer's decision about one photo file (docs/algorithms.md#taste): from its sidecar when one
/// exists (<c>NAME.EXT.xmp</c>, as darktable and digiKam write it, before <c>NAME.xmp</c>, as Lightroom and
/// Capture One write it: a sidecar is what the editing tool wrote last), else from the XMP embedded in the
/// file. Damaged or foreign XMP is a <see cref="PhotoInputException"/> for that file only.
/// </summary>
public static class DecisionReader
{
    /// <summary>Sidecar paths tried for a photo, in order.</summary>
    public static IEnumerable<string> SidecarsOf(string photoPath)
    {
        yield return photoPath + ".xmp";
        yield return Path.ChangeExtension(photoPath, ".xmp");
    }

    /// <summary>The decision of a photo; a decision with nothing in it when it carries no XMP.</summary>
    public static PhotoDecision Read(string photoPath)
    {
        var full = Path.GetFullPath(photoPath);
        foreach (var sidecar in SidecarsOf(full))
        {
            if (!File.Exists(sidecar)) continue;
            return Parse(ReadSidecar(sidecar), full, sidecar, "sidecar");
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PhotoInputException(PhotoErrorIds.FileUnreadable, ex is UnauthorizedAccessException ? PhotoProblem.AccessDenied : PhotoProblem.Unreadable,
                full, $"'{full}' cannot be read for its decisions: {ex.Message}", ex);
        }
        string? packet;
        try
        {
            packet = XmpPacket.Extract(bytes);
        }
        catch (InvalidDataException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.CorruptMetadata, PhotoProblem.InvalidData, full, $"'{full}': cannot find its embedded XMP: {ex.Message}.", ex);
        }
        return packet is null
            ? new PhotoDecision(full, null, null, null, "none")
            : Parse(packet, full, full, "embedded-" + XmpPacket.Container(bytes));
    }

    private static string ReadSidecar(string sidecar)
    {
        try
        {
            return File.ReadAllText(sidecar);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PhotoInputException(PhotoErrorIds.FileUnreadable, ex is UnauthorizedAccessException ? PhotoProblem.AccessDenied : PhotoProblem.Unreadable,
                sidecar, $"'{sidecar}' cannot be read: {ex.Message}", ex);
        }
    }

    private static PhotoDecision Parse(string packet, string photo, string from, string source)
    {
        try
        {
            return XmpDecisionParser.Parse(packet, photo, source);
        }
        catch (InvalidDataException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.CorruptMetadata, PhotoProblem.InvalidData, from, $"'{from}': {ex.Message}; its decision is not read.", ex);
        }
    }
}
