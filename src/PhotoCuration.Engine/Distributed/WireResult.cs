using System.Text.Json;
using System.Text.Json.Nodes;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// One per-photo stage's result for one photo as it travels on the results queue, whatever the stage:
/// the result serialized as its stage's result type (the type its opener runs the stage with,
/// <see cref="OpenedPhotoStage.ResultType"/>), under the stage's name in <see cref="FileOutcome.Results"/>.
/// Paths are made portable without knowing the type: every string that is a file of the shared workspace
/// goes relative to it, every string under a library root goes library-relative, and the places of both
/// travel with the value (JSON pointers), so the coordinator turns exactly those back into its own paths.
/// A new stage of the catalogue therefore travels with no edit to the wire types
/// (docs/distributed.md#what-runs-where).
/// </summary>
public sealed class WireResult
{
    /// <summary>The result, in <see cref="StageJson"/>'s form, its paths portable.</summary>
    public JsonNode? Value { get; set; }

    /// <summary>JSON pointers of the strings that are workspace files, sent relative to the workspace.</summary>
    public List<string>? Derived { get; set; }

    /// <summary>JSON pointers of the strings that are originals under a library root, sent library-relative.</summary>
    public List<string>? Originals { get; set; }

    /// <summary>The portable form of a worker's result (<paramref name="result"/> itself is left as it is).</summary>
    public static WireResult Pack(object result, Type type, LibraryRoots library, WorkspaceLayout layout)
    {
        var wire = new WireResult { Value = JsonSerializer.SerializeToNode(result, type, StageJson.Options) };
        var root = layout.Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        Walk(wire.Value, "", (value, pointer) =>
        {
            if (!Path.IsPathFullyQualified(value)) return null;
            if (value.StartsWith(root, PathStyle.Current.Comparison))
            {
                (wire.Derived ??= new()).Add(pointer);
                return WorkspacePaths.ToRelative(layout, value);
            }
            if (library.TryPortable(value) is { } portable)
            {
                (wire.Originals ??= new()).Add(pointer);
                return portable;
            }
            return null;
        });
        return wire;
    }

    /// <summary>The result on this machine: the marked strings made this machine's paths, then read as <typeparamref name="T"/>.</summary>
    /// <exception cref="PhotoInputException">An original names a library this machine has no root for.</exception>
    public T Unpack<T>(LibraryRoots library, WorkspaceLayout layout) where T : class
    {
        var value = Value?.DeepClone();
        var derived = new HashSet<string>(Derived ?? new(), StringComparer.Ordinal);
        var originals = new HashSet<string>(Originals ?? new(), StringComparer.Ordinal);
        Walk(value, "", (text, pointer) =>
            derived.Contains(pointer) ? WorkspacePaths.ToFull(layout, text)
            : originals.Contains(pointer) ? library.ToLocal(text)
            : null);
        return value.Deserialize<T>(StageJson.Options)
            ?? throw new InvalidDataException($"A worker's result of type {typeof(T).Name} was empty.");
    }

    /// <summary>Every string of the tree with its JSON pointer; where <paramref name="replace"/> gives a value, the string is replaced.</summary>
    private static void Walk(JsonNode? node, string pointer, Func<string, string, string?> replace)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    var at = pointer + "/" + name.Replace("~", "~0").Replace("/", "~1");
                    if (Text(child) is { } text) { if (replace(text, at) is { } next) obj[name] = next; }
                    else Walk(child, at, replace);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var at = pointer + "/" + i;
                    if (Text(array[i]) is { } text) { if (replace(text, at) is { } next) array[i] = next; }
                    else Walk(array[i], at, replace);
                }
                break;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
