using System.Collections.Concurrent;

namespace PhotoCuration.Cmdlets.Review;

/// <summary>
/// The review servers started in this process, so Stop-CurationReview can find them by object, batch
/// or all at once, and none is left listening when the module is removed.
/// </summary>
internal static class ReviewRegistry
{
    private static readonly ConcurrentDictionary<int, (CurationReview Review, ICurationReviewState Server)> Servers = new();
    private static int _lastId;

    public static void Add(CurationReview review, ICurationReviewState server)
    {
        review.Id = Interlocked.Increment(ref _lastId);
        Servers[review.Id] = (review, server);
    }

    public static IReadOnlyList<CurationReview> All => Servers.Values.Select(v => v.Review).OrderBy(r => r.Id).ToList();

    public static ICurationReviewState? ServerOf(CurationReview review) =>
        Servers.TryGetValue(review.Id, out var entry) ? entry.Server : null;

    /// <summary>Stops the server behind <paramref name="review"/> and forgets it.</summary>
    public static void Stop(CurationReview review)
    {
        if (Servers.TryRemove(review.Id, out var entry)) entry.Server.Stop();
        else review.Stop();
    }

    public static void StopAll()
    {
        foreach (var review in All) Stop(review);
    }
}
