using PhotoCuration.Engine.Ranking;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;

namespace PhotoCuration.Tests.Ranking;

/// <summary>
/// A workspace with scored photos whose ranking JPEGs are real files, grouped into moments, plus a
/// fake chat completions server: what Invoke-MomentRanking sees after Group-PhotoMoment.
/// </summary>
public sealed class RankingFixture : IDisposable
{
    public const string Key = "sk-test-SECRETKEY-0123456789abcdef";
    public const string BatchId = "b1";
    private readonly TempFolder _folder = new();
    private int _seed;

    public RankingFixture()
    {
        Layout = new WorkspaceLayout(_folder.Path);
        Theme = ThemeLoader.BuiltIn();
    }

    public FakeChatServer Server { get; } = new();
    public WorkspaceLayout Layout { get; }
    public PhotoTheme Theme { get; }
    public string Root => _folder.Path;

    /// <summary>A photo with a distinct ranking JPEG and the given Total_prelim.</summary>
    public Photo Photo(string name, double total)
    {
        var seed = ++_seed;
        var path = _folder.File($"data/rankingInput/{name}_{seed:x8}.jpg");
        TestImages.WriteJpeg(path, 48, 32, seed);
        return new Photo
        {
            PhotoId = "sha256:" + FakeChatServer.Sha256(System.Text.Encoding.UTF8.GetBytes(name + seed)),
            FileName = name + ".jpg",
            Path = path,
            BatchId = BatchId,
            Workspace = Root,
            Preprocess = new PhotoPreprocess { RankingPath = path },
            Score = new PhotoScore { Total = total },
        };
    }

    public static PhotoMoment Moment(string id, params Photo[] members)
    {
        var ordered = MomentPlan.PreRank(members);
        return new PhotoMoment
        {
            MomentId = id,
            BatchId = BatchId,
            Members = ordered,
            Hero = ordered[0],
            Alternates = ordered.Skip(1).ToArray(),
            Rationales = ordered.Select((p, i) => new MomentRationale { PhotoId = p.PhotoId, FileName = p.FileName, Rank = i + 1, Reason = i == 0 ? "grouped hero" : "grouped alternate" }).ToArray(),
        };
    }

    /// <summary>Makes the server prefer these photos, best first.</summary>
    public void Prefer(params Photo[] best)
    {
        Server.Preference.Clear();
        Server.Preference.AddRange(best.Select(p => FakeChatServer.Sha256File(p.Preprocess!.RankingPath)));
    }

    public JudgeSettings Settings(Action<JudgeSettings>? change = null)
    {
        var settings = new JudgeSettings
        {
            Judge = "openai",
            Model = "test-model",
            Endpoint = new Uri(Server.BaseUrl),
            Timeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
            Parallelism = 1,
        };
        change?.Invoke(settings);
        return settings;
    }

    public List<string> Log { get; } = new();

    public RankingOutcome Rank(JudgeSettings settings, params PhotoMoment[] moments) => Rank(settings, null, moments);

    public RankingOutcome Rank(JudgeSettings settings, Func<TimeSpan, CancellationToken, Task>? delay, params PhotoMoment[] moments)
    {
        var redactor = new SecretRedactor(Key);
        var judge = settings.Enabled ? new OpenAIPairJudge(settings, Key, redactor, delay) : null;
        var ranker = new RankingStage(settings, Theme, Layout, judge, log: line => { lock (Log) Log.Add(line); });
        return Engine.Pipeline.BatchStageRun.Run(ranker, new RankingStage.Input(BatchId, moments), Layout).Result;
    }

    public string StageJson => File.ReadAllText(Layout.StageJsonPath("ranking", BatchId));

    public string[] CacheFiles => Directory.Exists(Layout.StageCacheDir("judge")) ? Directory.GetFiles(Layout.StageCacheDir("judge")) : Array.Empty<string>();

    /// <summary>Every byte the run wrote into the workspace, as text.</summary>
    public string AllWrittenText() => string.Join("\n", Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories).Select(File.ReadAllText));

    public void Dispose()
    {
        Server.Dispose();
        _folder.Dispose();
    }
}
