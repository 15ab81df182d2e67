namespace PhotoCuration.Engine.Export.Xmp;

/// <summary>Where a file's XMP goes: inside it (JPEG, PNG, TIFF, DNG), or in a sidecar (other RAW files, GIF, WebP, …).</summary>
public enum XmpContainerKind
{
    Sidecar,
    Jpeg,
    Png,
    Tiff,
}

/// <summary>
/// Chooses and runs the embedding for a photo (docs/metadata.md#embedded): Lightroom Classic reads XMP
/// from inside JPEG, TIFF, PNG and DNG files and ignores sidecars beside them; proprietary RAW files are
/// never rewritten, so they get a sidecar.
/// </summary>
public static class XmpContainer
{
    /// <summary>The container kind for a photo's format label (<c>Jpeg</c>, <c>Png</c>, <c>Tiff</c>, <c>Raw:DNG</c>, …).</summary>
    public static XmpContainerKind For(string format) => format switch
    {
        "Jpeg" => XmpContainerKind.Jpeg,
        "Png" => XmpContainerKind.Png,
        "Tiff" or "Raw:DNG" => XmpContainerKind.Tiff,
        _ => XmpContainerKind.Sidecar,
    };

    /// <summary>The XMP packet already inside the file, or null.</summary>
    public static string? Read(XmpContainerKind kind, byte[] file) => kind switch
    {
        XmpContainerKind.Jpeg => JpegXmp.Read(file),
        XmpContainerKind.Png => PngXmp.Read(file),
        XmpContainerKind.Tiff => TiffXmp.Read(file),
        _ => null,
    };

    /// <summary>The file with <paramref name="fields"/> merged into its own XMP (or a new packet).</summary>
    public static byte[] Embed(XmpContainerKind kind, byte[] file, XmpFields fields)
    {
        var xml = XmpDocument.Build(fields, Read(kind, file));
        return kind switch
        {
            XmpContainerKind.Jpeg => JpegXmp.Write(file, FitPacket(xml, JpegXmp.MaxPacket)),
            XmpContainerKind.Png => PngXmp.Write(file, XmpPacket.Wrap(xml)),
            XmpContainerKind.Tiff => TiffXmp.Write(file, XmpPacket.Wrap(xml)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Sidecar formats are not embedded."),
        };
    }

    /// <summary>The packet with as much padding as still fits the limit (none when the XML alone nearly fills it).</summary>
    private static byte[] FitPacket(string xml, int limit)
    {
        var bare = XmpPacket.Wrap(xml, 0);
        return XmpPacket.Wrap(xml, Math.Clamp(limit - bare.Length, 0, XmpPacket.DefaultPadding));
    }
}
