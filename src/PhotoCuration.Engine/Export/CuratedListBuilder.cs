using System.Globalization;
using System.Text.Json;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Export;

/// <summary>Turns a <see cref="CuratedSet"/> into the curated_list.json document (docs/architecture.md#stage-documents, exporter).</summary>
public static class CuratedListBuilder
{
    /// <summary>The picks in sequence order, ranks and stars completed (<see cref="CuratedOrder.Complete"/>).</summary>
    public static IReadOnlyList<CuratedItem> Ordered(CuratedSet set) => CuratedOrder.Complete(set);

    public static CuratedListDocument Build(CuratedSet set, WorkspaceLayout layout, DateTimeOffset createdAt,
        IReadOnlyDictionary<string, long> stageTimings, long llmTokens)
    {
        var items = Ordered(set);
        var p = set.Parameters ?? new SelectionParameters();
        var document = new CuratedListDocument
        {
            BatchId = set.BatchId,
            ThemeSpecRef = set.Theme,
            Audit = new CuratedListDocument.AuditRecord
            {
                CreatedAt = createdAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                Run = string.IsNullOrEmpty(set.RunName) ? null : set.RunName,
                OptimizerParams = new CuratedListDocument.OptimizerParams
                {
                    Count = p.Count,
                    QualityWeight = p.QualityWeight,
                    DiversityWeight = p.DiversityWeight,
                    AxisEmphasis = new(p.AxisEmphasis ?? new(), StringComparer.Ordinal),
                    RoleQuotas = new(p.RoleQuotas ?? new(), StringComparer.Ordinal),
                    MaxPerMoment = p.MaxPerMoment,
                    Seed = p.Seed,
                    Similarity = p.Similarity,
                    CandidateCount = set.CandidateCount,
                    Objective = set.Objective,
                },
                StageTimingsMs = new(stageTimings.ToDictionary(kv => kv.Key, kv => kv.Value), StageCatalog.Order),
                Seeds = new(StringComparer.Ordinal) { ["selection"] = p.Seed },
                LlmTokens = llmTokens,
            },
        };
        foreach (var item in items)
        {
            var photo = item.Photo;
            var score = photo.Score;
            document.Items.Add(new CuratedListDocument.Item
            {
                PhotoId = photo.PhotoId,
                Sequence = item.Sequence,
                Rank = item.Rank,
                Rating = item.Rating,
                ClusterId = item.MomentId ?? photo.MomentId,
                Role = item.Role,
                Scores = new CuratedListDocument.ScoresRecord
                {
                    QTech = score?.QTech,
                    Aesthetic = score?.Aesthetic,
                    Vibe = score?.Vibe,
                    Typography = score?.Typography,
                    Composition = score?.Composition,
                    Total = score?.Total,
                },
                DiversityTags = (item.Tags ?? Array.Empty<string>()).ToList(),
                DiversityAxes = Axes(item.Axes),
                Verdict = GateVerdict.Of(score),
                Reasons = (item.Reasons ?? Array.Empty<string>()).ToList(),
                Artifacts = new CuratedListDocument.ArtifactsRecord
                {
                    Std = photo.Preprocess is { StandardizedPath.Length: > 0 } std ? WorkspacePaths.ToRelative(layout, std.StandardizedPath) : null,
                    Ranking = photo.Preprocess is { RankingPath.Length: > 0 } ranking ? WorkspacePaths.ToRelative(layout, ranking.RankingPath) : null,
                    Original = photo.Path.Length > 0 ? OriginalPaths.ToStored(photo) : "",
                    Exported = ExportFileName.For(item.Sequence, items.Count, photo.FileName.Length > 0 ? photo.FileName : Path.GetFileName(photo.Path)),
                },
            });
        }
        return document;
    }

    /// <summary>Numeric values (people_count: 2) as numbers, categories as strings.</summary>
    private static SortedDictionary<string, object> Axes(Dictionary<string, string>? axes)
    {
        var map = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (axis, value) in axes ?? new())
        {
            map[axis] = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? number
                : value;
        }
        return map;
    }

    /// <summary>
    /// Tokens the LLM judge spent on the batch: <c>judge_costs.tokens_est</c> of
    /// intermediateJsons/ranking/&lt;batch_id&gt;.json, 0 when the batch was not judged. A ranking record
    /// that cannot be read counts 0 and is reported through <paramref name="warning"/>.
    /// </summary>
    public static long LlmTokens(WorkspaceLayout layout, string batchId, Action<string> warning)
    {
        var path = layout.StageJsonPath(StageCatalog.Ranking, batchId);
        if (!File.Exists(path)) return 0;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("judge_costs", out var costs) && costs.ValueKind == JsonValueKind.Object
                && costs.TryGetProperty("tokens_est", out var tokens) && tokens.TryGetInt64(out var n)
                ? n
                : 0;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            warning($"LLM tokens counted as 0: '{path}' cannot be read ({ex.Message}).");
            return 0;
        }
    }
}
