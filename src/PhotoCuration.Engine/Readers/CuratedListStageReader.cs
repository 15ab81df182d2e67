using PhotoCuration.Engine.Export;

namespace PhotoCuration.Engine.Readers;

/// <summary>
/// The exporter's record (the curated list) read back as the <see cref="CuratedSet"/> that was exported.
/// The list holds what the layout service needs, not the selection's working (role probabilities, gains,
/// pick order, coverage, prompts, parameters): those come from the batch's optimizer record, which must
/// hold the same picks in the same order — a list exported from another selection than the batch's last
/// one is reported, not patched.
/// </summary>
public sealed class CuratedListStageReader : IStageReader
{
    public IEnumerable<object> Read(StageImportContext context)
    {
        var list = context.Document<CuratedListDocument>(StageCatalog.Exporter.Name);
        var set = CuratedSetStageReader.Rebuild(context);
        var exported = list.Items.Where(i => i is not null).Select(i => i.PhotoId).ToList();
        var selected = set.Items.Select(i => i.PhotoId).ToList();
        if (!exported.SequenceEqual(selected, StringComparer.Ordinal))
        {
            throw new PhotoInputException(PhotoErrorIds.PhotoNotInEarlierStage, PhotoProblem.Changed, context.StageFile,
                $"'{context.StageFile}' lists {exported.Count} pick(s) that are not the {selected.Count} of the optimizer record of batch '{context.BatchId}' "
                + $"({context.Layout.StageJsonPath(StageCatalog.Optimizer, context.BatchId)}): it was exported from another selection. Import the optimizer record, or export the batch again.");
        }
        yield return set;
    }
}
