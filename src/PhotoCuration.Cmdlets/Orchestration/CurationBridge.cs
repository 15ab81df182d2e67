using System.Management.Automation;
using PhotoCuration.Engine.Core;
using PhotoCuration.Engine.Curation;

namespace PhotoCuration.Cmdlets.Orchestration;

/// <summary>
/// Carries Invoke-PhotoCuration's parameters into the engine's <see cref="CurationSession"/> and its reports
/// back out (kept out of the public cmdlet class so that engine types load only after the module has routed
/// them to the engine's load context).
/// </summary>
internal static class CurationBridge
{
    /// <summary>What -BatchFile holds: its photos (resolved), batch id, theme and overrides.</summary>
    public sealed record BatchInput(IReadOnlyList<string> Files, string BatchId, string? Theme, IReadOnlyList<string> LockIn, IReadOnlyList<string> Exclude);

    public static BatchInput LoadBatchFile(InvokePhotoCurationCommand cmdlet, string file)
    {
        try
        {
            var input = Engine.Ingest.BatchInputFile.Load(file);
            return new BatchInput(Ingest.BatchFiles.Resolve(cmdlet, input, file, cmdlet.Library), input.BatchId, input.ThemeSpecRef, input.UserOverrides.LockIn.ToList(), input.UserOverrides.Exclude.ToList());
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidBatchFile", ErrorCategory.InvalidData, file));
            throw;
        }
    }

    public static CurationSummary Run(InvokePhotoCurationCommand cmdlet, IReadOnlyList<string> paths, BatchInput? input, string workspace, string? outputPath)
    {
        var theme = cmdlet.Theme ?? input?.Theme;
        var request = new CurationRequest
        {
            Paths = paths,
            Files = input?.Files ?? Array.Empty<string>(),
            LockIn = (cmdlet.LockIn ?? Array.Empty<string>()).Concat(input?.LockIn ?? Array.Empty<string>()).ToList(),
            Exclude = (cmdlet.ExcludePhoto ?? Array.Empty<string>()).Concat(input?.Exclude ?? Array.Empty<string>()).ToList(),
            Recurse = cmdlet.Recurse,
            Workspace = workspace,
            BatchId = cmdlet.BatchId ?? input?.BatchId,
            Theme = theme,
            Selection = new ExplicitSelection
            {
                Count = cmdlet.Count,
                MaxPerMoment = cmdlet.MaxPerMoment,
                DiversityWeight = cmdlet.DiversityWeight,
                AxisEmphasis = cmdlet.AxisEmphasis?.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => Convert.ToDouble(e.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal),
            },
            OutputPath = outputPath,
            SidecarsBesideOriginals = cmdlet.SidecarsBesideOriginals,
            Ranking = cmdlet.Judge == "OpenAI"
                ? new Engine.Ranking.RankingRequest("openai", theme, Environment.GetEnvironmentVariable("OPENAI_BASE_URL") is { Length: > 0 } url ? url : null, null,
                    Environment.GetEnvironmentVariable("OPENAI_API_KEY") is { Length: > 0 } key ? key : null, null, null, null, TimeSpan.FromSeconds(60), "low", 4)
                : null,
            Xmp = cmdlet.Xmp,
            Csv = cmdlet.Csv,
            Workers = cmdlet.ThrottleLimit,
            ModuleModelsDir = Models.ModelsBridge.ModuleModelsDir,
            Library = Distributed.DistributedBridge.Library(cmdlet, cmdlet.Library),
            Distribution = Distributed.DistributedBridge.Request(cmdlet, cmdlet.Broker, cmdlet.Credential, cmdlet.Library),
        };
        CurationSession session;
        try
        {
            session = new CurationSession(request, new CurationReporter(cmdlet), cmdlet.Token);
        }
        catch (Engine.Themes.ThemeValidationException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidTheme", ErrorCategory.InvalidData, ex.File));
            throw;
        }
        catch (FileNotFoundException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "ThemeNotFound", ErrorCategory.ObjectNotFound, theme));
            throw;
        }
        catch (CurationParameterException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, ErrorCategory.InvalidArgument, ex.ParamName));
            throw;
        }
        var outerParent = ProgressReporter.ParentActivity.Value;
        ProgressReporter.ParentActivity.Value = CurationReporter.ActivityId;
        try
        {
            CurationSummary summary = null!;
            CmdletStageReporter.StopOnCancel(() => summary = session.Run());
            cmdlet.VerboseLine($"{summary.Imported} imported, {summary.Failed} failed, {summary.Dropped} dropped, {summary.Moments} moments, {summary.Selected} selected in {summary.TotalMs} ms");
            return summary;
        }
        catch (Engine.Distributed.BrokerException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "BrokerUnavailable", ErrorCategory.ConnectionError, cmdlet.Broker));
            throw;
        }
        catch (InvalidDataException ex)
        {
            // A bad overrides file: selecting without it would break a lock or an exclusion the person asked for.
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidOverridesFile", ErrorCategory.InvalidData, workspace));
            throw;
        }
        finally
        {
            ProgressReporter.ParentActivity.Value = outerParent;
            cmdlet.WriteProgress(new ProgressRecord(CurationReporter.ActivityId, "Invoke-PhotoCuration", "done") { RecordType = ProgressRecordType.Completed });
        }
    }

    /// <summary>The session's reports as Invoke-PhotoCuration's streams: one bar over the stages, each stage's bar nested under it.</summary>
    private sealed class CurationReporter : CmdletStageReporter, ICurationReporter
    {
        public const int ActivityId = 20;
        private readonly InvokePhotoCurationCommand _cmdlet;
        private readonly Dictionary<string, ProgressReporter> _stages = new(StringComparer.Ordinal);

        public CurationReporter(InvokePhotoCurationCommand cmdlet) : base(cmdlet, ActivityId + 1, "Invoke-PhotoCuration") => _cmdlet = cmdlet;

        public void StageStarted(StageDescriptor stage, int index, int count) =>
            _cmdlet.WriteProgress(new ProgressRecord(ActivityId, "Invoke-PhotoCuration", $"stage {index + 1} of {count}: {stage.Cmdlet}")
            {
                PercentComplete = Math.Clamp(100 * index / Math.Max(1, count), 0, 100),
            });

        public void StageFinished(StageDescriptor stage, long milliseconds, string summary)
        {
            if (_stages.Remove(stage.Name, out var progress)) progress.Complete();
            _cmdlet.VerboseLine($"{stage.Cmdlet}: {summary} in {milliseconds} ms");
        }

        public override void Progress(StageDescriptor stage, int done, int total)
        {
            if (!_stages.TryGetValue(stage.Name, out var progress))
            {
                progress = new ProgressReporter(_cmdlet, ActivityId + 1 + stage.Order, $"{stage.Cmdlet}: {stage.Name}");
                _stages[stage.Name] = progress;
            }
            progress.Report(done, total);
        }

        public override void Verbose(string message) => _cmdlet.VerboseLine(message);
    }
}
