namespace PhotoCuration.Engine.Export.Xmp;

/// <summary>
/// The XMP namespaces the export writes (docs/metadata.md). The module's own namespace is
/// <see cref="Curation"/>: a UUID URN (RFC 4122) built from the module manifest's GUID, the module's
/// stable identity on the PowerShell Gallery; it needs no domain, so it never goes stale, and the
/// version follows after the '#' so a later incompatible shape gets a new URI.
/// </summary>
public static class XmpNamespaces
{
    public const string Xmp = "http://ns.adobe.com/xap/1.0/";
    public const string Dc = "http://purl.org/dc/elements/1.1/";
    public const string XmpDm = "http://ns.adobe.com/xmp/1.0/DynamicMedia/";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Meta = "adobe:ns:meta/";
    public const string Xml = "http://www.w3.org/XML/1998/namespace";
    /// <summary>Metadata Working Group regions (face boxes Lightroom, digiKam and Picasa read).</summary>
    public const string MwgRegions = "http://www.metadataworkinggroup.com/schemas/regions/";
    /// <summary>Adobe's area struct (stArea:x, y, w, h, unit) used inside MWG regions.</summary>
    public const string StArea = "http://ns.adobe.com/xmp/sType/Area#";
    /// <summary>Adobe's dimensions struct (stDim:w, h, unit).</summary>
    public const string StDim = "http://ns.adobe.com/xap/1.0/sType/Dimensions#";

    /// <summary>The module's GUID (module/PhotoCuration.psd1).</summary>
    public const string ModuleGuid = "6f1d3a52-8c1e-4d8e-9b3a-2f61c7a4e0b9";
    /// <summary>PhotoCuration's own namespace, version 1 of its shape (docs/metadata.md#namespace).</summary>
    public const string Curation = "urn:uuid:" + ModuleGuid + "#xmp-1.0/";
    public const string CurationPrefix = "photocuration";

    /// <summary>Preferred prefixes, used when the namespace is not declared yet.</summary>
    public static readonly IReadOnlyDictionary<string, string> Prefixes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Xmp] = "xmp",
        [Dc] = "dc",
        [XmpDm] = "xmpDM",
        [MwgRegions] = "mwg-rs",
        [StArea] = "stArea",
        [StDim] = "stDim",
        [Curation] = CurationPrefix,
    };
}
