namespace PhotoCuration.Engine.Export;

/// <summary>What Export-CuratedList writes and where.</summary>
public sealed class ExportOptions
{
    /// <summary>Export folder; default data/output/&lt;batch_id&gt; of the workspace.</summary>
    public string? OutputPath { get; init; }
    /// <summary>XMP for the exported copies: embedded in JPEG, PNG, TIFF and DNG copies, a sidecar beside other RAW copies (docs/metadata.md).</summary>
    public bool Xmp { get; init; }
    /// <summary>How sidecars are named: NAME.xmp (Adobe) or NAME.EXT.xmp (Darktable).</summary>
    public SidecarNaming SidecarNaming { get; init; } = SidecarNaming.Adobe;
    /// <summary>Meaningful keywords (time of day, a model's scene label) in dc:subject.</summary>
    public bool Keywords { get; init; }
    /// <summary>MWG face regions from the face stage.</summary>
    public bool FaceRegions { get; init; }
    /// <summary>Sidecars with xmp:Rating −1 beside the originals the technical gate dropped.</summary>
    public bool MarkRejects { get; init; }
    /// <summary>XMP sidecars beside the picked originals too (never over an existing one without <see cref="Force"/>).</summary>
    public bool SidecarsBesideOriginals { get; init; }
    /// <summary>curated_list.csv beside curated_list.json.</summary>
    public bool Csv { get; init; }
    /// <summary>Replace existing sidecars beside originals and files in the export folder that an earlier export did not write.</summary>
    public bool Force { get; init; }
    /// <summary>-Library roots for the rejects' originals, recorded library-relative in the ingest record; null: the batch's recorded roots (LibraryManifest).</summary>
    public Distributed.LibraryRoots? Library { get; init; }
    /// <summary>audit.created_at.</summary>
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
