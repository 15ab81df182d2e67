using System.Diagnostics;
using PhotoCuration.Engine.Curation;
using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Review;

/// <summary>
/// Re-runs selection and export for a batch from its cached stages, in process: the moments of the
/// clustering record and the last run's selection parameters through the same <see cref="SelectionStep"/>
/// (and so the same precedence and lock rule) as Select-CuratedSet and Invoke-PhotoCuration, then the
/// export folder rewritten the way Export-CuratedList writes it.
/// </summary>
public static class ReviewRun
{
    public sealed record Result(CuratedSet Set, OptimizerStageDocument Optimizer, string CuratedListPath, IReadOnlyList<string> Problems, long SelectMs, long ExportMs);

    public static Result Run(ReviewBatch batch, BatchOverrides? overrides, Action<string> warning)
    {
        var selection = SelectionStep.Run(batch.Theme, OptionsOf(batch), overrides, new ExplicitSelection(), batch.BatchId, batch.Layout,
            batch.Moments(), batch.Photos, batch.Embeddings, batch.Similarity);
        batch.Optimizer = selection.Document;

        var clock = Stopwatch.StartNew();
        var (path, problems) = Export(batch, selection.Set, warning);
        return new Result(selection.Set, selection.Document, path, problems, selection.Milliseconds, clock.ElapsedMilliseconds);
    }

    /// <summary>
    /// A selection run only to fill the batch's <see cref="ReviewBatch.Similarity"/> memo (nothing is
    /// written), so the first decision after the server starts is as quick as the next ones.
    /// </summary>
    public static void Warm(ReviewBatch batch, BatchOverrides? overrides)
    {
        var resolved = SelectionPrecedence.Resolve(OptionsOf(batch), overrides, new ExplicitSelection(), batch.BatchId, batch.Layout.Root, batch.Moments(), batch.Photos);
        new SelectionStage(batch.Theme, resolved.Options, batch.Embeddings, batch.Similarity).Run(batch.BatchId, batch.Layout.Root, resolved.Moments);
    }

    /// <summary>The last selection's parameters (so a re-run changes only what the person changed), else the theme's.</summary>
    public static SelectionOptions OptionsOf(ReviewBatch batch)
    {
        var fromTheme = SelectionOptions.FromTheme(batch.Theme);
        if (batch.Optimizer?.Params is not { Count: > 0 } p) return fromTheme;
        return fromTheme with
        {
            Count = p.Count,
            QualityWeight = p.QualityWeight,
            DiversityWeight = p.DiversityWeight,
            MaxPerMoment = Math.Max(1, p.MaxPerMoment),
            RoleQuotas = p.RoleQuotas.Count > 0 ? new Dictionary<string, int>(p.RoleQuotas, StringComparer.Ordinal) : fromTheme.RoleQuotas,
            AxisEmphasis = p.AxisEmphasis.Count > 0 ? new Dictionary<string, double>(p.AxisEmphasis, StringComparer.Ordinal) : fromTheme.AxisEmphasis,
            Seed = p.Seed,
        };
    }

    /// <summary>Export-CuratedList with what the folder's last export wrote (XMP, CSV), every step run.</summary>
    private static (string Path, IReadOnlyList<string> Problems) Export(ReviewBatch batch, CuratedSet set, Action<string> warning)
    {
        var folder = Path.Combine(batch.Layout.OutputDir, batch.BatchId);
        var previous = ExportManifest.Read(folder);
        var problems = new List<string>();
        var stage = new ExportStage(approve: null, p => problems.Add(p.Message), (_, ex) => problems.Add(ex.Message), warning);
        var result = stage.Run(new ExportStage.Input(set, batch.Layout.Root, new ExportOptions
        {
            Xmp = previous.Files.Any(f => f.EmbeddedXmp || f.Name.EndsWith(".xmp", StringComparison.OrdinalIgnoreCase)),
            // NAME.EXT.xmp sidecars: the last export was named for darktable.
            SidecarNaming = previous.Files.Any(f => f.Name.EndsWith(".xmp", StringComparison.OrdinalIgnoreCase) && Path.HasExtension(f.Name[..^4])) ? SidecarNaming.Darktable : SidecarNaming.Adobe,
            Csv = previous.Files.Any(f => f.Name == CuratedListExport.CsvFileName),
            Library = batch.Library,
        }), CancellationToken.None);
        return (result.Export.JsonPath, problems);
    }
}
