using System.Buffers;
using System.Text.Json;

namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// Stage JSON read as a stream (docs/architecture.md#archive-scale): a document's head (every field but
/// its per-photo array) and its per-photo records one at a time, so rebuilding the photos of a
/// million-photo batch never holds a whole document, as text or as objects. Values deserialize with
/// <see cref="StageJson.Options"/>, as <see cref="StageJson.Read{T}"/> does; malformed JSON throws
/// <see cref="JsonException"/>.
/// </summary>
public static class StageJsonStream
{
    /// <summary>What <see cref="Identify"/> found: whether the root is an object, and its top-level <c>stage</c> and <c>batch_id</c> strings.</summary>
    public readonly record struct Identity(bool IsObject, string? Stage, string? BatchId);

    /// <summary>Checks that the whole file is JSON and reads its top-level <c>stage</c> and <c>batch_id</c> strings.</summary>
    public static Identity Identify(string path)
    {
        using var cursor = new JsonFileCursor(path);
        var root = cursor.Read();
        string? stage = null, batchId = null;
        while (true)
        {
            var token = cursor.Read(text: true);
            if (token.Type == JsonTokenType.None) break;
            if (root.Type != JsonTokenType.StartObject || token.Type != JsonTokenType.PropertyName || token.Depth != 1 || token.Text is not ("stage" or "batch_id")) continue;
            var value = cursor.Read(text: true);
            if (token.Text == "stage") stage = value.Type == JsonTokenType.String ? value.Text : null;
            else batchId = value.Type == JsonTokenType.String ? value.Text : null;
            if (value.Type is JsonTokenType.StartObject or JsonTokenType.StartArray) SkipRest(cursor, value.Depth);
        }
        return new Identity(root.Type == JsonTokenType.StartObject, stage, batchId);
    }

    /// <summary>The whole document, deserialized from the file as it is read (no text of it in memory).</summary>
    public static T? Read<T>(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        return JsonSerializer.Deserialize<T>(stream, StageJson.Options);
    }

    /// <summary>The document without its per-photo array <paramref name="records"/> (a JSON name), which stays at its default.</summary>
    public static T? Head<T>(string path, string records)
    {
        using var cursor = new JsonFileCursor(path);
        if (cursor.Read().Type != JsonTokenType.StartObject) throw new JsonException("The document is not a JSON object.");
        var head = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(head))
        {
            writer.WriteStartObject();
            while (cursor.Read(text: true) is { Type: JsonTokenType.PropertyName, Text: { } name })
            {
                if (name == records)
                {
                    cursor.SkipValue();
                    continue;
                }
                writer.WritePropertyName(name);
                writer.WriteRawValue(cursor.RawValue(), skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        return JsonSerializer.Deserialize<T>(head.WrittenSpan, StageJson.Options);
    }

    /// <summary>The elements of the top-level array <paramref name="records"/> (a JSON name), one at a time, in document order; none when it is absent or null.</summary>
    public static IEnumerable<T?> Records<T>(string path, string records) => Records<T>(path, records, null);

    /// <summary>
    /// The elements of <paramref name="records"/> whose <c>photo_id</c> <paramref name="keep"/> takes (null: all);
    /// the others are passed by without being deserialized.
    /// </summary>
    public static IEnumerable<T?> Records<T>(string path, string records, Func<string?, bool>? keep)
    {
        using var cursor = new JsonFileCursor(path);
        if (cursor.Read().Type != JsonTokenType.StartObject) throw new JsonException("The document is not a JSON object.");
        while (true)
        {
            var token = cursor.Read(text: true);
            if (token.Type != JsonTokenType.PropertyName) yield break;
            if (token.Text != records)
            {
                cursor.SkipValue();
                continue;
            }
            var start = cursor.Read();
            if (start.Type == JsonTokenType.Null) yield break;
            if (start.Type != JsonTokenType.StartArray) throw new JsonException($"\"{records}\" is not an array.");
            while (true)
            {
                var item = cursor.Element<T>(out var end, "photo_id", keep);
                if (end) yield break;
                yield return item;
            }
        }
    }

    private static void SkipRest(JsonFileCursor cursor, int depth)
    {
        while (cursor.Read() is var token && token.Type != JsonTokenType.None)
        {
            if (token.Type is JsonTokenType.EndObject or JsonTokenType.EndArray && token.Depth == depth) return;
        }
    }
}
