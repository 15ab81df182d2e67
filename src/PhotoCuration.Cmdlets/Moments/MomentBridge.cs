using System.Diagnostics;
using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Moments;

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class MomentBridge
{
    public sealed record Result(IReadOnlyList<PhotoMoment> Moments, string StageJson, IReadOnlyList<string> Report);

    public static void RecordTiming(string workspace, string batchId, long milliseconds) =>
        Engine.Workspace.StageTimingLog.Record(new Engine.Workspace.WorkspaceLayout(workspace), batchId, Engine.Moments.MomentStage.StageName, milliseconds);

    public static ErrorRecord NotMeasured(Photo photo) => ErrorRecords.ForPhoto(
        new Engine.Core.PhotoInputException(Engine.Core.PhotoErrorIds.NotMeasured, Engine.Core.PhotoProblem.NotFound, photo.Path,
            $"'{photo.FileName}' has no features; run Get-PhotoFeatures and Measure-PhotoScore first."), photo.Path);

    public static Result Run(PSCmdlet cmdlet, string workspace, string batchId, IReadOnlyList<Photo> photos, string? theme,
        double? timeGap, double? maxHash, double? minCosine, bool calibrate)
    {
        var resolved = Themes.ThemeBridge.ResolveOrError(cmdlet, theme, workspace);
        var parameters = Engine.Moments.MomentStage.ParametersFor(resolved, timeGap, maxHash, minCosine);
        var stage = new Engine.Moments.MomentStage(resolved, parameters, calibrate, Engine.Moments.EmbeddingSource.For(photos.ToList()));
        var outcome = stage.Run(batchId, workspace, photos, Array.Empty<Engine.Core.StageError>());
        var path = Engine.Workspace.StageDocumentWriter.Write(new Engine.Workspace.WorkspaceLayout(workspace), outcome.Document);
        return new Result(outcome.Moments, path, Report(outcome));
    }

    /// <summary>A photo shown in the moment-grouped table view (PhotoCuration.Photo#Moment).</summary>
    public static PSObject AsMomentRow(Photo photo, MomentRationale rationale)
    {
        var row = new PSObject(photo);
        row.TypeNames.Insert(0, MomentRowType);
        row.Properties.Add(new PSNoteProperty("MomentRank", rationale.Rank));
        row.Properties.Add(new PSNoteProperty("MomentReason", rationale.Reason));
        return row;
    }

    public const string MomentRowType = "PhotoCuration.Photo#Moment";

    private static IReadOnlyList<string> Report(Engine.Moments.MomentStage.Outcome outcome)
    {
        var d = outcome.Document;
        var lines = new List<string>
        {
            $"thresholds: time gap {d.Params.TimeGapSeconds:0.#} s, hash distance {d.Params.MaxHashDistance:0.#} ({d.Params.UntimedHashDistance:0.#} without capture time), CLIP cosine {d.Params.MinCosine:0.00}; {d.Params.CandidatePairs} candidate pairs of {d.Params.TotalPairs} possible",
            $"hash distance inside moments: {Describe(d.Distances.Within)}",
            $"hash distance between compared frames of different moments: {Describe(d.Distances.Between)}",
        };
        if (d.Params.Calibration is { } c) lines.Insert(0, "auto threshold " + c.Note);
        return lines;
    }

    private static string Describe(Engine.Moments.ClusteringStageDocument.Stats s) =>
        s.Pairs == 0 ? "no pairs" : $"{s.Pairs} pairs, min {s.Min:0.#}, p10 {s.P10:0.#}, median {s.P50:0.#}, p90 {s.P90:0.#}, max {s.Max:0.#}";
}
