using System.Text;

namespace PhotoCuration.Engine.Export.Xmp;

/// <summary>
/// The XMP packet wrapper for XMP embedded in a file (XMP Specification Part 1, §7.3): the xpacket
/// processing instructions around the x:xmpmeta element, and padding so that another tool (Lightroom,
/// exiftool) can grow the packet in place without rewriting the file. Sidecars carry no wrapper.
/// </summary>
public static class XmpPacket
{
    private const string Begin = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    private const string End = "<?xpacket end=\"w\"?>";

    /// <summary>Bytes of padding left for in-place edits by other tools (docs/metadata.md#embedded).</summary>
    public const int DefaultPadding = 2048;

    /// <summary>The packet as UTF-8: wrapper, XML, exactly <paramref name="padding"/> bytes of spaces and newlines and the end marker.</summary>
    public static byte[] Wrap(string xmpmeta, int padding = DefaultPadding)
    {
        var sb = new StringBuilder(Begin.Length + xmpmeta.Length + padding + End.Length + 2);
        sb.Append(Begin).Append(xmpmeta);
        for (var left = Math.Max(0, padding); left > 0;)
        {
            var spaces = Math.Min(100, left - 1);
            sb.Append(' ', spaces).Append('\n');
            left -= spaces + 1;
        }
        sb.Append(End);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>The packet's text (UTF-8, as XMP in files always is here), or null for empty bytes.</summary>
    public static string? Text(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty) return null;
        var text = Encoding.UTF8.GetString(packet).Trim('\0', ' ', '\n', '\r', '\t');
        return text.Length == 0 ? null : text;
    }
}
