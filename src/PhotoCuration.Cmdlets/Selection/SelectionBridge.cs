using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Selection;

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class SelectionBridge
{
    public static IReadOnlyList<string> Axes => Engine.Core.Axes.All;

    public static void ValidateAxes(PSCmdlet cmdlet, Hashtable emphasis)
    {
        foreach (var key in emphasis.Keys)
        {
            var name = key?.ToString() ?? "";
            if (!Axes.Contains(name, StringComparer.Ordinal))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException($"Unknown axis '{name}' in -AxisEmphasis. Axes: {string.Join(", ", Axes)}."),
                    "UnknownAxis", ErrorCategory.InvalidArgument, name));
            }
            if (!double.TryParse(Convert.ToString(emphasis[key!], CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || double.IsNaN(value) || double.IsInfinity(value))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-AxisEmphasis {name} must be a number of 0 or more, not '{emphasis[key!]}'."),
                    "InvalidAxisEmphasis", ErrorCategory.InvalidArgument, name));
            }
        }
    }

    public static IReadOnlyList<PhotoMoment> MomentsFromPhotos(string batchId, string workspace, IReadOnlyList<Photo> photos) =>
        Engine.Selection.SelectionStage.MomentsFromPhotos(batchId, workspace, photos);

    public static (CuratedSet Set, string StageJson) Run(PSCmdlet cmdlet, string workspace, string batchId, IReadOnlyList<PhotoMoment> moments,
        string? theme, int? count, double? qualityWeight, double? diversityWeight, Hashtable? emphasis, int maxPerMoment)
    {
        var resolved = Themes.ThemeBridge.ResolveOrError(cmdlet, theme, workspace);
        var given = new Engine.Curation.ExplicitSelection
        {
            Count = count,
            QualityWeight = qualityWeight,
            DiversityWeight = diversityWeight,
            MaxPerMoment = maxPerMoment,
            AxisEmphasis = emphasis?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => Convert.ToDouble(e.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal),
        };
        var result = Engine.Curation.SelectionStep.Run(resolved, Engine.Selection.SelectionOptions.FromTheme(resolved), Review.OverridesBridge.Load(cmdlet, workspace, batchId),
            given, batchId, new Engine.Workspace.WorkspaceLayout(workspace), moments, Array.Empty<Photo>());
        return (result.Set, result.StageJson);
    }
}
