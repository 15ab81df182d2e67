namespace PhotoCuration;

/// <summary>
/// A review server started by <c>Start-CurationReview</c>: where the page is served, and what it has
/// done so far. Stop it with <c>Stop-CurationReview</c> (or <c>$review.Stop()</c>).
/// </summary>
public sealed class CurationReview
{
    private readonly ICurationReviewState? _state;

    /// <summary>An empty record (no server behind it).</summary>
    public CurationReview() { }

    /// <summary>A record of a live server.</summary>
    public CurationReview(ICurationReviewState state) => _state = state;

    /// <summary>Number of the server in this session (1, 2, …).</summary>
    public int Id { get; set; }

    /// <summary>Batch the page reviews.</summary>
    public string BatchId { get; set; } = "";

    /// <summary>Workspace of the batch.</summary>
    public string Workspace { get; set; } = "";

    /// <summary>Address of the page, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public string Url { get; set; } = "";

    /// <summary>Port the server listens on (127.0.0.1 only).</summary>
    public int Port { get; set; }

    /// <summary>When the server started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Workspace-relative path of the overrides file the actions write.</summary>
    public string OverridesFile { get; set; } = "";

    /// <summary>True while the server answers requests.</summary>
    public bool IsRunning => _state?.IsRunning ?? false;

    /// <summary>Actions applied so far (lock, exclude, unlock, emphasis).</summary>
    public int Actions => _state?.Actions ?? 0;

    /// <summary>What the last action did, e.g. "locked IMG_0007.jpg; 24 selected (selection 41 ms, export 120 ms)".</summary>
    public string? LastMessage => _state?.LastMessage;

    /// <summary>Stops the server (as Stop-CurationReview does).</summary>
    public void Stop() => _state?.Stop();

    /// <inheritdoc />
    public override string ToString() => Url;
}

/// <summary>The live state of a review server, as the engine reports it.</summary>
public interface ICurationReviewState
{
    /// <summary>True while the server answers requests.</summary>
    bool IsRunning { get; }

    /// <summary>Actions applied so far.</summary>
    int Actions { get; }

    /// <summary>What the last action did.</summary>
    string? LastMessage { get; }

    /// <summary>Stops the server.</summary>
    void Stop();
}
