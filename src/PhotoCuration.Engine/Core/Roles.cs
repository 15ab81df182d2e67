namespace PhotoCuration.Engine.Core;

/// <summary>The roles a pick plays in the curated sequence, in one place (theme quotas, selection, export labels).</summary>
public static class Roles
{
    public const string Opener = "opener";
    public const string Body = "body";
    public const string Closer = "closer";

    public static readonly IReadOnlyList<string> All = new[] { Opener, Body, Closer };
}
