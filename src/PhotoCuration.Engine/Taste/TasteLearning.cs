using System.Globalization;
using PhotoCuration.Engine.Curation;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Taste;

/// <summary>
/// New-PhotoTheme -LearnFrom's engine: curates each folder in the workspace (a normal, cached run under the
/// base theme), reads the photographer's decisions, turns each culled shoot's moments into labelled photos,
/// evaluates leave-one-shoot-out, learns on all shoots, and writes the theme: the learned weights when the
/// adoption rule holds (docs/algorithms.md#adoption-rule), else the base weights, with a comment block
/// saying what it learned from.
/// </summary>
public static class TasteLearning
{
    /// <param name="Library">-Library roots: shoots under one are recorded library-relative and read back through them (docs/distributed.md#library-relative-paths); null: none.</param>
    public sealed record Request(IReadOnlyList<string> Folders, string Name, string OutFile, string Workspace, string? BaseTheme, int Seed, int Workers, string? ModuleModelsDir,
        Distributed.LibraryRoots? Library = null);

    public static ThemeLearning Run(Request request, Action<PhotoInputException> problem, Action<string> warning, CancellationToken cancellation)
    {
        var baseTheme = ThemeResolver.Resolve(request.BaseTheme, request.Workspace);
        var shoots = new List<(string Folder, TasteShoot Shoot)>();
        foreach (var folder in request.Folders)
        {
            cancellation.ThrowIfCancellationRequested();
            if (Shoot(request, folder, problem, warning, cancellation) is { } shoot) shoots.Add((folder, shoot));
        }
        var list = shoots.Select(s => s.Shoot).ToList();
        var report = TasteEvaluation.Evaluate(list, baseTheme, request.Seed);
        var learned = TasteModel.Learn(list, baseTheme, request.Name);
        var written = report.Adopt ? learned.Theme : TasteModel.With(baseTheme, request.Name, TasteModel.WeightsOf(baseTheme), baseTheme.QTechMin);
        var curve = report.Curve.Select(c => Inv($"{c.Shoots}: {c.Learned:0.000} (base {c.Default:0.000})")).ToArray();
        var comment = new List<string>
        {
            Inv($"Learned by New-PhotoTheme -LearnFrom from {list.Count} culled shoot(s), {learned.Pairs} within-moment pick-vs-non-pick pairs in {learned.Moments} moments:"),
        };
        comment.AddRange(shoots.Select(s => "  " + Path.GetFullPath(s.Folder)));
        comment.Add(Inv($"Base theme: {baseTheme.Name}. Model: pairwise-logistic (Bradley–Terry), w ≥ 0, Σw = 1, w ≤ {WeightFit.Cap}, prior κ = {WeightFit.PriorStrength} toward the base weights (docs/algorithms.md#learning-weights)."));
        comment.Add(Inv($"Learned weights: q_tech {learned.Theme.Weights.QTech}, aesthetic {learned.Theme.Weights.Aesthetic}, vibe {learned.Theme.Weights.Vibe}, typography {learned.Theme.Weights.Typography}, composition {learned.Theme.Weights.Composition}; q_tech_min {learned.Theme.QTechMin}."));
        if (learned.Theme.Taste is { } taste)
        {
            var strongest = taste.Properties.Where(p => p.Weight != 0).OrderByDescending(p => Math.Abs(p.Weight)).ThenBy(p => p.Name, StringComparer.Ordinal).Take(5)
                .Select(p => Inv($"{p.Name} {p.Weight:+0.0000;-0.0000}"));
            comment.Add(Inv($"Learned taste over measured properties (Total per sd, ±{taste.Bound} at most; docs/algorithms.md#taste-over-measured-properties): ") + string.Join(", ", strongest) + ".");
        }
        comment.Add(report.Verdict + ".");
        if (curve.Length > 0) comment.Add("Learning curve (training shoots: held-out agreement): " + string.Join("; ", curve) + ".");
        var yaml = ThemeYamlWriter.ToYaml(written, comment);
        var outFile = Path.GetFullPath(request.OutFile);
        Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
        AtomicFile.WriteAllText(outFile, yaml);
        return new ThemeLearning
        {
            Name = request.Name,
            OutFile = outFile,
            BaseTheme = baseTheme.Name,
            Shoots = shoots.Select(s => Path.GetFullPath(s.Folder)).ToArray(),
            Pairs = learned.Pairs,
            Adopted = report.Adopt,
            Verdict = report.Verdict,
            DefaultAgreement = report.DefaultAgreement,
            LearnedAgreement = report.LearnedAgreement,
            GainLow = report.DifferenceLow,
            GainHigh = report.DifferenceHigh,
            LearningCurve = curve,
            Weights = written.Weights,
            QTechMin = written.QTechMin,
            LearnedWeights = learned.Theme.Weights,
            LearnedTaste = learned.Theme.Taste,
        };
    }

    /// <summary>One folder curated and labelled; null (with a warning) when it holds no decisions or no moments.</summary>
    private static TasteShoot? Shoot(Request request, string folder, Action<PhotoInputException> problem, Action<string> warning, CancellationToken cancellation)
    {
        var decisions = ShootDecisions.Read(new[] { folder });
        foreach (var p in decisions.Problems) problem(p);
        if (!decisions.IsCulled)
        {
            warning($"'{folder}' holds no ratings, labels or pick flags: it is not a culled shoot and is not learned from.");
            return null;
        }
        // Two shoots may share a folder name (2023/wedding, 2024/wedding): the path's hash keeps their batches apart.
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var pathHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(full)))[..8].ToLowerInvariant();
        var batchId = BatchIds.FromName($"taste-{pathHash}-{Path.GetFileName(full)}");
        var reporter = new CollectingReporter();
        var session = new CurationSession(new CurationRequest
        {
            Paths = new[] { Path.GetFullPath(folder) },
            Recurse = true,
            Workspace = request.Workspace,
            BatchId = batchId,
            Theme = request.BaseTheme,
            Workers = request.Workers,
            ModuleModelsDir = request.ModuleModelsDir,
            Library = request.Library ?? Distributed.LibraryRoots.None,
        }, reporter, cancellation);
        session.Run();
        foreach (var p in reporter.Problems) problem(p);
        foreach (var w in reporter.Warnings) warning(w);

        var layout = new WorkspaceLayout(request.Workspace);
        var run = WorkspaceAgreement.LoadRun(layout, batchId, problem, _ => { }, request.Library);
        // Byte-identical files share a photo id and their features: the first one stands for them.
        var features = new Dictionary<string, PhotoFeatures>(StringComparer.Ordinal);
        foreach (var p in StageImporter.Import(layout.StageJsonPath(StageCatalog.Scoring, batchId), layout.Root, includeDropped: true, problem, _ => { }, request.Library).OfType<Photo>())
        {
            if (p.Features is { } f) features.TryAdd(p.PhotoId, f);
        }
        var matcher = new DecisionMatcher(decisions.Decisions);
        var rule = PickRule.For(decisions.Decisions, null);
        var photos = new List<TastePhoto>();
        foreach (var p in run.Photos)
        {
            if (p.MomentId is null || !features.TryGetValue(p.PhotoId, out var f) || matcher.Find(p.Path) is not { } d) continue;
            var label = rule.IsPick(d) ? TasteLabel.Pick : d.IsRejected ? TasteLabel.Reject : d.HasDecision ? TasteLabel.Rated : TasteLabel.Unrated;
            photos.Add(new TastePhoto(p.PhotoId, p.FileName, p.MomentId, f, label));
        }
        return new TasteShoot(folder, photos);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
