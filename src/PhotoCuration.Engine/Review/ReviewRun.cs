using System.Diagnostics;
using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Review;

/// <summary>
/// Re-runs Select-CuratedSet and Export-CuratedList for a batch from its cached stages, in process:
/// the moments of the clustering record, the overrides file applied (locks, excludes, axis emphasis),
/// the last run's selection parameters, then the optimizer record and the export folder rewritten the
/// way the cmdlets write them. Photos the gate dropped but the user locked in join as moments of their
/// own: a lock is always honoured.
/// </summary>
public static class ReviewRun
{
    public sealed record Result(CuratedSet Set, OptimizerStageDocument Optimizer, string CuratedListPath, IReadOnlyList<string> Problems, long SelectMs, long ExportMs);

    public static Result Run(ReviewBatch batch, BatchOverrides? overrides, Action<string> warning)
    {
        var clock = Stopwatch.StartNew();
        var moments = batch.Moments();
        var options = OptionsOf(batch);
        if (overrides is not null)
        {
            moments = overrides.ApplyTo(moments);
            var grouped = new HashSet<string>(moments.SelectMany(m => m.Members).Select(p => p.PhotoId), StringComparer.Ordinal);
            var outside = batch.Photos.Where(p => !grouped.Contains(p.PhotoId)).ToList();
            overrides.ApplyTo(outside);
            moments = moments.Concat(outside.Where(p => p.IsLocked).Select(p => Single(batch, p))).ToList();
            options = options with { AxisEmphasis = overrides.EmphasisOver(options.AxisEmphasis) };
        }
        var outcome = new SelectionStage(batch.Theme, options, batch.Embeddings).Run(batch.BatchId, batch.Layout.Root, moments);
        StageJson.Write(batch.Layout.StageJsonPath(SelectionStage.StageName, batch.BatchId), outcome.Document);
        batch.Optimizer = outcome.Document;
        var selectMs = clock.ElapsedMilliseconds;
        StageTimingLog.Record(batch.Layout, batch.BatchId, SelectionStage.StageName, selectMs);

        clock.Restart();
        var (path, problems) = Export(batch, outcome.Set, warning);
        return new Result(outcome.Set, outcome.Document, path, problems, selectMs, clock.ElapsedMilliseconds);
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

    private static PhotoMoment Single(ReviewBatch batch, Photo photo) => new()
    {
        MomentId = "",
        BatchId = batch.BatchId,
        Workspace = batch.Layout.Root,
        Members = new[] { photo },
        Hero = photo,
    };

    /// <summary>Export-CuratedList with what the folder's last export wrote (XMP, CSV), every step run.</summary>
    private static (string Path, IReadOnlyList<string> Problems) Export(ReviewBatch batch, CuratedSet set, Action<string> warning)
    {
        var folder = Path.Combine(batch.Layout.OutputDir, batch.BatchId);
        using var exclusive = CuratedListExport.Lock(set, batch.Layout.Root, null);
        var previous = ExportManifest.Read(folder);
        var export = CuratedListExport.Plan(set, batch.Layout.Root, new ExportOptions
        {
            Xmp = previous.Files.Any(f => f.Name.EndsWith(".xmp", StringComparison.OrdinalIgnoreCase)),
            Csv = previous.Files.Any(f => f.Name == CuratedListExport.CsvFileName),
        }, warning);
        var problems = export.Problems.Select(p => p.Message).ToList();
        foreach (var step in export.Steps)
        {
            try
            {
                export.Run(step);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Core.PhotoInputException)
            {
                problems.Add(ex.Message);
            }
        }
        export.Finish();
        return (export.JsonPath, problems);
    }
}
