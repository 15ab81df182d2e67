namespace PhotoCuration.Engine.Pipeline;

/// <summary>
/// Keeps one photo's handoffs (<see cref="Handoff{T}"/>) apart from another photo's with the same path. A
/// distributed worker runs several chunks at once through one set of opened stages and handoffs, and two
/// of them may hold the same original: the same file published by two runs, or a redelivered chunk
/// running beside its old copy — and the file may have changed between them, so one photo taking the
/// other's bytes would cache results of other bytes under its id. The worker runs each photo inside its
/// own scope (<see cref="Enter"/>), on one thread from inspection to its last stage; a handoff keys its
/// entries by the scope and the path. Outside any scope (a local run: one batch, one photo per path) the
/// key is the path alone, as it always was.
/// </summary>
public static class HandoffScope
{
    private static readonly AsyncLocal<object?> Scope = new();

    /// <summary>The scope the calling code runs in; null outside any.</summary>
    internal static object? Current => Scope.Value;

    /// <summary>Starts a new scope for the calling code (and what it calls) until the result is disposed.</summary>
    public static IDisposable Enter()
    {
        var outer = Scope.Value;
        Scope.Value = new object();
        return new Exit(outer);
    }

    private sealed class Exit : IDisposable
    {
        private readonly object? _outer;

        public Exit(object? outer) => _outer = outer;

        public void Dispose() => Scope.Value = _outer;
    }
}
