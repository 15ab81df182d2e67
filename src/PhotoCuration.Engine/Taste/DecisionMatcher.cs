namespace PhotoCuration.Engine.Taste;

/// <summary>
/// Finds the reference decision of a run's photo: the same file, else the one reference file of the same
/// name (the photographer's folder may be a copy of the shoot; a name found twice matches neither).
/// </summary>
public sealed class DecisionMatcher
{
    private readonly Dictionary<string, PhotoDecision> _byPath;
    private readonly Dictionary<string, PhotoDecision?> _byName;

    public DecisionMatcher(IEnumerable<PhotoDecision> decisions)
    {
        _byPath = new Dictionary<string, PhotoDecision>(StringComparer.Ordinal);
        _byName = new Dictionary<string, PhotoDecision?>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in decisions)
        {
            _byPath.TryAdd(Path.GetFullPath(d.Path), d);
            var name = Path.GetFileName(d.Path);
            _byName[name] = _byName.ContainsKey(name) ? null : d;
        }
    }

    public PhotoDecision? Find(string path) =>
        _byPath.TryGetValue(Path.GetFullPath(path), out var d) ? d
        : _byName.TryGetValue(Path.GetFileName(path), out var n) ? n
        : null;
}
