using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Themes;

namespace PhotoCuration.Engine.Readers;

/// <summary>
/// Rebuilds a <see cref="PhotoScore"/> from the scoring record. The five scores, Total, the gate and the
/// drop reasons come from the record. The components (what Score.Explain() lists) are not stored, so
/// they are recomputed with the scorecard on the rebuilt features under the theme the record names,
/// found by its hash (the named theme, the built-in one, or any theme in data/themes); they are kept
/// only when the recomputed scores equal the recorded ones, so a changed theme or scorecard never
/// explains numbers it did not produce.
/// </summary>
internal sealed class ScoreRebuilder
{
    private readonly ScoringStageDocument _document;
    private readonly StageImportContext _context;
    private readonly HashSet<string> _dropped;
    private readonly PhotoTheme? _theme;
    private readonly string? _unavailable;
    private int _mismatches;

    public ScoreRebuilder(ScoringStageDocument document, StageImportContext context)
    {
        _document = document;
        _context = context;
        _dropped = new HashSet<string>(document.DroppedForTech ?? new(), StringComparer.Ordinal);
        if (document.ScorecardVersion != StageCatalog.Scoring.Version)
        {
            _unavailable = $"it was written by scorecard '{document.ScorecardVersion}', this module has '{StageCatalog.Scoring.Version}'";
        }
        else
        {
            _theme = FindTheme(document, context.Layout.Root);
            if (_theme is null) _unavailable = $"theme '{document.ThemeSpecRef}' with hash {Short(document.ThemeHash)} is neither built in nor in {context.Layout.ThemesDir}";
        }
    }

    public PhotoScore Rebuild(Photo photo, ScoringStageDocument.ScoreEntry entry)
    {
        var score = new PhotoScore
        {
            ScorecardVersion = _document.ScorecardVersion,
            Theme = _document.ThemeSpecRef ?? "",
            QTech = entry.QTech,
            Aesthetic = entry.Aesthetic,
            Vibe = entry.Vibe,
            Typography = entry.Typography,
            Composition = entry.Composition,
            Total = entry.TotalPrelim,
            IsDropped = _dropped.Contains(entry.PhotoId),
            Verdict = entry.Verdict,
            ScoredVerdict = entry.Verdict,
            ScoredTotal = entry.TotalPrelim,
            FlagReasons = entry.FlagReasons ?? Array.Empty<string>(),
            Cutoff = _document.QTechMin,
            Photo = photo.FileName,
            DropReasons = _document.DropReasons is { } reasons && reasons.TryGetValue(entry.PhotoId, out var r) && r is not null ? r : Array.Empty<string>(),
        };
        if (_theme is not null && photo.Features is not null)
        {
            var again = Scorecard.Score(photo.Features, _theme, photo.IsLocked, photo.FileName);
            if (Same(again, score))
            {
                // Recomputed when read (the same values: the scorecard is deterministic), not held.
                var (features, theme, locked, name) = (photo.Features, _theme, photo.IsLocked, photo.FileName);
                score.ComputeComponentsOnRead(() => Scorecard.Score(features, theme, locked, name).Components);
            }
            else _mismatches++;
        }
        return score;
    }

    /// <summary>One warning per import, not one per photo.</summary>
    public void Finish()
    {
        if (_unavailable is not null)
        {
            _context.Warning($"Score components of '{_context.StageFile}' were not rebuilt ({_unavailable}); the scores themselves are as recorded.");
        }
        else if (_mismatches > 0)
        {
            _context.Warning($"Score components of {_mismatches} photo(s) in '{_context.StageFile}' were not rebuilt: the theme or features changed since scoring, so the scorecard no longer gives the recorded scores (which are kept).");
        }
    }

    private static bool Same(PhotoScore a, PhotoScore b) =>
        a.QTech == b.QTech && a.Aesthetic == b.Aesthetic && a.Vibe == b.Vibe && a.Typography == b.Typography
        && a.Composition == b.Composition && a.Total == b.Total && a.IsDropped == b.IsDropped && a.Verdict == b.Verdict;

    /// <summary>The theme the scoring record was made with, found by its hash; null when no theme here has it.</summary>
    internal static PhotoTheme? FindTheme(ScoringStageDocument document, string workspace)
    {
        foreach (var candidate in new[] { document.ThemeSpecRef, BuiltInTheme.Name }.Concat(ThemeResolver.Available(workspace)))
        {
            try
            {
                var theme = ThemeResolver.Resolve(candidate, workspace);
                if (theme.Hash == document.ThemeHash) return theme;
            }
            catch (Exception ex) when (ex is FileNotFoundException or ThemeValidationException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                // Not this one; a broken theme file elsewhere in data/themes must not stop the import.
            }
        }
        return null;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
