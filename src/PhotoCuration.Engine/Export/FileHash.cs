using System.Security.Cryptography;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Export;

/// <summary>SHA-256 of a file, lower-case hex.</summary>
public static class FileHash
{
    public static string Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Hashing.Hex(SHA256.HashData(stream));
    }

    public static string Of(ReadOnlySpan<byte> bytes) => Hashing.Hex(SHA256.HashData(bytes));
}
