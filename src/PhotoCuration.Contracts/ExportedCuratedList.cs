namespace PhotoCuration;

/// <summary>
/// Where one <c>Export-CuratedList</c> put a curated set: the folder, curated_list.json and every file
/// the folder now holds for the set. The pipeline's last object, so the shell says where the files went.
/// </summary>
public sealed class ExportedCuratedList
{
    /// <summary>Batch id of the exported set.</summary>
    public string BatchId { get; set; } = "";
    /// <summary>The stage run the set came from (empty: the batch's main run).</summary>
    public string RunName { get; set; } = "";
    /// <summary>The export folder.</summary>
    public string OutputPath { get; set; } = "";
    /// <summary>curated_list.json in the export folder.</summary>
    public string CuratedListPath { get; set; } = "";
    /// <summary>Photos in the set.</summary>
    public int Photos { get; set; }
    /// <summary>Every file written or confirmed for the set (copies, sidecars, JSON, CSV).</summary>
    public string[] Files { get; set; } = Array.Empty<string>();
}
