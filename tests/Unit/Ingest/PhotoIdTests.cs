using System.Security.Cryptography;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Ingest;

/// <summary>photo_id = "sha256:" + lowercase hex of the file bytes (docs/architecture.md#pipeline), and ingest only reads.</summary>
public sealed class PhotoIdTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static string Expected(string path) =>
        "sha256:" + string.Concat(SHA256.HashData(File.ReadAllBytes(path)).Select(b => b.ToString("x2")));

    [Fact]
    public void The_id_is_the_sha256_of_the_bytes_whatever_the_name()
    {
        var a = TestImages.WriteJpeg(_temp.File("a.jpg"));
        var renamed = _temp.File("renamed copy.jpeg");
        File.Copy(a, renamed);
        var photo = TestImages.Inspect(a);
        Assert.Equal(Expected(a), photo.PhotoId);
        Assert.Matches("^sha256:[0-9a-f]{64}$", photo.PhotoId);
        Assert.Equal(photo.PhotoId, TestImages.Inspect(renamed).PhotoId);
        Assert.Equal(photo.PhotoId[7..19], photo.ShortId);
    }

    [Fact]
    public void One_changed_byte_is_another_photo()
    {
        var a = TestImages.WriteJpeg(_temp.File("a.jpg"));
        var b = _temp.File("b.jpg");
        var bytes = File.ReadAllBytes(a);
        bytes[bytes.Length / 2] ^= 0x01; // inside the entropy-coded data: still a decodable JPEG
        File.WriteAllBytes(b, bytes);
        Assert.NotEqual(TestImages.Inspect(a).PhotoId, TestImages.Inspect(b).PhotoId);
        Assert.Equal(Expected(b), TestImages.Inspect(b).PhotoId);
    }

    [Fact]
    public void Hashing_agrees_for_streams_and_spans()
    {
        var bytes = File.ReadAllBytes(TestImages.WriteJpeg(_temp.File("a.jpg")));
        Assert.Equal(Hashing.PhotoId(bytes), Hashing.PhotoId(new MemoryStream(bytes)));
        Assert.Equal("01234567", Hashing.ShortHex("sha256:0123456789abcdef"));
        Assert.Equal("abc", Hashing.ShortHex("abc"));
    }

    [Fact]
    public void Inspection_never_writes_to_the_original_and_tolerates_other_readers_and_writers()
    {
        var path = TestImages.WriteJpeg(_temp.File("a.jpg"));
        var before = File.ReadAllBytes(path);
        var written = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);
        // An editor holding the file open for writing must not make ingest fail.
        using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            Assert.Equal(Expected(path), TestImages.Inspect(path).PhotoId);
        }
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    public void Dispose() => _temp.Dispose();
}
