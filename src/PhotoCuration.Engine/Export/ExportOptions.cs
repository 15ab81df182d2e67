namespace PhotoCuration.Engine.Export;

/// <summary>What Export-CuratedList writes and where.</summary>
public sealed class ExportOptions
{
    /// <summary>Export folder; default data/output/&lt;batch_id&gt; of the workspace.</summary>
    public string? OutputPath { get; init; }
    /// <summary>XMP sidecars beside the exported copies.</summary>
    public bool Xmp { get; init; }
    /// <summary>XMP sidecars beside the originals too (never over an existing one without <see cref="Force"/>).</summary>
    public bool SidecarsBesideOriginals { get; init; }
    /// <summary>curated_list.csv beside curated_list.json.</summary>
    public bool Csv { get; init; }
    /// <summary>Replace existing sidecars beside originals and files in the export folder that an earlier export did not write.</summary>
    public bool Force { get; init; }
    /// <summary>audit.created_at.</summary>
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
