using System.Buffers.Binary;

namespace PhotoCuration.Engine.Ingest.Raw;

/// <summary>
/// Canon CR3 is ISO base media (ISO/IEC 14496-12). Its JPEGs: THMB (160×120) in the Canon 'uuid' box
/// of moov, PRVW (about 1620×1080) in the preview 'uuid' box at top level, and the full-size JPEG
/// that is the first sample of the first track in mdat (found from the track's stco/co64 and stsz).
/// The layout follows the reverse-engineered description in lclevy/canon_cr3 (the one LibRaw and
/// ExifTool use). Every candidate is checked as a JPEG afterwards, so the raw tracks (CRX) fall out.
/// </summary>
internal static class Cr3PreviewScanner
{
    private static readonly Guid CanonUuid = new("85c0b687-820f-11e0-8111-f4ce462b6a48");
    private static readonly Guid PreviewUuid = new("eaf42b5e-1c98-4b88-b9fb-b7dc406e4d16");
    private static readonly HashSet<string> Containers = new(StringComparer.Ordinal) { "moov", "trak", "mdia", "minf", "stbl" };

    private const int MaxBoxes = 4096;
    private const int MaxDepth = 8;

    public static IEnumerable<(long Offset, long Length, string Source)> Candidates(BoundedReader reader)
    {
        var results = new List<(long, long, string)>();
        var budget = MaxBoxes;
        var track = 0;
        Walk(reader, 0, reader.Length, 0, results, ref budget, ref track, null);
        return results;
    }

    /// <summary>Per-track sample tables, filled while walking a trak box.</summary>
    private sealed class Track
    {
        public long? FirstChunk;
        public long? FirstSampleSize;
    }

    private static void Walk(BoundedReader reader, long start, long end, int depth, List<(long, long, string)> results, ref int budget, ref int trackNumber, Track? track)
    {
        var position = start;
        while (position + 8 <= end && budget-- > 0)
        {
            var head = reader.TryRead(position, 8);
            if (head is null) return;
            long size = BinaryPrimitives.ReadUInt32BigEndian(head);
            var type = System.Text.Encoding.ASCII.GetString(head, 4, 4);
            var headerSize = 8L;
            if (size == 1)
            {
                var large = reader.TryRead(position + 8, 8);
                if (large is null) return;
                var value = BinaryPrimitives.ReadUInt64BigEndian(large);
                if (value > long.MaxValue) return;
                size = (long)value;
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = end - position;                        // box runs to the end of its parent
            }
            if (size < headerSize || size > end - position) return; // damaged box: stop at this level
            var payload = position + headerSize;
            var payloadEnd = position + size;

            if (depth < MaxDepth && type == "trak")
            {
                var t = new Track();
                trackNumber++;
                var number = trackNumber;
                Walk(reader, payload, payloadEnd, depth + 1, results, ref budget, ref trackNumber, t);
                if (t.FirstChunk is { } chunk && t.FirstSampleSize is { } sampleSize)
                {
                    results.Add((chunk, sampleSize, $"track {number} first sample"));
                }
            }
            else if (depth < MaxDepth && Containers.Contains(type))
            {
                Walk(reader, payload, payloadEnd, depth + 1, results, ref budget, ref trackNumber, track);
            }
            else if (depth < MaxDepth && type == "uuid" && reader.TryRead(payload, 16) is { } id)
            {
                var uuid = new Guid(id, bigEndian: true);
                // The preview uuid holds 8 bytes of its own before its PRVW box.
                if (uuid == CanonUuid) Walk(reader, payload + 16, payloadEnd, depth + 1, results, ref budget, ref trackNumber, track);
                else if (uuid == PreviewUuid) Walk(reader, payload + 24, payloadEnd, depth + 1, results, ref budget, ref trackNumber, track);
            }
            else if (type is "THMB" or "PRVW")
            {
                // The JPEG follows a short header (version, size fields); find its SOI rather than
                // trusting one header layout, and let it run to the box end.
                var window = reader.ReadUpTo(payload, (int)Math.Min(64, payloadEnd - payload));
                var soi = window.AsSpan().IndexOf(new byte[] { 0xFF, 0xD8, 0xFF });
                if (soi >= 0) results.Add((payload + soi, payloadEnd - payload - soi, type));
            }
            else if (track is not null && type is "stco" or "co64")
            {
                // version/flags (4), entry count (4), then 32- or 64-bit chunk offsets.
                var entry = reader.TryRead(payload + 4, type == "stco" ? 8 : 12);
                if (entry is not null && BinaryPrimitives.ReadUInt32BigEndian(entry) > 0)
                {
                    track.FirstChunk = type == "stco" ? BinaryPrimitives.ReadUInt32BigEndian(entry.AsSpan(4)) : (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(entry.AsSpan(4)), long.MaxValue);
                }
            }
            else if (track is not null && type == "stsz")
            {
                // version/flags (4), sample size (4; 0 = per-sample table), count (4), then sizes.
                var fields = reader.TryRead(payload + 4, 12);
                if (fields is not null)
                {
                    var fixedSize = BinaryPrimitives.ReadUInt32BigEndian(fields);
                    var count = BinaryPrimitives.ReadUInt32BigEndian(fields.AsSpan(4));
                    if (fixedSize != 0) track.FirstSampleSize = fixedSize;
                    else if (count > 0) track.FirstSampleSize = BinaryPrimitives.ReadUInt32BigEndian(fields.AsSpan(8));
                }
            }
            position = payloadEnd;
        }
    }
}

/// <summary>
/// The EXIF of a CR3 sits in the Canon 'uuid' box of moov as TIFF structures: CMT1 = IFD0,
/// CMT2 = Exif IFD, CMT3 = Canon maker notes, CMT4 = GPS IFD (lclevy/canon_cr3).
/// </summary>
internal static class Cr3MetadataBoxes
{
    private static readonly Guid CanonUuid = new("85c0b687-820f-11e0-8111-f4ce462b6a48");
    private const int MaxBoxes = 1024;
    private const int MaxTiffBytes = 4 << 20;

    public static Dictionary<string, byte[]> Read(BoundedReader reader)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var budget = MaxBoxes;
        foreach (var (type, payload, end) in Boxes(reader, 0, reader.Length, () => budget-- > 0))
        {
            if (type != "moov") continue;
            foreach (var (inner, innerPayload, innerEnd) in Boxes(reader, payload, end, () => budget-- > 0))
            {
                if (inner != "uuid" || reader.TryRead(innerPayload, 16) is not { } id || new Guid(id, bigEndian: true) != CanonUuid) continue;
                foreach (var (box, boxPayload, boxEnd) in Boxes(reader, innerPayload + 16, innerEnd, () => budget-- > 0))
                {
                    if (box is "CMT1" or "CMT2" or "CMT4" && boxEnd - boxPayload <= MaxTiffBytes && reader.TryRead(boxPayload, boxEnd - boxPayload) is { } bytes)
                    {
                        found.TryAdd(box, bytes);
                    }
                }
            }
        }
        return found;
    }

    private static IEnumerable<(string Type, long Payload, long End)> Boxes(BoundedReader reader, long start, long end, Func<bool> budget)
    {
        var position = start;
        while (position + 8 <= end && budget())
        {
            var head = reader.TryRead(position, 8);
            if (head is null) yield break;
            long size = BinaryPrimitives.ReadUInt32BigEndian(head);
            if (size < 8 || size > end - position) yield break; // 64-bit and to-the-end sizes do not occur in moov
            yield return (System.Text.Encoding.ASCII.GetString(head, 4, 4), position + 8, position + size);
            position += size;
        }
    }
}
