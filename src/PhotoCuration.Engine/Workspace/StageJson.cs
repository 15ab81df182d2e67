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
    public static void Write<T>(string path, T value) => AtomicFile.WriteAllText(path, Serialize(value));

    /// <summary>Writes a file whose reader verifies it (a cache entry), without the flush to disk (<see cref="AtomicFile"/>).</summary>
    public static void WriteVerified<T>(string path, T value) =>
        AtomicFile.WriteAllBytes(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Serialize(value)), durable: false);

    /// <summary>Writes <paramref name="value"/> as <paramref name="type"/>, atomically.</summary>
    public static void Write(string path, object value, Type type) => AtomicFile.WriteAllText(path, Serialize(value, type));

    public static T? Read<T>(string path) => Deserialize<T>(File.ReadAllText(path));
}
