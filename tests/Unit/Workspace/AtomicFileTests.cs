using System.Text;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>Every write is temp file + rename (docs/architecture.md#workspace-and-cache): readers see the old file or the new one, never half.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string[] Names(string folder) => Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void The_target_is_created_with_its_folder_and_replaced()
    {
        var path = Path.Combine(_temp.Path, "sub", "deeper", "stage.json");
        AtomicFile.WriteAllText(path, "one");
        AtomicFile.WriteAllText(path, "two, longer than one");
        AtomicFile.WriteAllText(path, "3");
        Assert.Equal("3", File.ReadAllText(path));
        Assert.Equal(new[] { "stage.json" }, Names(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Text_is_utf8_without_a_byte_order_mark()
    {
        var path = _temp.File("t.json");
        AtomicFile.WriteAllText(path, "Müller");
        Assert.Equal(Encoding.UTF8.GetBytes("Müller"), File.ReadAllBytes(path));
    }

    [Fact]
    public void While_writing_the_bytes_go_to_a_hidden_temp_file_and_the_target_keeps_its_old_content()
    {
        var path = _temp.File("image.jpg");
        AtomicFile.WriteAllBytes(path, new byte[] { 1, 1, 1 });
        string[]? during = null;
        byte[]? targetDuring = null;
        AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[] { 2, 2 });
            stream.Flush();
            during = Names(_temp.Path);
            targetDuring = File.ReadAllBytes(path);
        });
        Assert.Equal(new byte[] { 1, 1, 1 }, targetDuring);
        var temp = Assert.Single(during!, n => n != "image.jpg");
        Assert.True(AtomicFile.IsTempFile(Path.Combine(_temp.Path, temp)), temp);
        Assert.StartsWith(".image.jpg.", temp);
        Assert.Equal(new byte[] { 2, 2 }, File.ReadAllBytes(path));
        Assert.Equal(new[] { "image.jpg" }, Names(_temp.Path));
    }

    [Fact]
    public void A_failed_write_keeps_the_old_file_and_leaves_no_temp_file()
    {
        var path = _temp.File("stage.json");
        AtomicFile.WriteAllText(path, "good");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("half"u8);
            throw new InvalidOperationException("killed mid-write");
        }));
        Assert.Equal("good", File.ReadAllText(path));
        Assert.Equal(new[] { "stage.json" }, Names(_temp.Path));
    }

    [Theory]
    [InlineData(".stage.json.0123456789ab.tmp", true)]
    [InlineData("stage.json", false)]
    [InlineData("stage.tmp", false)]
    [InlineData(".hidden", false)]
    public void Temp_files_are_recognisable(string name, bool isTemp) =>
        Assert.Equal(isTemp, AtomicFile.IsTempFile(Path.Combine(_temp.Path, name)));

    [Fact]
    public async Task Concurrent_writers_and_a_reader_only_ever_see_whole_files()
    {
        var path = _temp.File("shared.bin");
        var payloads = Enumerable.Range(0, 4).Select(i => Enumerable.Repeat((byte)(i + 1), 64 * 1024 + i).ToArray()).ToArray();
        AtomicFile.WriteAllBytes(path, payloads[0]);
        var writing = true;
        var torn = 0;
        var reads = 0;
        using var readerRunning = new ManualResetEventSlim(false);
        var reader = Task.Factory.StartNew(() =>
        {
            // Keeps reading while the writers run, and at least 20 times in all.
            while (Volatile.Read(ref writing) || reads < 20)
            {
                byte[] seen;
                try { seen = File.ReadAllBytes(path); }
                catch (IOException) { continue; }
                reads++;
                readerRunning.Set();
                if (!payloads.Any(p => p.AsSpan().SequenceEqual(seen))) Interlocked.Increment(ref torn);
            }
        }, TaskCreationOptions.LongRunning);
        Assert.True(readerRunning.Wait(TimeSpan.FromSeconds(30)));
        var writers = payloads.Select(p => Task.Factory.StartNew(() => { for (var k = 0; k < 8; k++) AtomicFile.WriteAllBytes(path, p); }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(writers);
        Volatile.Write(ref writing, false);
        await reader;
        Assert.Equal(0, torn);
        Assert.Contains(payloads, p => p.AsSpan().SequenceEqual(File.ReadAllBytes(path)));
        Assert.Equal(new[] { "shared.bin" }, Names(_temp.Path));
    }

    public void Dispose() => _temp.Dispose();
}
