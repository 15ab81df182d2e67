using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Review;

/// <summary>Export-CurationReport's engine: the review page of a batch, from its cached stages, as one file.</summary>
public static class CurationReport
{
    public const string DefaultFileName = "review.html";

    /// <summary>Default place of the page: data/output/&lt;batch_id&gt;/review.html, beside curated_list.json.</summary>
    public static string DefaultPath(string workspace, string batchId) =>
        Path.Combine(new WorkspaceLayout(workspace).OutputDir, BatchIds.Validate(batchId), DefaultFileName);

    /// <param name="Problems">Photos left off the page, one error each (<see cref="ReviewBatch.Problems"/>).</param>
    public sealed record Result(string Html, int Photos, int Selected, IReadOnlyList<string> Warnings, IReadOnlyList<PhotoInputException> Problems);

    /// <summary>Builds the page (no server token: buttons hidden).</summary>
    /// <param name="agreement">Agreement with the photographer's decisions to show (<see cref="AgreementSection.Load"/>), or null.</param>
    /// <param name="library">-Library roots for the batch's library-relative originals; null: its recorded ones.</param>
    public static Result Build(string workspace, string batchId, int workers, CancellationToken cancellation = default, CurationAgreement? agreement = null, Distributed.LibraryRoots? library = null)
    {
        var batch = ReviewBatch.Load(workspace, batchId, library);
        var overrides = BatchOverridesFile.Load(batch.Layout, batch.BatchId);
        var thumbs = new Thumbnails(batch.Layout.Root);
        thumbs.Prepare(batch.Photos, workers, cancellation);
        var html = ReportPage.Build(batch, overrides, thumbs, agreement: agreement);
        return new Result(html, batch.Photos.Count, batch.Optimizer?.SelectedIds.Count ?? 0, batch.Warnings, batch.Problems);
    }
}
