using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Readers;
using Xunit;
using Xunit.Abstractions;

namespace PhotoCuration.Tests.Faces;

/// <summary>
/// The face reasons survive the stage documents: the portrait burst run through the real stages
/// (<see cref="FaceShoot"/>), then Import-PhotoStage's importer reads the ranking JSON back. The rebuilt moment has the live order,
/// the live reasons, flags and detail fractions ("face softer than …", "face darker than …"), its photos
/// carry the live faces, and ranking them again from the rebuilt photos gives the same reasons, so the
/// face comparison is rebuilt from the record, not only its words copied. docs/algorithms.md#faces-inside-a-moment
/// </summary>
public sealed class FaceReasonsRoundTripTests
{
    private readonly ITestOutputHelper _output;

    public FaceReasonsRoundTripTests(ITestOutputHelper output) => _output = output;

    [FaceDataFact]
    public void RankingJson_RebuildsTheFaceReasonsOfTheLiveRun()
    {
        using var shoot = new FaceShoot();
        var (layout, theme) = (shoot.Layout, shoot.Theme);
        var live = Assert.Single(shoot.Moments);
        foreach (var r in live.Rationales) _output.WriteLine($"live {r.Rank} {r.FileName}: {r.Reason} | flags {string.Join("; ", r.Flags)}");
        Assert.Equal("a_original.jpg", live.Hero!.FileName);
        Assert.Contains("face softer than", Reason(live, "b_face_blurred.jpg"));
        Assert.Contains("face darker than", Reason(live, "c_face_dark.jpg"));

        var problems = new List<string>();
        var imported = StageImporter.Import(layout.StageJsonPath(StageCatalog.Ranking.Name, FaceShoot.BatchId), layout.Root, includeDropped: true,
            e => problems.Add(e.Message), problems.Add).Cast<PhotoMoment>().ToList();
        Assert.Empty(problems);
        var rebuilt = Assert.Single(imported);
        foreach (var r in rebuilt.Rationales) _output.WriteLine($"rebuilt {r.Rank} {r.FileName}: {r.Reason} | flags {string.Join("; ", r.Flags)}");

        Assert.Equal(live.Members.Select(p => p.PhotoId), rebuilt.Members.Select(p => p.PhotoId));
        Assert.Equal(Words(live.Rationales), Words(rebuilt.Rationales));
        // The faces came back with the photos, value for value.
        foreach (var (a, b) in live.Members.Zip(rebuilt.Members))
        {
            Assert.Equal(a.FaceModel, b.FaceModel);
            Assert.Equal(a.Faces!.Select(Face), b.Faces!.Select(Face));
        }
        // Ranked again from the rebuilt photos, the face comparison says the same.
        var again = MomentRanker.Explain(MomentRanker.Rank(rebuilt.Members), theme.Weights, momentId: rebuilt.MomentId);
        Assert.Equal(MomentRanker.Explain(MomentRanker.Rank(live.Members), theme.Weights, momentId: live.MomentId).Select(r => (r.FileName, r.Reason)), again.Select(r => (r.FileName, r.Reason)));
    }

    private static string Reason(PhotoMoment m, string file) => m.Rationales.Single(r => r.FileName == file).Reason;

    private static IEnumerable<string> Words(IEnumerable<MomentRationale> rationales) =>
        rationales.Select(r => FormattableString.Invariant($"{r.Rank} {r.PhotoId} {r.Reason} [{string.Join("; ", r.Flags)}] {r.DetailFraction}"));

    private static string Face(PhotoFace f) => System.Text.Json.JsonSerializer.Serialize(f);
}
