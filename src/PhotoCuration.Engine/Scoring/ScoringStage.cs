using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Scoring;

/// <summary>
/// The scoring stage for one workspace: the scorecard of a measured photo under the theme, nothing
/// cached (scoring is arithmetic on the cached features). A photo the technical gate drops leaves the
/// stream unless <c>includeDropped</c>; it is recorded either way.
/// </summary>
public sealed class ScoringStage : IPhotoStage<PhotoScore>
{
    private readonly WorkspaceLayout _layout;
    private readonly PhotoTheme _theme;
    private readonly bool _includeDropped;

    public ScoringStage(WorkspaceLayout layout, PhotoTheme theme, bool includeDropped)
    {
        _layout = layout;
        _theme = theme;
        _includeDropped = includeDropped;
    }

    public StageDescriptor Descriptor => StageCatalog.Scoring;

    /// <summary>Photos dropped by the technical gate so far.</summary>
    public int Dropped { get; private set; }

    public string? CacheKey(Photo photo) => null;

    public PhotoScore Process(Photo photo, CancellationToken cancellation) => photo.Features is null
        ? throw new PhotoInputException(PhotoErrorIds.NotMeasured, PhotoProblem.NotFound, photo.Path, $"'{photo.FileName}' has no features; run Get-PhotoFeatures first.")
        : Scorecard.Score(photo.Features, _theme, photo.IsLocked, photo.FileName);

    public bool FromCache(PhotoScore result) => false;

    public bool Attach(Photo photo, PhotoScore result)
    {
        photo.Score = result;
        if (result.IsDropped) Dropped++;
        return _includeDropped || !result.IsDropped;
    }

    public StageRecord NewRecord(string batchId) => new ScoringBatch(batchId, _layout, _theme);
}
