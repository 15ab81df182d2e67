using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

public sealed class StageTimingLogTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private WorkspaceLayout Layout => new(_temp.Path);

    [Fact]
    public void Each_stage_keeps_its_latest_time_in_pipeline_order()
    {
        StageTimingLog.Record(Layout, "b1", "scoring", 30);
        StageTimingLog.Record(Layout, "b1", "ingest", 10);
        StageTimingLog.Record(Layout, "b1", "custom", 5);
        StageTimingLog.Record(Layout, "b1", "scoring", 20);
        StageTimingLog.Record(Layout, "other", "ingest", 99);
        var timings = StageTimingLog.Read(Layout, "b1");
        Assert.Equal(new[] { "ingest", "scoring", "custom" }, timings.Keys);
        Assert.Equal(new long[] { 10, 20, 5 }, timings.Values);
        Assert.Equal(Path.Combine(_temp.Path, "data", "cache", "timings", "b1.json"), StageTimingLog.PathFor(Layout, "b1"));
    }

    [Fact]
    public void Concurrent_stages_lose_no_entry()
    {
        var stages = Enumerable.Range(0, 24).Select(i => "stage" + i).ToList();
        Parallel.ForEach(stages, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (stage, _, i) => StageTimingLog.Record(Layout, "b1", stage, i));
        Assert.Equal(stages.OrderBy(s => s, StringComparer.Ordinal), StageTimingLog.Read(Layout, "b1").Keys);
    }

    [Fact]
    public void A_damaged_log_reads_as_empty_and_is_replaced()
    {
        var path = StageTimingLog.PathFor(Layout, "b1");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{\"ingest\": ");
        Assert.Empty(StageTimingLog.Read(Layout, "b1"));
        StageTimingLog.Record(Layout, "b1", "features", 7);
        Assert.Equal(7, StageTimingLog.Read(Layout, "b1")["features"]);
    }

    public void Dispose() => _temp.Dispose();
}
