using PhotoCuration.Engine.Curation;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Samples;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Curation;

/// <summary>The one-call run in the engine, on the sample shoot's real pixels, reporting to a recorder as a cmdlet would.</summary>
public sealed class CurationSessionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private sealed class Recorder : ICurationReporter
    {
        public List<string> Started { get; } = new();
        public List<string> Finished { get; } = new();
        public List<(string Stage, string Path, string ErrorId)> Failed { get; } = new();
        public List<string> Warnings { get; } = new();
        public int ProgressReports { get; private set; }

        public void Progress(StageDescriptor stage, int done, int total) => ProgressReports++;
        public void PhotoFailed(StageDescriptor stage, string path, Exception error) =>
            Failed.Add((stage.Name, path, PhotoInputException.Describe(error, path).ErrorId));
        public void Warning(string message) => Warnings.Add(message);
        public void Verbose(string message) { }
        public void StageStarted(StageDescriptor stage, int index, int count) => Started.Add($"{index + 1}/{count} {stage.Name}");
        public void StageFinished(StageDescriptor stage, long milliseconds, string summary) => Finished.Add(stage.Name);
    }

    [Fact]
    public void Runs_every_stage_in_catalogue_order_reports_the_bad_file_and_writes_every_document()
    {
        var shoot = Directory.CreateDirectory(_temp.File("shoot")).FullName;
        new SampleShootGenerator(600, 400).Write(shoot, new DateTime(2024, 9, 14, 8, 12, 5));
        File.WriteAllText(Path.Combine(shoot, "notes.jpg"), "not a photo");
        var recorder = new Recorder();
        var request = new CurationRequest
        {
            Paths = new[] { shoot },
            Workspace = _temp.File("ws"),
            BatchId = "s1",
            Selection = new ExplicitSelection { Count = 3 },
            Workers = 2,
        };

        var summary = new CurationSession(request, recorder, CancellationToken.None).Run();

        var stages = new[] { "ingest", "preprocess", "features", "faces", "scoring", "clustering", "optimizer", "exporter" };
        Assert.Equal(stages.Select((s, i) => $"{i + 1}/8 {s}"), recorder.Started);
        Assert.Equal(stages, recorder.Finished);
        Assert.Equal(stages, summary.StageTimingsMs.Keys.OrderBy(k => k, StageCatalog.Order));
        var failure = Assert.Single(recorder.Failed);
        Assert.Equal(("ingest", PhotoErrorIds.NotAnImage), (failure.Stage, failure.ErrorId));
        Assert.Equal(1, summary.Failed);
        Assert.Equal(Directory.GetFiles(shoot, "*.jpg").Length - 1, summary.Imported);
        Assert.Equal(3, summary.Selected);
        Assert.Equal(summary.Kept + summary.Dropped, summary.Imported);
        Assert.True(recorder.ProgressReports > 0);
        var layout = new WorkspaceLayout(request.Workspace);
        foreach (var stage in stages.Where(s => s != "exporter")) Assert.True(File.Exists(layout.StageJsonPath(stage, "s1")), stage);
        Assert.Equal(Path.Combine(layout.OutputDir, "s1", "curated_list.json"), summary.CuratedListPath);
        Assert.Equal(3, summary.CuratedSet!.Count);
    }

    [Fact]
    public void A_theme_that_does_not_exist_fails_before_anything_is_written()
    {
        var request = new CurationRequest { Paths = new[] { _temp.Path }, Workspace = _temp.File("ws"), Theme = "no-such-theme" };
        Assert.Throws<FileNotFoundException>(() => new CurationSession(request, new Recorder(), CancellationToken.None));
        Assert.False(Directory.Exists(Path.Combine(request.Workspace, "intermediateJsons")));
    }

    public void Dispose() => _temp.Dispose();
}
