using System.Security.Cryptography;
using PhotoCuration.Engine.Distributed;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Distributed;

/// <summary>
/// A worker holds several chunks at once, all through the same opened stages and handoffs; two of them may
/// hold the same original path (the same file published by two runs, a redelivered chunk beside its old
/// copy), and the file may have changed between them. Each photo takes only what its own inspection
/// handed over (<see cref="HandoffScope"/>), never the other chunk's bytes.
/// </summary>
public sealed class WorkerHandoffTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void Two_scopes_with_the_same_path_take_their_own_entries()
    {
        var handoff = new Handoff<byte[]>();
        var first = new byte[] { 1 };
        var second = new byte[] { 2 };
        using (HandoffScope.Enter())
        {
            handoff.Put("/photos/a.jpg", first);
            using (HandoffScope.Enter())
            {
                handoff.Put("/photos/a.jpg", second);
                Assert.Same(second, handoff.Take("/photos/a.jpg"));
            }
            Assert.Same(first, handoff.Take("/photos/a.jpg"));
        }
        // Outside any scope (a local run) the path alone is the key, as it always was.
        handoff.Put("/photos/a.jpg", first);
        Assert.Same(first, handoff.Take("/photos/a.jpg"));
        Assert.Equal(0, handoff.Count);
    }

    /// <summary>The stage that checks what it was handed: the bytes inspection read must be its own photo's (their SHA-256 is its id).</summary>
    private sealed class CheckStage(PhotoStageContext context) : TestPhotoStage<string>(Check)
    {
        private readonly PhotoStageContext _context = context;

        public override string Process(Photo photo, CancellationToken cancellation)
        {
            // Chunk A's photo: while it is in hand, the file changes and chunk B (same path) runs to its end on another thread.
            if (Interrupt is { } interrupt && Interlocked.Exchange(ref Interrupt, null) is not null) interrupt();
            var handed = _context.Originals!.Take(photo.Path);
            return handed is null ? "nothing handed" : "sha256:" + Convert.ToHexString(SHA256.HashData(handed)).ToLowerInvariant();
        }
    }

    public sealed class CheckOpener : IPhotoStageOpener
    {
        public OpenedPhotoStage Open(PhotoStageContext context) => new OpenedPhotoStage<string>(Check, _ => new CheckStage(context));
    }

    private static readonly StageDescriptor Check = new("check", "check-1", 99, StageKind.PerPhoto, "Test-Check", typeof(CheckStage), typeof(object), typeof(object), typeof(CheckOpener));

    /// <summary>Run once, by the first photo that reaches <see cref="CheckStage"/>.</summary>
    private static Action? Interrupt;

    [Fact]
    public void A_photo_takes_its_own_bytes_when_another_chunk_with_the_same_path_runs_beside_it()
    {
        var path = TestImages.WriteJpeg(_temp.File("photos/a.jpg"), 320, 200, seed: 1);
        using var chain = new WorkerChain(_temp.File("ws"), LibraryRoots.None, null, 2, _ => { }, new[] { Check });
        ChunkTask Task(int chunk) => new() { RunId = "r" + chunk, Chunk = chunk, BatchId = "b", Files = new() { new ListedFile { Path = path } } };
        List<FileOutcome>? second = null;
        Interrupt = () =>
        {
            TestImages.WriteJpeg(path, 400, 300, seed: 2);
            var other = new Thread(() => second = chain.Run(Task(2), CancellationToken.None));
            other.Start();
            other.Join();
        };

        var first = chain.Run(Task(1), CancellationToken.None);

        Assert.Null(Interrupt);
        var (a, b) = (first.Single(), second!.Single());
        Assert.NotEqual(a.Photo!.PhotoId, b.Photo!.PhotoId);
        // Each photo was handed its own inspection's bytes: B the changed file's, A still the bytes it was inspected from.
        Assert.Equal(b.Photo.PhotoId, b.Results!["check"].Unpack<string>(LibraryRoots.None, new Engine.Workspace.WorkspaceLayout(chain.Workspace)));
        Assert.Equal(a.Photo.PhotoId, a.Results!["check"].Unpack<string>(LibraryRoots.None, new Engine.Workspace.WorkspaceLayout(chain.Workspace)));
    }

    public void Dispose() => _temp.Dispose();
}
