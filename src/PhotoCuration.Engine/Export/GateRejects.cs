using PhotoCuration.Engine.Distributed;
using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Export;

/// <summary>
/// The photos of a batch the technical gate dropped, for <c>-MarkRejects</c> (docs/algorithms.md#what-the-gates-verdict-writes-in-xmp):
/// read from the batch's scoring stage document (verdicts, scores, reasons) and its ingest document
/// (where each original is). Locked-in photos and the picks are left out: a photographer kept them.
/// </summary>
public sealed class GateRejects
{
    public required string PhotoId { get; init; }
    public required string Path { get; init; }
    public required PhotoScore Score { get; init; }

    /// <summary>The rejects in photo-id order, or null when the batch has no scoring (or ingest) document.</summary>
    /// <param name="given">-Library roots for library-relative originals; null: the batch's recorded ones.</param>
    public static IReadOnlyList<GateRejects>? Read(WorkspaceLayout layout, string batchId, IEnumerable<string> picked, LibraryRoots? given = null)
    {
        var library = LibraryManifest.For(layout, batchId, given);
        var scoringPath = layout.StageJsonPath(StageCatalog.Scoring, batchId);
        var ingestPath = layout.StageJsonPath(StageCatalog.Ingest, batchId);
        if (!File.Exists(scoringPath) || !File.Exists(ingestPath)) return null;
        var scoring = StageJson.Read<ScoringStageDocument>(scoringPath);
        var ingest = StageJson.Read<IngestStageDocument>(ingestPath);
        if (scoring is null || ingest is null) return null;
        var skip = picked.ToHashSet(StringComparer.Ordinal);
        var where = ingest.PhotoIndex.Where(e => !e.Locked).GroupBy(e => e.PhotoId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var rejects = new List<GateRejects>();
        foreach (var entry in scoring.Scores.Where(s => s.Verdict == GateVerdict.Dropped && !s.Locked && !skip.Contains(s.PhotoId)).OrderBy(s => s.PhotoId, StringComparer.Ordinal))
        {
            if (!where.TryGetValue(entry.PhotoId, out var files)) continue;
            var score = new PhotoScore
            {
                QTech = entry.QTech, Aesthetic = entry.Aesthetic, Vibe = entry.Vibe, Typography = entry.Typography,
                Composition = entry.Composition, Total = entry.TotalPrelim, Verdict = GateVerdict.Dropped, IsDropped = true,
                DropReasons = scoring.DropReasons.TryGetValue(entry.PhotoId, out var reasons) ? reasons : Array.Empty<string>(),
            };
            // Every file of the photo (an exact copy elsewhere, a RAW's companion JPEG) is the same reject.
            foreach (var file in files)
            {
                rejects.Add(new GateRejects { PhotoId = entry.PhotoId, Path = Local(file.Uri, layout, library), Score = score });
            }
        }
        return rejects;
    }

    /// <summary>This machine's path of a recorded original; one in a library with no root here stays as recorded (it exists nowhere, and is reported as not found).</summary>
    private static string Local(string stored, WorkspaceLayout layout, LibraryRoots library)
    {
        try
        {
            return OriginalPaths.FromStored(stored, layout, library);
        }
        catch (PhotoInputException)
        {
            return stored;
        }
    }
}
