using System.Text;
using System.Xml;

namespace PhotoCuration.Engine.Export.Xmp;

/// <summary>
/// Writes <see cref="XmpFields"/> into an XMP document: a fresh one, or one a camera, Lightroom or
/// darktable already wrote, whose other fields are kept as they are (docs/metadata.md#merging). Ours are
/// replaced, not added twice: xmp:Rating, xmp:Label, xmpDM:pick and xmpDM:good, and everything in the
/// module's namespace. Keywords are added to dc:subject beside the existing ones; face regions are
/// written only where the document has none (a person's named regions are never replaced).
/// dc:description (Lightroom's caption) is never touched. No timestamps: the same input gives the same bytes.
/// </summary>
public static class XmpDocument
{
    /// <summary>Namespaces an earlier version of the module used for its own fields; removed on rewrite.</summary>
    private static readonly string[] FormerCurationNamespaces = { "https://example.invalid/photocuration/xmp/1.0/" };

    private static readonly (string Ns, string Name)[] Managed =
    {
        (XmpNamespaces.Xmp, "Rating"), (XmpNamespaces.Xmp, "Label"), (XmpNamespaces.XmpDm, "pick"), (XmpNamespaces.XmpDm, "good"),
    };

    /// <summary>The x:xmpmeta element (no packet wrapper) with <paramref name="fields"/>, merged into <paramref name="existing"/> when given.</summary>
    /// <exception cref="XmpFormatException">The existing XMP is not well-formed RDF/XML.</exception>
    public static string Build(XmpFields fields, string? existing = null)
    {
        var doc = existing is null ? Fresh() : Parse(existing);
        var rdf = FindRdf(doc) ?? throw new XmpFormatException("The XMP has no rdf:RDF element.");
        foreach (var description in rdf.ChildNodes.OfType<XmlElement>().Where(IsDescription)) RemoveOurs(description);
        var target = rdf.ChildNodes.OfType<XmlElement>().FirstOrDefault(IsDescription) ?? AddDescription(rdf);
        Write(target, fields, HasRegions(rdf));
        var root = doc.DocumentElement!;
        if (!(root.LocalName == "xmpmeta" && root.NamespaceURI == XmpNamespaces.Meta))
        {
            // A bare rdf:RDF (some older writers): wrap it as XMP readers expect.
            var meta = doc.CreateElement("x", "xmpmeta", XmpNamespaces.Meta);
            doc.ReplaceChild(meta, root);
            meta.AppendChild(root);
            root = meta;
        }
        return Serialize(root);
    }

    /// <summary>Parses XMP text (a sidecar, or a packet read from a file); DTDs and external entities are refused.</summary>
    public static XmlDocument Parse(string xml)
    {
        var doc = new XmlDocument { XmlResolver = null };
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = false };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml.TrimStart('\uFEFF', ' ', '\t', '\r', '\n', '\0').TrimEnd('\0')), settings);
            doc.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new XmpFormatException("The XMP is not well-formed XML: " + ex.Message, ex);
        }
        if (FindRdf(doc) is null) throw new XmpFormatException("The XMP has no rdf:RDF element.");
        return doc;
    }

    private static XmlDocument Fresh()
    {
        var doc = new XmlDocument { XmlResolver = null };
        var meta = doc.CreateElement("x", "xmpmeta", XmpNamespaces.Meta);
        Attr(meta, "x", "xmptk", XmpNamespaces.Meta, "PhotoCuration");
        doc.AppendChild(meta);
        var rdf = doc.CreateElement("rdf", "RDF", XmpNamespaces.Rdf);
        meta.AppendChild(rdf);
        AddDescription(rdf);
        return doc;
    }

    private static XmlElement AddDescription(XmlElement rdf)
    {
        var description = rdf.OwnerDocument.CreateElement("rdf", "Description", XmpNamespaces.Rdf);
        Attr(description, "rdf", "about", XmpNamespaces.Rdf, "");
        rdf.AppendChild(description);
        return description;
    }

    private static XmlElement? FindRdf(XmlDocument doc) =>
        doc.GetElementsByTagName("RDF", XmpNamespaces.Rdf).OfType<XmlElement>().FirstOrDefault();

    private static bool IsDescription(XmlElement e) => e.LocalName == "Description" && e.NamespaceURI == XmpNamespaces.Rdf;

    private static bool IsOurs(string ns, string name) =>
        ns == XmpNamespaces.Curation || FormerCurationNamespaces.Contains(ns) || Managed.Contains((ns, name));

    private static void RemoveOurs(XmlElement description)
    {
        foreach (var a in description.Attributes.OfType<XmlAttribute>().Where(a => IsOurs(a.NamespaceURI, a.LocalName)).ToList()) description.Attributes.Remove(a);
        foreach (var e in description.ChildNodes.OfType<XmlElement>().Where(e => IsOurs(e.NamespaceURI, e.LocalName)).ToList()) description.RemoveChild(e);
    }

    private static bool HasRegions(XmlElement rdf) =>
        rdf.GetElementsByTagName("Regions", XmpNamespaces.MwgRegions).Count > 0;

    private static void Write(XmlElement d, XmpFields fields, bool regionsExist)
    {
        // Declared before any value, so that rewriting our own output gives the same attribute order.
        foreach (var ns in new[] { XmpNamespaces.Xmp, XmpNamespaces.XmpDm, XmpNamespaces.Curation }) PrefixFor(d, ns);
        SetAttribute(d, XmpNamespaces.Xmp, "Rating", fields.Rating.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (fields.Label is not null) SetAttribute(d, XmpNamespaces.Xmp, "Label", fields.Label);
        SetAttribute(d, XmpNamespaces.XmpDm, "pick", fields.Pick.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (fields.Pick > 0) SetAttribute(d, XmpNamespaces.XmpDm, "good", "True");
        foreach (var (name, value) in fields.Curation) SetAttribute(d, XmpNamespaces.Curation, name, Clean(value));
        if (fields.Reasons.Count > 0)
        {
            var list = Property(d, XmpNamespaces.Curation, "Reasons");
            var seq = Rdf(d, "Seq");
            list.AppendChild(seq);
            foreach (var reason in fields.Reasons.Where(r => !string.IsNullOrWhiteSpace(r))) seq.AppendChild(Rdf(d, "li", Clean(reason)));
            d.AppendChild(list);
        }
        if (fields.Keywords.Count > 0) AddKeywords(d, fields.Keywords);
        if (fields.Regions is { } regions && !regionsExist) d.AppendChild(RegionsElement(d, regions));
    }

    /// <summary>Adds keywords to the document's dc:subject bag (creating it), each once.</summary>
    private static void AddKeywords(XmlElement d, IReadOnlyList<string> keywords)
    {
        var rdf = (XmlElement)d.ParentNode!;
        var subject = rdf.GetElementsByTagName("subject", XmpNamespaces.Dc).OfType<XmlElement>().FirstOrDefault();
        XmlElement bag;
        if (subject?.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.NamespaceURI == XmpNamespaces.Rdf && e.LocalName is "Bag" or "Seq") is { } existingBag)
        {
            bag = existingBag;
        }
        else
        {
            subject?.ParentNode!.RemoveChild(subject);
            subject = Property(d, XmpNamespaces.Dc, "subject");
            bag = Rdf(d, "Bag");
            subject.AppendChild(bag);
            d.AppendChild(subject);
        }
        var present = bag.ChildNodes.OfType<XmlElement>().Select(li => li.InnerText).ToHashSet(StringComparer.Ordinal);
        foreach (var k in keywords.Select(Clean).Where(k => k.Length > 0 && present.Add(k))) bag.AppendChild(Rdf(d, "li", k));
    }

    private static XmlElement RegionsElement(XmlElement d, MwgRegionSet regions)
    {
        var root = Property(d, XmpNamespaces.MwgRegions, "Regions");
        Attr(root, RdfPrefix(d), "parseType", XmpNamespaces.Rdf, "Resource");
        var dims = Property(d, XmpNamespaces.MwgRegions, "AppliedToDimensions");
        Attr(dims, PrefixFor(d, XmpNamespaces.StDim), "w", XmpNamespaces.StDim, regions.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Attr(dims, PrefixFor(d, XmpNamespaces.StDim), "h", XmpNamespaces.StDim, regions.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Attr(dims, PrefixFor(d, XmpNamespaces.StDim), "unit", XmpNamespaces.StDim, "pixel");
        root.AppendChild(dims);
        var list = Property(d, XmpNamespaces.MwgRegions, "RegionList");
        var bag = Rdf(d, "Bag");
        foreach (var face in regions.Faces)
        {
            var li = Rdf(d, "li");
            Attr(li, RdfPrefix(d), "parseType", XmpNamespaces.Rdf, "Resource");
            var type = Property(d, XmpNamespaces.MwgRegions, "Type");
            type.InnerText = "Face";
            li.AppendChild(type);
            var area = Property(d, XmpNamespaces.MwgRegions, "Area");
            var p = PrefixFor(d, XmpNamespaces.StArea);
            Attr(area, p, "x", XmpNamespaces.StArea, MwgRegionSet.Format(face.X));
            Attr(area, p, "y", XmpNamespaces.StArea, MwgRegionSet.Format(face.Y));
            Attr(area, p, "w", XmpNamespaces.StArea, MwgRegionSet.Format(face.W));
            Attr(area, p, "h", XmpNamespaces.StArea, MwgRegionSet.Format(face.H));
            Attr(area, p, "unit", XmpNamespaces.StArea, "normalized");
            li.AppendChild(area);
            bag.AppendChild(li);
        }
        list.AppendChild(bag);
        root.AppendChild(list);
        return root;
    }

    private static void SetAttribute(XmlElement d, string ns, string name, string value) =>
        Attr(d, PrefixFor(d, ns), name, ns, value);

    /// <summary>Sets prefix:name (replacing an attribute of the same name and namespace).</summary>
    private static void Attr(XmlElement e, string prefix, string name, string ns, string value)
    {
        var attribute = e.OwnerDocument.CreateAttribute(prefix, name, ns);
        attribute.Value = value;
        e.SetAttributeNode(attribute);
    }

    private static string RdfPrefix(XmlElement d) => d.GetPrefixOfNamespace(XmpNamespaces.Rdf) is { Length: > 0 } p ? p : "rdf";

    private static XmlElement Property(XmlElement d, string ns, string name) =>
        d.OwnerDocument.CreateElement(PrefixFor(d, ns), name, ns);

    private static XmlElement Rdf(XmlElement d, string name, string? text = null)
    {
        var e = d.OwnerDocument.CreateElement(RdfPrefix(d), name, XmpNamespaces.Rdf);
        if (text is not null) e.InnerText = text;
        return e;
    }

    /// <summary>
    /// The prefix a namespace has on the description (declaring it there when new): the document's own
    /// when it has one, else ours, else ours with a number when another namespace took that prefix.
    /// </summary>
    private static string PrefixFor(XmlElement d, string ns)
    {
        var existing = d.GetPrefixOfNamespace(ns);
        if (!string.IsNullOrEmpty(existing)) return existing;
        var preferred = XmpNamespaces.Prefixes.TryGetValue(ns, out var p) ? p : "ns";
        var prefix = preferred;
        for (var i = 1; !string.IsNullOrEmpty(d.GetNamespaceOfPrefix(prefix)) && d.GetNamespaceOfPrefix(prefix) != ns; i++) prefix = preferred + i;
        d.SetAttribute("xmlns:" + prefix, ns);
        return prefix;
    }

    private static string Serialize(XmlElement root)
    {
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = " ",
            NewLineChars = "\n",
            OmitXmlDeclaration = true,
            ConformanceLevel = ConformanceLevel.Fragment,
            Encoding = new UTF8Encoding(false),
        };
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, settings)) root.WriteTo(w);
        return sb.ToString() + "\n";
    }

    /// <summary>Drops characters XML 1.0 cannot carry (control characters, lone surrogates) from text that came from files.</summary>
    public static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}

/// <summary>Existing XMP that cannot be read as RDF/XML: it is left as it is and reported.</summary>
public sealed class XmpFormatException : FormatException
{
    public XmpFormatException(string message, Exception? inner = null) : base(message, inner) { }
}
