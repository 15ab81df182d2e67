using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.IO;
using Directory = MetadataExtractor.Directory;
using MetadataExifReader = MetadataExtractor.Formats.Exif.ExifReader;

namespace PhotoCuration.Engine.Ingest.Raw;

/// <summary>
/// EXIF of a RAW file, from the RAW itself: MetadataExtractor reads the TIFF-based RAWs and RAF; a
/// CR3's EXIF is read from its CMT1/CMT2/CMT4 TIFF blocks. When the RAW carries none of the fields a
/// curator needs (no capture time and no camera), the embedded JPEG's own EXIF is used instead.
/// </summary>
public static class RawExif
{
    public static PhotoExif Read(Stream raw, PhotoFormat format, byte[] previewJpeg)
    {
        raw.Position = 0;
        var exif = format == PhotoFormat.CanonCr3 ? ReadCr3(raw) : ExifReader.Read(raw);
        if (exif.CaptureTimeLocal is null && exif.CameraMake is null && exif.CameraModel is null)
        {
            var fromPreview = ExifReader.Read(new MemoryStream(previewJpeg, writable: false));
            if (fromPreview.CaptureTimeLocal is not null || fromPreview.CameraMake is not null || fromPreview.CameraModel is not null)
            {
                fromPreview.Warnings.InsertRange(0, exif.Warnings);
                return fromPreview;
            }
        }
        return exif;
    }

    private static PhotoExif ReadCr3(Stream raw)
    {
        var directories = new List<Directory>();
        try
        {
            var blocks = RawPreviewLocator.Cr3ExifBlocks(raw);
            // Each block is a TIFF whose IFD0 holds the tags of one EXIF directory; re-home them in
            // the directory type the tags belong to, so the shared reader finds them.
            if (blocks.TryGetValue("CMT1", out var ifd0)) directories.AddRange(Parse(ifd0).OfType<ExifIfd0Directory>().Take(1));
            if (blocks.TryGetValue("CMT2", out var sub)) directories.AddRange(Parse(sub).OfType<ExifIfd0Directory>().Take(1).Select(d => Rehome(d, new ExifSubIfdDirectory())));
            if (blocks.TryGetValue("CMT4", out var gps)) directories.AddRange(Parse(gps).OfType<ExifIfd0Directory>().Take(1).Select(d => Rehome(d, new GpsDirectory())));
        }
        catch (Exception ex) when (ExifReader.IsMetadataFailure(ex))
        {
            var failed = new PhotoExif();
            failed.Warnings.Add("Metadata could not be read: " + ExifReader.Clean(ex.Message));
            return failed;
        }
        return ExifReader.Read(directories);
    }

    private static IReadOnlyList<Directory> Parse(byte[] tiff) => new MetadataExifReader().Extract(new ByteArrayReader(tiff));

    private static Directory Rehome(Directory from, Directory to)
    {
        foreach (var tag in from.Tags)
        {
            if (from.GetObject(tag.Type) is { } value) to.Set(tag.Type, value);
        }
        foreach (var error in from.Errors) to.AddError(error);
        return to;
    }
}
