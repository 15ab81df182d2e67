namespace PhotoCuration.Engine.Ranking;

/// <summary>One question to the judge: two images in a fixed orientation (A shown first).</summary>
public sealed class JudgeRequest
{
    public JudgeQuestion Question { get; init; }
    public PhotoTheme Theme { get; init; } = new();
    public byte[] ImageA { get; init; } = Array.Empty<byte>();
    public byte[] ImageB { get; init; } = Array.Empty<byte>();
}

/// <summary>
/// Something that answers "A, B or tie" for one orientation of a pair. Throws <see cref="JudgeFailure"/>
/// (redacted) when it cannot answer, and <see cref="OperationCanceledException"/> only when the caller
/// cancelled.
/// </summary>
public interface IPairJudge
{
    /// <summary>Model id, part of cache keys.</summary>
    string Model { get; }

    Task<JudgeVerdict> AskAsync(JudgeRequest request, CancellationToken cancellation);
}
