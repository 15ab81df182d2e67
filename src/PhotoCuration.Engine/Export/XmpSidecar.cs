using System.Globalization;
using System.Text;
using System.Xml;
using PhotoCuration.Engine.Selection;

namespace PhotoCuration.Engine.Export;

/// <summary>
/// XMP sidecars that Lightroom and Bridge read for a curated photo:
/// <list type="bullet">
/// <item><c>xmp:Rating</c>: the item's stars, from its quality within the shoot, not its place in the
/// sequence (<see cref="StarRating"/>, docs/algorithms.md#export).</item>
/// <item><c>xmp:Label</c> by role, with Lightroom's default label names: opener Red (the page that must be
/// right first), closer Blue, body Green (<see cref="LabelFor"/>).</item>
/// <item>Pick flag: <c>xmpDM:pick="1"</c> (Lightroom's pick flag: 1 pick, −1 reject, 0 none; Lightroom
/// Classic reads it from XMP since 13.2, earlier versions keep flags in the catalog only) and
/// <c>xmpDM:good="True"</c> (the Dynamic Media "good take" flag Bridge shows).</item>
/// <item>Keywords: <c>dc:subject</c> holds each tag as written (<c>time_of_day:night</c>, <c>role:opener</c>, and
/// for a photo the technical gate flagged <c>flagged:blur</c>, or <c>failed_gate:blur</c> for a locked-in photo that failed it);
/// <c>lr:hierarchicalSubject</c> holds <c>PhotoCuration|time_of_day|time_of_day:night</c>, whose leaf equals
/// the flat keyword so Lightroom files it under PhotoCuration › time_of_day instead of creating it twice.</item>
/// <item><c>dc:description</c>: the reasons, one sentence after another.</item>
/// <item>The curation itself in its own namespace (<c>photocuration:Rank</c> (quality order), Sequence
/// (layout order), Role, Verdict, PhotoId, MomentId, Total).</item>
/// </list>
/// No timestamps are written, so the same pick always gives the same bytes.
/// </summary>
public static class XmpSidecar
{
    public const string XmpNs = "http://ns.adobe.com/xap/1.0/";
    public const string DcNs = "http://purl.org/dc/elements/1.1/";
    public const string LrNs = "http://ns.adobe.com/lightroom/1.0/";
    public const string XmpDmNs = "http://ns.adobe.com/xmp/1.0/DynamicMedia/";
    public const string RdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string MetaNs = "adobe:ns:meta/";
    public const string CurationNs = "https://example.invalid/photocuration/xmp/1.0/";
    public const string KeywordRoot = "PhotoCuration";

    /// <summary>Lightroom/Bridge colour label for a role.</summary>
    public static string LabelFor(string role) => role switch
    {
        "opener" => "Red",
        "closer" => "Blue",
        _ => "Green",
    };

    /// <summary>Keywords of an item: its tags, its role, and what the technical gate found (flagged:blur, failed_gate:blur).</summary>
    public static IReadOnlyList<string> KeywordsFor(CuratedItem item) =>
        item.Tags.Append("role:" + item.Role).Concat(GateKeywords(item.Photo.Score))
            .Where(t => !string.IsNullOrWhiteSpace(t)).Select(Clean).Distinct(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> GateKeywords(PhotoScore? score) =>
        score is null ? Enumerable.Empty<string>()
        : GateVerdict.FailedGate(score) ? GateVerdict.FailReasons(score).Select(r => "failed_gate:" + r)
        : GateVerdict.IsFlagged(score) ? GateVerdict.FlagTokens(score).Select(r => "flagged:" + r)
        : Enumerable.Empty<string>();

    /// <summary>Stars of an item: its own rating, or for an unrated item (0) the lowest, 1.</summary>
    public static int RatingOf(CuratedItem item) => Math.Clamp(item.Rating, 1, 5);

    public static string Build(CuratedItem item)
    {
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = " ",
            NewLineChars = "\n",
            OmitXmlDeclaration = true,
            Encoding = new UTF8Encoding(false),
        };
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, settings))
        {
            w.WriteStartElement("x", "xmpmeta", MetaNs);
            w.WriteAttributeString("x", "xmptk", MetaNs, "PhotoCuration");
            w.WriteStartElement("rdf", "RDF", RdfNs);
            w.WriteStartElement("rdf", "Description", RdfNs);
            w.WriteAttributeString("rdf", "about", RdfNs, "");
            w.WriteAttributeString("xmlns", "xmp", null, XmpNs);
            w.WriteAttributeString("xmlns", "dc", null, DcNs);
            w.WriteAttributeString("xmlns", "lr", null, LrNs);
            w.WriteAttributeString("xmlns", "xmpDM", null, XmpDmNs);
            w.WriteAttributeString("xmlns", "photocuration", null, CurationNs);
            w.WriteAttributeString("xmp", "Rating", XmpNs, RatingOf(item).ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("xmp", "Label", XmpNs, LabelFor(item.Role));
            w.WriteAttributeString("xmpDM", "pick", XmpDmNs, "1");
            w.WriteAttributeString("xmpDM", "good", XmpDmNs, "True");
            w.WriteAttributeString("photocuration", "Rank", CurationNs, item.Rank.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("photocuration", "Sequence", CurationNs, item.Sequence.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("photocuration", "Verdict", CurationNs, GateVerdict.Of(item.Photo.Score));
            w.WriteAttributeString("photocuration", "Role", CurationNs, Clean(item.Role));
            w.WriteAttributeString("photocuration", "PhotoId", CurationNs, Clean(item.PhotoId));
            if ((item.MomentId ?? item.Photo.MomentId) is { } moment) w.WriteAttributeString("photocuration", "MomentId", CurationNs, Clean(moment));
            if (item.Photo.Score is { } score) w.WriteAttributeString("photocuration", "Total", CurationNs, score.Total.ToString("R", CultureInfo.InvariantCulture));

            var keywords = KeywordsFor(item);
            WriteBag(w, "dc", "subject", DcNs, keywords);
            WriteBag(w, "lr", "hierarchicalSubject", LrNs, keywords.Select(Hierarchical));
            if (item.Reasons.Length > 0)
            {
                w.WriteStartElement("dc", "description", DcNs);
                w.WriteStartElement("rdf", "Alt", RdfNs);
                w.WriteStartElement("rdf", "li", RdfNs);
                w.WriteAttributeString("xml", "lang", null, "x-default");
                w.WriteString(Clean(Description(item.Reasons)));
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return sb.ToString() + "\n";
    }

    /// <summary>"Hero of moment m_0007: sharpest of 4 frames. Adds time_of_day:night."</summary>
    public static string Description(IEnumerable<string> reasons) =>
        string.Join(" ", reasons.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r =>
        {
            var s = r.Trim();
            s = char.ToUpperInvariant(s[0]) + s[1..];
            return s.EndsWith('.') || s.EndsWith('?') || s.EndsWith('!') ? s : s + ".";
        }));

    /// <summary>"time_of_day:night" → "PhotoCuration|time_of_day|time_of_day:night" ('|' is Lightroom's level separator).</summary>
    private static string Hierarchical(string keyword)
    {
        var colon = keyword.IndexOf(':');
        var axis = colon > 0 ? keyword[..colon] : "tag";
        return KeywordRoot + "|" + axis.Replace('|', '/') + "|" + keyword.Replace('|', '/');
    }

    private static void WriteBag(XmlWriter w, string prefix, string name, string ns, IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.Count == 0) return;
        w.WriteStartElement(prefix, name, ns);
        w.WriteStartElement("rdf", "Bag", RdfNs);
        foreach (var v in list) w.WriteElementString("rdf", "li", RdfNs, v);
        w.WriteEndElement();
        w.WriteEndElement();
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
