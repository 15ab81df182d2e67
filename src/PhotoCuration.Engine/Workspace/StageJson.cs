using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// Serialization of stage JSON and cache entries. Deterministic by construction: properties in
/// declaration order, invariant number formatting, no indentation differences between machines,
/// LF line endings, a trailing newline.
/// </summary>
public static class StageJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Keep non-ASCII file names readable; JSON stays valid because the writer still escapes
        // control characters and quotes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options).Replace("\r\n", "\n") + "\n";

    /// <summary>Serializes <paramref name="value"/> as <paramref name="type"/> (its runtime type, for a document held as its base class).</summary>
    public static string Serialize(object value, Type type) => JsonSerializer.Serialize(value, type, Options).Replace("\r\n", "\n") + "\n";

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>Writes a stage document atomically.</summary>
    public static void Write<T>(string path, T value) => Write(path, value, typeof(T));

    /// <summary>Writes a file whose reader verifies it (a cache entry), without the flush to disk (<see cref="AtomicFile"/>).</summary>
    public static void WriteVerified<T>(string path, T value) =>
        AtomicFile.Write(path, stream => SerializeTo(stream, value, typeof(T)), durable: false);

    /// <summary>
    /// Writes <paramref name="value"/> as <paramref name="type"/>, atomically, streamed into the file: the
    /// same bytes as <see cref="Serialize(object, Type)"/> without the whole text in memory, so a stage
    /// document of a million photos (several GB) never becomes one string (docs/architecture.md#archive-scale).
    /// </summary>
    public static void Write(string path, object? value, Type type) => AtomicFile.Write(path, stream => SerializeTo(stream, value, type));

    /// <summary>UTF-8 without a BOM, LF line endings, a trailing newline: what <see cref="Serialize(object, Type)"/> gives, into a stream.</summary>
    public static void SerializeTo(Stream stream, object? value, Type type)
    {
        var lf = new LineFeedStream(stream);
        JsonSerializer.Serialize(lf, value, type, Options);
        lf.WriteByte((byte)'\n');
        lf.Flush();
    }

    public static T? Read<T>(string path) => Deserialize<T>(File.ReadAllText(path));
}
