using System.Buffers.Binary;

namespace PhotoCuration.Engine.Ingest.Raw;

/// <summary>
/// Finds the JPEGs a TIFF-based RAW (CR2, NEF, ARW, DNG, ORF, PEF, RW2, …) points at from its IFDs:
/// IFD0 and the chain after it, SubIFDs (0x014A) recursively, JPEGInterchangeFormat/Length
/// (0x0201/0x0202), single-strip StripOffsets/StripByteCounts (0x0111/0x0117) when Compression
/// (0x0103) is 6 (old-style JPEG) or 7 (JPEG), and Panasonic's JpgFromRaw (0x002E). Maker notes are
/// not parsed. TIFF 6.0, sections 2 and 22; TIFF/EP and DNG 1.6 for SubIFDs.
/// </summary>
internal static class TiffPreviewScanner
{
    private const int TagJpgFromRaw = 0x002E;       // Panasonic RW2 (Exif-like IFD0 of the RW2 container)
    private const int TagCompression = 0x0103;
    private const int TagStripOffsets = 0x0111;
    private const int TagStripByteCounts = 0x0117;
    private const int TagSubIfds = 0x014A;
    private const int TagJpegOffset = 0x0201;
    private const int TagJpegLength = 0x0202;

    // Bounds on what a hostile file can make us walk.
    private const int MaxIfds = 64;
    private const int MaxEntriesPerIfd = 1024;
    private const int MaxSubIfdsPerIfd = 16;
    private const int MaxDepth = 4;

    public static IEnumerable<(long Offset, long Length, string Source)> Candidates(BoundedReader reader)
    {
        var header = reader.TryRead(0, 8);
        if (header is null) yield break;
        bool little;
        if (header[0] == 'I' && header[1] == 'I') little = true;
        else if (header[0] == 'M' && header[1] == 'M') little = false;
        else yield break;
        // The magic number is 42 for TIFF, 'RO'/'RS' for ORF and 0x55 for RW2: any value is accepted,
        // the IFD offset is where TIFF puts it.
        var context = new Walk(reader, little);
        var first = context.UInt32(header, 4);
        foreach (var candidate in context.Chain(first, "IFD", 0)) yield return candidate;
    }

    private sealed class Walk
    {
        private readonly BoundedReader _reader;
        private readonly bool _little;
        private readonly HashSet<long> _visited = new();

        public Walk(BoundedReader reader, bool little)
        {
            _reader = reader;
            _little = little;
        }

        public uint UInt32(byte[] b, int at) => _little ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));
        private ushort UInt16(byte[] b, int at) => _little ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at));

        /// <summary>An IFD and the IFDs chained after it by their next-IFD offsets.</summary>
        public IEnumerable<(long, long, string)> Chain(long offset, string name, int depth)
        {
            var results = new List<(long, long, string)>();
            for (var index = 0; offset != 0 && index < MaxIfds; index++)
            {
                var label = depth == 0 ? $"{name}{index}" : $"{name}[{index}]";
                var next = ReadIfd(offset, label, depth, results);
                if (next is null) break;
                offset = next.Value;
            }
            return results;
        }

        /// <summary>Reads one IFD into <paramref name="results"/>; returns the next IFD offset, or null to stop.</summary>
        private long? ReadIfd(long offset, string label, int depth, List<(long, long, string)> results)
        {
            if (_visited.Count >= MaxIfds || !_visited.Add(offset)) return null; // loops and IFD floods
            var countBytes = _reader.TryRead(offset, 2);
            if (countBytes is null) return null;
            int count = UInt16(countBytes, 0);
            if (count == 0 || count > MaxEntriesPerIfd) return null;
            var table = _reader.TryRead(offset + 2, count * 12L + 4);
            if (table is null) return null;

            var entries = new Dictionary<int, (int Type, uint Count, byte[] Raw)>();
            for (var i = 0; i < count; i++)
            {
                var at = i * 12;
                entries.TryAdd(UInt16(table, at), (UInt16(table, at + 2), UInt32(table, at + 4), table.AsSpan(at + 8, 4).ToArray()));
            }

            if (Single(entries, TagJpegOffset) is { } jpegOffset && Single(entries, TagJpegLength) is { } jpegLength)
            {
                results.Add((jpegOffset, jpegLength, $"{label} JPEGInterchangeFormat"));
            }
            if (Single(entries, TagCompression) is 6 or 7
                && entries.TryGetValue(TagStripOffsets, out var strips) && strips.Count == 1
                && Single(entries, TagStripOffsets) is { } stripOffset && Single(entries, TagStripByteCounts) is { } stripLength)
            {
                results.Add((stripOffset, stripLength, $"{label} StripOffsets"));
            }
            if (entries.TryGetValue(TagJpgFromRaw, out var jpg) && jpg.Type is 1 or 7 && jpg.Count > 4)
            {
                results.Add((UInt32(jpg.Raw, 0), jpg.Count, $"{label} JpgFromRaw"));
            }
            if (depth < MaxDepth && entries.TryGetValue(TagSubIfds, out var sub) && sub.Type is 4 or 13 && sub.Count > 0)
            {
                foreach (var (subOffset, index) in LongArray(sub).Select((o, i) => (o, i)))
                {
                    results.AddRange(Chain(subOffset, $"{label} SubIFD{index}", depth + 1));
                }
            }
            return UInt32(table, count * 12);
        }

        /// <summary>The first value of a SHORT or LONG entry.</summary>
        private long? Single(Dictionary<int, (int Type, uint Count, byte[] Raw)> entries, int tag)
        {
            if (!entries.TryGetValue(tag, out var e) || e.Count == 0) return null;
            return e.Type switch
            {
                3 => UInt16(e.Raw, 0),
                4 or 13 => UInt32(e.Raw, 0),
                _ => null,
            };
        }

        private IEnumerable<long> LongArray((int Type, uint Count, byte[] Raw) entry)
        {
            var n = (int)Math.Min(entry.Count, MaxSubIfdsPerIfd);
            if (n == 1) return new long[] { UInt32(entry.Raw, 0) };
            var values = _reader.TryRead(UInt32(entry.Raw, 0), n * 4L);
            if (values is null) return Array.Empty<long>();
            return Enumerable.Range(0, n).Select(i => (long)UInt32(values, i * 4)).ToList();
        }
    }
}
