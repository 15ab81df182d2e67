using PhotoCuration.Engine.Pipeline;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// A per-photo stage of a test's own catalogue line: it caches nothing, keeps every photo in the stream
/// and writes no document (a distributed worker's stages never do; the coordinator records). A test
/// gives its descriptor and what it computes.
/// </summary>
public abstract class TestPhotoStage<TResult>(StageDescriptor descriptor) : IPhotoStage<TResult> where TResult : class
{
    public StageDescriptor Descriptor => descriptor;
    public string? CacheKey(Photo photo) => null;
    public abstract TResult Process(Photo photo, CancellationToken cancellation);
    public bool FromCache(TResult result) => false;
    public bool Attach(Photo photo, TResult result) => true;
    public StageRecord NewRecord(string batchId) => throw new NotSupportedException($"test stage '{descriptor.Name}' writes no document");
}
