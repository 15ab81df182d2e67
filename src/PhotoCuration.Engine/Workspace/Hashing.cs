using System.Security.Cryptography;
using System.Text;

namespace PhotoCuration.Engine.Workspace;

/// <summary>SHA-256 helpers: photo ids, cache keys, idempotency keys.</summary>
public static class Hashing
{
    public const string PhotoIdPrefix = "sha256:";

    public static string PhotoId(ReadOnlySpan<byte> fileBytes) => PhotoIdPrefix + Hex(SHA256.HashData(fileBytes));

    public static string PhotoId(Stream stream) => PhotoIdPrefix + Hex(SHA256.HashData(stream));

    /// <summary>Hash of a list of strings, unambiguous (each part length-prefixed).</summary>
    public static string Of(params string[] parts) => OfAll(parts);

    /// <summary><see cref="Of"/> over parts read one at a time (a large batch's key has a line per photo: docs/architecture.md#archive-scale).</summary>
    public static string OfAll(IEnumerable<string> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
        return Hex(hash.GetHashAndReset());
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    /// <summary>The first hex digits of a photo id, for collision-free derived file names.</summary>
    public static string ShortHex(string photoId, int length = 8)
    {
        var hex = photoId.StartsWith(PhotoIdPrefix, StringComparison.Ordinal) ? photoId[PhotoIdPrefix.Length..] : photoId;
        return hex.Length <= length ? hex : hex[..length];
    }
}
