using System.Text.Json;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// Strict reading of a batch file (docs/architecture.md#batch-file). A token reader rather than a
/// deserializer, so that every refusal can say where: the file, the line and the key
/// (<c>photos[2].uri</c>). Refused: keys the shape does not have, values of the wrong type, a key given
/// twice, a batch with no photos, and <c>photos</c> together with the older <c>photo_uris</c>.
/// </summary>
public static class BatchInputReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <exception cref="InvalidDataException">The message names the file, the line and the key.</exception>
    public static BatchInputFile Read(string path, byte[] bytes)
    {
        var context = new Context(path, bytes);
        var reader = new Utf8JsonReader(bytes, Options);
        try
        {
            return ReadRoot(ref reader, context);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? l + 1 : 1;
            throw new InvalidDataException($"Batch file '{path}', line {line}: not valid JSON ({ex.Message}).", ex);
        }
    }

    private sealed class Context
    {
        public Context(string path, byte[] bytes) { Path = path; Bytes = bytes; }
        public string Path { get; }
        public byte[] Bytes { get; }

        public int Line(in Utf8JsonReader reader)
        {
            var end = (int)Math.Min(reader.TokenStartIndex, Bytes.Length);
            return 1 + Bytes.AsSpan(0, end).Count((byte)'\n');
        }

        public InvalidDataException Fail(int line, string key, string problem) =>
            new($"Batch file '{Path}', line {line}, key '{key}': {problem}");
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        // The reader throws on truncated JSON itself; false here means the text simply stopped.
        if (!reader.Read()) throw new JsonException("The file ends early.");
    }

    private static BatchInputFile ReadRoot(ref Utf8JsonReader reader, Context c)
    {
        if (!reader.Read()) throw c.Fail(1, "(file)", "the file is empty; expected {\"batch_id\": …, \"photos\": [{\"uri\": …}], …}.");
        if (reader.TokenType != JsonTokenType.StartObject) throw c.Fail(c.Line(reader), "(file)", "expected a JSON object {\"batch_id\": …, \"photos\": [{\"uri\": …}], …}.");
        var file = new BatchInputFile();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            var key = reader.GetString()!;
            var line = c.Line(reader);
            if (!seen.TryAdd(key, line)) throw c.Fail(line, key, $"given twice (first at line {seen[key]}).");
            Next(ref reader);
            switch (key)
            {
                case "batch_id":
                    file.BatchId = String(ref reader, c, key, line);
                    break;
                case "format":
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var format)) throw c.Fail(line, key, $"must be the number {BatchInputFile.CurrentFormat}, not {Describe(reader)}.");
                    if (format != BatchInputFile.CurrentFormat) throw c.Fail(line, key, $"the file has format {format}; this version reads format {BatchInputFile.CurrentFormat}.");
                    break;
                case "photos":
                    if (seen.ContainsKey("photo_uris")) throw c.Fail(line, key, "the file has both 'photos' and the older 'photo_uris'; give the photos once.");
                    ReadPhotos(ref reader, c, file.PhotoUris, line);
                    break;
                case "photo_uris":
                    if (seen.ContainsKey("photos")) throw c.Fail(line, key, "the file has both 'photos' and the older 'photo_uris'; give the photos once.");
                    if (reader.TokenType != JsonTokenType.Null) file.PhotoUris.AddRange(StringList(ref reader, c, key, line));
                    break;
                case "theme_spec_ref":
                    file.ThemeSpecRef = reader.TokenType == JsonTokenType.Null ? null : String(ref reader, c, key, line);
                    break;
                case "user_overrides":
                    if (reader.TokenType != JsonTokenType.Null) file.UserOverrides = ReadOverrides(ref reader, c, line);
                    break;
                default:
                    throw c.Fail(line, key, "unknown key; a batch file has batch_id, photos, theme_spec_ref and user_overrides.");
            }
        }
        if (reader.Read()) throw c.Fail(c.Line(reader), "(file)", "more JSON follows the batch object.");
        if (!seen.ContainsKey("batch_id")) throw c.Fail(1, "batch_id", "missing; every batch file names its batch.");
        if (file.PhotoUris.Count == 0)
        {
            var key = seen.ContainsKey("photo_uris") ? "photo_uris" : "photos";
            throw c.Fail(seen.GetValueOrDefault(key, 1), key, seen.ContainsKey(key) ? "the photo list is empty; a batch needs at least one photo." : "missing; a batch file lists its photos as \"photos\": [{\"uri\": …}].");
        }
        return file;
    }

    private static void ReadPhotos(ref Utf8JsonReader reader, Context c, List<string> uris, int line)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw c.Fail(line, "photos", $"must be a list of {{\"uri\": …}} objects, not {Describe(reader)}.");
        for (var i = 0; ; i++)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) return;
            var at = c.Line(reader);
            var name = $"photos[{i}]";
            if (reader.TokenType != JsonTokenType.StartObject) throw c.Fail(at, name, $"must be an object {{\"uri\": …}}, not {Describe(reader)}.");
            string? uri = null;
            while (true)
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndObject) break;
                var key = reader.GetString()!;
                var keyLine = c.Line(reader);
                Next(ref reader);
                if (key != "uri") throw c.Fail(keyLine, $"{name}.{key}", "unknown key; a photo is {\"uri\": …}.");
                if (uri is not null) throw c.Fail(keyLine, $"{name}.uri", "given twice.");
                uri = String(ref reader, c, $"{name}.uri", keyLine);
                if (uri.Length == 0) throw c.Fail(keyLine, $"{name}.uri", "is empty.");
            }
            uris.Add(uri ?? throw c.Fail(at, name, "has no \"uri\"."));
        }
    }

    private static OverridesRecord ReadOverrides(ref Utf8JsonReader reader, Context c, int line)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw c.Fail(line, "user_overrides", $"must be an object {{\"lock_in\": […], \"exclude\": […]}}, not {Describe(reader)}.");
        var overrides = new OverridesRecord();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) return overrides;
            var key = reader.GetString()!;
            var keyLine = c.Line(reader);
            Next(ref reader);
            var name = "user_overrides." + key;
            var list = key switch
            {
                "lock_in" => overrides.LockIn,
                "exclude" => overrides.Exclude,
                _ => throw c.Fail(keyLine, name, "unknown key; user_overrides has lock_in and exclude."),
            };
            if (reader.TokenType != JsonTokenType.Null) list.AddRange(StringList(ref reader, c, name, keyLine));
        }
    }

    private static List<string> StringList(ref Utf8JsonReader reader, Context c, string key, int line)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw c.Fail(line, key, $"must be a list of strings, not {Describe(reader)}.");
        var list = new List<string>();
        for (var i = 0; ; i++)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) return list;
            list.Add(String(ref reader, c, $"{key}[{i}]", c.Line(reader)));
        }
    }

    private static string String(ref Utf8JsonReader reader, Context c, string key, int line) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw c.Fail(line, key, $"must be a string, not {Describe(reader)}.");

    /// <summary>What a value is, for a message ("a number", "an object").</summary>
    private static string Describe(in Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true/false",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString(),
    };
}
