using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Ranking;

/// <summary>
/// Judgments on disk under <c>data/cache/judge/</c>, one file per pair, so a judgment is never asked for
/// twice. The key is SHA-256 over (min id, max id, theme hash, prompt version, model) — FastChat's
/// normalized game key (docs/algorithms.md#ranking) — and the entry stores the verdicts of both orientations,
/// each as soon as it arrives, so a run cut short keeps what it paid for. An entry that fails to parse
/// or names another pair is ignored and asked again, never trusted.
/// </summary>
public sealed class JudgmentCache
{
    public const string EntryVersion = "judge-cache-1";
    private readonly string _dir;

    public JudgmentCache(WorkspaceLayout layout)
    {
        _dir = layout.StageCacheDir("judge");
    }

    public static string Key(string idA, string idB, string themeHash, string promptVersion, string model)
    {
        var (low, high) = Order(idA, idB);
        return Hashing.Of(low, high, themeHash, promptVersion, model);
    }

    public static (string Low, string High) Order(string idA, string idB) =>
        string.CompareOrdinal(idA, idB) <= 0 ? (idA, idB) : (idB, idA);

    public string PathOf(string key) => System.IO.Path.Combine(_dir, key + ".json");

    /// <summary>The stored entry for this pair, or a new empty one.</summary>
    public CachedJudgment Load(string idA, string idB, string themeHash, string promptVersion, string model)
    {
        var (low, high) = Order(idA, idB);
        var key = Key(low, high, themeHash, promptVersion, model);
        var fresh = new CachedJudgment { Version = EntryVersion, Key = key, LowId = low, HighId = high, ThemeHash = themeHash, PromptVersion = promptVersion, Model = model };
        var path = PathOf(key);
        if (!File.Exists(path)) return fresh;
        try
        {
            var stored = StageJson.Read<CachedJudgment>(path);
            return stored is not null && stored.Version == EntryVersion && stored.Key == key && stored.LowId == low && stored.HighId == high
                   && stored.Model == model && stored.PromptVersion == promptVersion && stored.ThemeHash == themeHash
                   && Valid(stored.LowFirst) && Valid(stored.HighFirst)
                ? stored
                : fresh;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return fresh;
        }
    }

    public void Save(CachedJudgment entry) => StageJson.Write(PathOf(entry.Key), entry);

    private static bool Valid(JudgeVerdict? v) => v is null || v.Winner is JudgeVerdict.A or JudgeVerdict.B or JudgeVerdict.Tie;
}

/// <summary>One cached pair: the verdict with the lower id shown first (A) and with the higher id first.</summary>
public sealed class CachedJudgment
{
    public string Version { get; set; } = "";
    public string Key { get; set; } = "";
    public string LowId { get; set; } = "";
    public string HighId { get; set; } = "";
    public string ThemeHash { get; set; } = "";
    public string PromptVersion { get; set; } = "";
    public string Model { get; set; } = "";
    public JudgeVerdict? LowFirst { get; set; }
    public JudgeVerdict? HighFirst { get; set; }
}
