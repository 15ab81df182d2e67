using System.Text.Json;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Distributed;

/// <summary>
/// The bodies of broker messages (tasks, results, control notices): <see cref="StageJson"/>'s names and
/// number forms without its indentation — a results message is read by a program, never by a person, and
/// the indentation was about 40 % of its bytes (docs/distributed.md#topology).
/// </summary>
public static class WireJson
{
    private static readonly JsonSerializerOptions Options = new(StageJson.Options) { WriteIndented = false };

    public static byte[] Encode<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <exception cref="JsonException">The body is no JSON of <typeparamref name="T"/>.</exception>
    public static T? Decode<T>(ReadOnlySpan<byte> body) => JsonSerializer.Deserialize<T>(body, Options);
}
