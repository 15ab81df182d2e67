using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Samples;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// The sample shoot (small frames) run through the engine's per-photo stages into a workspace, every
/// stage JSON written, as the cmdlets do: the live photo objects of each stage, for export and
/// Import-PhotoStage tests. Also builds curated sets by hand from the scored photos.
/// </summary>
public sealed class ScoredShoot : IDisposable
{
    public const string BatchId = "b1";
    private static readonly DateTime Start = new(2024, 9, 14, 8, 12, 5, 250);
    private readonly TempFolder _temp = new();

    /// <param name="width">Frame width: at 1200×800 (the demo's size) the blurred frame fails the gate.</param>
    public ScoredShoot(string? themeYaml = null, int width = 1200, int height = 800)
    {
        ShootDir = Directory.CreateDirectory(System.IO.Path.Combine(_temp.Path, "shoot")).FullName;
        new SampleShootGenerator(width, height).Write(ShootDir, Start);
        Layout = new WorkspaceLayout(Directory.CreateDirectory(System.IO.Path.Combine(_temp.Path, "ws")).FullName);
        if (themeYaml is not null)
        {
            Directory.CreateDirectory(Layout.ThemesDir);
            System.IO.File.WriteAllText(System.IO.Path.Combine(Layout.ThemesDir, "warm.yaml"), themeYaml);
            Theme = ThemeResolver.Resolve("warm", Layout.Root);
        }
        else
        {
            Theme = ThemeLoader.BuiltIn();
        }

        Ingested = EnginePipeline.Score(ShootDir, Layout, BatchId, Theme, new UserOverrides(new[] { "IMG_0007.jpg" }, new[] { "IMG_0012.jpg" }));
    }

    public string ShootDir { get; }
    public WorkspaceLayout Layout { get; }
    public PhotoTheme Theme { get; }
    /// <summary>Every photo, in ingest order, after scoring (the dropped ones too).</summary>
    public IReadOnlyList<Photo> Ingested { get; }
    public string File(string relative) => _temp.File(relative);

    public Photo Photo(string fileName) => Ingested.First(p => p.FileName == fileName);

    /// <summary>A curated set of the named photos, in that sequence (first opener, last closer); ranks and stars are left for export to complete.</summary>
    public CuratedSet Set(params string[] fileNames)
    {
        var items = fileNames.Select((name, i) =>
        {
            var photo = Photo(name);
            var role = i == 0 ? "opener" : i == fileNames.Length - 1 ? "closer" : "body";
            return new CuratedItem
            {
                Sequence = i + 1,
                Photo = photo,
                MomentId = $"m_{i + 1:0000}",
                Role = role,
                RoleProbability = 0.5 + i * 0.01,
                MarginalGain = 1.0 / (i + 1),
                PickOrder = fileNames.Length - i,
                IsLocked = photo.IsLocked,
                Axes = new Dictionary<string, string> { ["time_of_day"] = photo.Features!.TimeOfDay, ["orientation"] = photo.Features.Orientation, ["people_count"] = "0" },
                Tags = new[] { "time_of_day:" + photo.Features.TimeOfDay, "orientation:" + photo.Features.Orientation },
                Reasons = new[] { $"hero of moment m_{i + 1:0000}: sharpest of 2 frames", $"the only time_of_day:{photo.Features.TimeOfDay} photo in the set" },
            };
        }).ToList();
        return new CuratedSet
        {
            BatchId = BatchId,
            Workspace = Layout.Root,
            Theme = Theme.Name,
            Items = items,
            Coverage = new Dictionary<string, double> { ["time_of_day"] = 0.5 },
            Prompts = new[] { "need more night shots?" },
            Parameters = new SelectionParameters
            {
                Count = items.Count,
                QualityWeight = 0.7,
                DiversityWeight = 0.3,
                AxisEmphasis = new Dictionary<string, double> { ["time_of_day"] = 1.0, ["orientation"] = 0.8 },
                RoleQuotas = new Dictionary<string, int> { ["opener"] = 1, ["closer"] = 1 },
                Seed = 7,
            },
            CandidateCount = 9,
            Objective = 3.25,
        };
    }

    public void Dispose() => _temp.Dispose();
}

/// <summary>One scored shoot shared by the export and Import-PhotoStage tests (they run one after another).</summary>
public sealed class ScoredShootFixture : IDisposable
{
    public ScoredShoot Value { get; } = new();
    public void Dispose() => Value.Dispose();
}

[Xunit.CollectionDefinition(Name)]
public sealed class ScoredShootCollection : Xunit.ICollectionFixture<ScoredShootFixture>
{
    public const string Name = "Scored shoot";
}
