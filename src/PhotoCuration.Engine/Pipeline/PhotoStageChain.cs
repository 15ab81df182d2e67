namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// Per-photo stages run as one stream, in the order given (the catalogue's): each photo a stage emits goes
/// straight on to the next stage, so the stages overlap as a PowerShell pipeline of their cmdlets would,
/// and what one stage hands the next in memory (the context's handoffs) lives only while the photo
/// travels. Each stage is opened through its catalogue line's <see cref="IPhotoStageOpener"/>, so the
/// chain names no stage; docs/architecture.md#session.
/// </summary>
public sealed class PhotoStageChain : IDisposable
{
    private readonly List<Link> _links = new();
    private readonly string _workspace;

    public PhotoStageChain(IReadOnlyList<StageDescriptor> stages, PhotoStageContext context, IStageReporter reporter, string workspace, CancellationToken cancellation)
    {
        _workspace = workspace;
        try
        {
            foreach (var stage in stages) _links.Add(new Link(stage, IPhotoStageOpener.For(stage).Open(context)));
            // Started from the last stage back, so each stage's emit can feed the stage after it.
            for (var i = _links.Count - 1; i >= 0; i--)
            {
                var link = _links[i];
                var next = i + 1 < _links.Count ? _links[i + 1] : null;
                link.Stream = link.Opened.Start(reporter, photo =>
                {
                    link.Output.Add(photo);
                    if (next is null) return;
                    next.Stream!.Add(photo, _workspace);
                    next.Stream.Drain();
                }, context.Workers, cancellation);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The stages, in the order photos go through them.</summary>
    public IReadOnlyList<StageDescriptor> Stages => _links.Select(l => l.Stage).ToList();

    /// <summary>Photos expected in all (for the first stage's percent complete), when the caller knows it.</summary>
    public void ExpectMore(int count)
    {
        if (_links.Count > 0) _links[0].Stream!.ExpectMore(count);
    }

    /// <summary>Puts one photo into the first stage and moves on whatever is ready, on the calling thread.</summary>
    public void Add(Photo photo)
    {
        if (_links.Count == 0) return;
        _links[0].Stream!.Add(photo, _workspace);
        _links[0].Stream!.Drain();
    }

    /// <summary>
    /// Finishes the stages in order (a stage's last photos go on to the next before that one finishes),
    /// writing each one's documents; <paramref name="finished"/> hears each stage with the photos it
    /// emitted and its counts (<see cref="StageClock.Summary"/> for a verbose line).
    /// </summary>
    public void Complete(Action<StageDescriptor, IReadOnlyList<Photo>, StageClock> finished)
    {
        foreach (var link in _links)
        {
            link.Stream!.Complete();
            finished(link.Stage, link.Output, link.Stream.Clock);
        }
    }

    /// <summary>The photos <paramref name="stage"/> emitted so far (empty for a stage not in the chain).</summary>
    public IReadOnlyList<Photo> Output(StageDescriptor stage) => _links.FirstOrDefault(l => l.Stage == stage)?.Output ?? (IReadOnlyList<Photo>)Array.Empty<Photo>();

    public void Dispose()
    {
        foreach (var link in _links) link.Stream?.Dispose();
        foreach (var link in _links) link.Opened.Dispose();
    }

    private sealed class Link
    {
        public Link(StageDescriptor stage, OpenedPhotoStage opened)
        {
            Stage = stage;
            Opened = opened;
        }

        public StageDescriptor Stage { get; }
        public OpenedPhotoStage Opened { get; }
        public IPhotoStream? Stream { get; set; }
        public List<Photo> Output { get; } = new();
    }
}
