namespace PhotoCuration.Cmdlets;

/// <summary>
/// What the aggregating stages (Group-PhotoMoment, Select-CuratedSet) gather before they can work:
/// the input items per (workspace, batch), in the order batches were first seen, so photos of several
/// batches in one pipeline are never mixed.
/// </summary>
internal sealed class BatchCollector<T>
{
    private readonly Dictionary<(string Workspace, string BatchId), List<T>> _items = new();
    private readonly List<(string Workspace, string BatchId)> _order = new();

    public void Add(string workspace, string batchId, T item)
    {
        var key = (workspace, batchId.Length > 0 ? batchId : "batch");
        if (!_items.TryGetValue(key, out var list))
        {
            _items[key] = list = new List<T>();
            _order.Add(key);
        }
        list.Add(item);
    }

    public IEnumerable<(string Workspace, string BatchId, IReadOnlyList<T> Items)> Batches() =>
        _order.Select(k => (k.Workspace, k.BatchId, (IReadOnlyList<T>)_items[k]));
}
