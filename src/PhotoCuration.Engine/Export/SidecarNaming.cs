namespace PhotoCuration.Engine.Export;

/// <summary>
/// How a sidecar is named (docs/metadata.md#sidecars): <see cref="Adobe"/> <c>NAME.xmp</c> (Lightroom,
/// Bridge, Camera Raw), <see cref="Darktable"/> <c>NAME.EXT.xmp</c> (darktable, digiKam; one sidecar per
/// file when a RAW and a JPEG share a name).
/// </summary>
public enum SidecarNaming
{
    Adobe,
    Darktable,
}
