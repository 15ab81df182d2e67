namespace PhotoCuration.Engine.Workspace;

/// <summary>Orders stage names as the pipeline runs them; other names after, alphabetically.</summary>
public sealed class StageOrder : IComparer<string>
{
    public static readonly StageOrder Comparer = new();

    public int Compare(string? x, string? y)
    {
        var byPipeline = Index(x).CompareTo(Index(y));
        return byPipeline != 0 ? byPipeline : string.CompareOrdinal(x, y);
    }

    private static int Index(string? stage)
    {
        var index = stage is null ? -1 : WorkspaceLayout.StageNames.ToList().IndexOf(stage);
        return index < 0 ? int.MaxValue : index;
    }
}
