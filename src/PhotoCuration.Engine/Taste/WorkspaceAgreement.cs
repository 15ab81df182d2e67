using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Taste;

/// <summary>
/// Measure-CurationAgreement's engine: reads a batch's run from its stage records (scoring; ranking, else
/// clustering; optimizer when present), the photographer's decisions from the reference folders, measures
/// the agreement and writes it as <c>data/agreement/&lt;batch&gt;.json</c>, atomically.
/// </summary>
public static class WorkspaceAgreement
{
    public static string ReportPath(WorkspaceLayout layout, string batchId) =>
        Path.Combine(layout.DataDir, "agreement", BatchIds.Validate(batchId) + ".json");

    /// <param name="library">-Library roots for the batch's library-relative originals; null: its recorded ones (docs/distributed.md#library-relative-paths).</param>
    public static CurationAgreement Measure(string workspace, string batchId, IReadOnlyList<string> reference, int? pickRating,
        Action<PhotoInputException> problem, Action<string> warning, Distributed.LibraryRoots? library = null)
    {
        var layout = new WorkspaceLayout(workspace);
        var run = LoadRun(layout, batchId, problem, warning, library);
        var decisions = ShootDecisions.Read(reference);
        foreach (var p in decisions.Problems) problem(p);
        if (!decisions.IsCulled) warning($"The reference ({string.Join(", ", reference)}) holds no ratings, labels or pick flags: there is nothing to agree with.");
        var agreement = AgreementMeasure.Measure(run, decisions.Decisions, pickRating, reference.Select(Path.GetFullPath).ToArray());
        agreement.ReportPath = ReportPath(layout, batchId);
        Directory.CreateDirectory(Path.GetDirectoryName(agreement.ReportPath)!);
        StageJson.Write(agreement.ReportPath, agreement);
        return agreement;
    }

    /// <summary>The run of a batch from its stage records; a missing scoring record is an error, missing later records leave their parts empty.</summary>
    public static AgreementRun LoadRun(WorkspaceLayout layout, string batchId, Action<PhotoInputException> problem, Action<string> warning, Distributed.LibraryRoots? library = null)
    {
        // The three records rebuild the same photos: a photo that cannot be (UnknownLibrary) is one error, not one per record.
        var reported = new HashSet<(string, string)>();
        void Once(PhotoInputException e)
        {
            if (reported.Add((e.ErrorId, e.FilePath))) problem(e);
        }
        IEnumerable<object> Import(string file) => StageImporter.Import(file, layout.Root, includeDropped: true, Once, warning, library);
        var scoring = layout.StageJsonPath(StageCatalog.Scoring, batchId);
        var photos = new Dictionary<string, Photo>(StringComparer.Ordinal);
        foreach (var p in Import(scoring).OfType<Photo>()) photos.TryAdd(p.PhotoId, p);

        var heroes = new Dictionary<string, string>(StringComparer.Ordinal);
        var momentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var momentsFile = new[] { StageCatalog.Ranking, StageCatalog.Clustering }.Select(s => layout.StageJsonPath(s, batchId)).FirstOrDefault(File.Exists);
        if (momentsFile is null) warning($"Batch '{batchId}' has no moments yet (Group-PhotoMoment): hero agreement and within-moment pairs are not measured.");
        else
        {
            foreach (var moment in Import(momentsFile).OfType<PhotoMoment>())
            {
                if (moment.Hero is { } hero) heroes[moment.MomentId] = hero.PhotoId;
                foreach (var member in moment.Members)
                {
                    momentOf[member.PhotoId] = moment.MomentId;
                    photos[member.PhotoId] = member; // the moment's copy carries any sibling flag on its Total
                }
            }
        }

        var setIds = new List<string>();
        var reasons = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var optimizer = layout.StageJsonPath(StageCatalog.Optimizer, batchId);
        if (!File.Exists(optimizer)) warning($"Batch '{batchId}' has no curated set yet (Select-CuratedSet): precision and recall are not measured.");
        else
        {
            foreach (var set in Import(optimizer).OfType<CuratedSet>())
            {
                foreach (var item in set.Items)
                {
                    setIds.Add(item.PhotoId);
                    reasons[item.PhotoId] = item.Reasons;
                }
            }
        }

        var list = photos.Values.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.PhotoId, StringComparer.Ordinal)
            .Select(p => new AgreementPhoto(p.PhotoId, p.Path, p.FileName, momentOf.GetValueOrDefault(p.PhotoId) ?? p.MomentId, p.Score?.Total ?? 0, p.Score))
            .ToList();
        return new AgreementRun(batchId, layout.Root, list, heroes, setIds, reasons);
    }
}
