using System.Globalization;
using System.Xml;

namespace PhotoCuration.Engine.Taste;

/// <summary>
/// Reads a photographer's decision out of an XMP packet (docs/algorithms.md#taste). Properties are found by
/// namespace URI, whether written as attributes of <c>rdf:Description</c> (Lightroom, exiftool) or as
/// elements (darktable, digiKam), whatever prefix the writer chose:
/// <list type="bullet">
/// <item><c>xmp:Rating</c> −1…5 (−1 rejected; Lightroom, Bridge, Capture One, darktable, digiKam, exiftool).</item>
/// <item><c>xmp:Label</c> colour label text as written.</item>
/// <item><c>xmpDM:pick</c> 1 pick, −1 reject, 0 none (Lightroom Classic writes it since 13.2; older versions keep flags in the catalog only).</item>
/// <item><c>digiKam:PickLabel</c> 0 none, 1 rejected, 2 pending, 3 accepted (pending counts as no flag).</item>
/// </list>
/// A packet that is not XML, not XMP, or holds a value out of range throws <see cref="InvalidDataException"/>.
/// </summary>
public static class XmpDecisionParser
{
    public const string XmpNs = "http://ns.adobe.com/xap/1.0/";
    public const string XmpDmNs = "http://ns.adobe.com/xmp/1.0/DynamicMedia/";
    public const string DigiKamNs = "http://www.digikam.org/ns/1.0/";
    private const string RdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    public static PhotoDecision Parse(string packet, string path, string source)
    {
        var doc = new XmlDocument { XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(packet.Trim('\0', ' ', '\r', '\n', '\t', '\uFEFF')),
                new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            doc.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException($"the XMP is not well-formed XML ({ex.Message})", ex);
        }
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("rdf", RdfNs);
        var descriptions = doc.SelectNodes("//rdf:RDF/rdf:Description", ns);
        if (descriptions is null || doc.SelectSingleNode("//rdf:RDF", ns) is null)
            throw new InvalidDataException("the XML holds no rdf:RDF: not an XMP packet");

        string? rating = null, label = null, pick = null, pickLabel = null;
        foreach (XmlElement d in descriptions)
        {
            rating ??= Value(d, XmpNs, "Rating");
            label ??= Value(d, XmpNs, "Label");
            pick ??= Value(d, XmpDmNs, "pick");
            pickLabel ??= Value(d, DigiKamNs, "PickLabel");
        }
        return new PhotoDecision(path, ParseRating(rating), string.IsNullOrWhiteSpace(label) ? null : label.Trim(),
            ParsePick(pick, pickLabel), source);
    }

    private static string? Value(XmlElement description, string ns, string name) =>
        description.GetAttributeNode(name, ns)?.Value
        ?? description.GetElementsByTagName(name, ns).Cast<XmlElement>().FirstOrDefault()?.InnerText;

    private static int? ParseRating(string? text)
    {
        if (text is null) return null;
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < -1 || v > 5)
            throw new InvalidDataException($"xmp:Rating '{text}' is not a rating (−1 rejected, 0…5 stars)");
        // Lightroom writes whole stars; a fraction from another tool rounds to the nearest star.
        return (int)Math.Round(v, MidpointRounding.AwayFromZero);
    }

    private static bool? ParsePick(string? pick, string? digiKam)
    {
        if (pick is not null)
        {
            switch (pick.Trim())
            {
                case "1": return true;
                case "-1": return false;
                case "0": break;
                default: throw new InvalidDataException($"xmpDM:pick '{pick}' is not 1, 0 or −1");
            }
        }
        if (digiKam is not null)
        {
            switch (digiKam.Trim())
            {
                case "3": return true;
                case "1": return false;
                case "0" or "2": break;
                default: throw new InvalidDataException($"digiKam:PickLabel '{digiKam}' is not 0…3");
            }
        }
        return null;
    }
}
