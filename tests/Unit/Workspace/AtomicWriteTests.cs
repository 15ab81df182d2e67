using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Workspace;

/// <summary>docs/architecture.md#workspace-and-cache: a reader sees the old file or the new one, never part of one; no temp file survives.</summary>
public sealed class AtomicWriteTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static byte[] Content(int writer, int round, int length) =>
        Enumerable.Range(0, length).Select(i => (byte)(writer * 31 + round * 7 + i)).ToArray();

    [Fact]
    public void Concurrent_writers_and_a_reader_never_see_a_torn_file()
    {
        var path = _temp.File("stage.json");
        const int Writers = 3, Rounds = 40, Length = 64 * 1024;
        var valid = new HashSet<string>();
        for (var w = 0; w < Writers; w++)
        for (var r = 0; r < Rounds; r++) valid.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Content(w, r, Length))));
        AtomicFile.WriteAllBytes(path, Content(0, 0, Length));

        var stop = 0;
        var reads = 0;
        var torn = new List<string>();
        using var readerRunning = new ManualResetEventSlim(false);
        // A dedicated thread, not the thread pool: under a busy test run a pooled reader might only start
        // after the writers are done and prove nothing.
        var reader = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                byte[] bytes;
                try { bytes = File.ReadAllBytes(path); }
                catch (IOException) { continue; } // Windows may refuse while a rename replaces the file
                Interlocked.Increment(ref reads);
                readerRunning.Set();
                var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes));
                if (!valid.Contains(hash)) lock (torn) torn.Add($"{bytes.Length} bytes");
            }
        }) { IsBackground = true };
        reader.Start();
        Assert.True(readerRunning.Wait(TimeSpan.FromSeconds(20)), "the reader never read");
        var readsBefore = Volatile.Read(ref reads);
        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, w =>
        {
            for (var r = 0; r < Rounds; r++)
            {
                if (r % 2 == 0) AtomicFile.WriteAllBytes(path, Content(w, r, Length));
                else AtomicFile.Write(path, s => s.Write(Content(w, r, Length)));
            }
        });
        Volatile.Write(ref stop, 1);
        Assert.True(reader.Join(TimeSpan.FromSeconds(20)), "the reader did not stop");

        Assert.Empty(torn);
        Assert.True(Volatile.Read(ref reads) > readsBefore, "no read overlapped the writes");
        Assert.Equal(new[] { "stage.json" }, Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_write_keeps_the_old_file_and_removes_its_temp_file()
    {
        var path = _temp.File("keep.json");
        AtomicFile.WriteAllText(path, "old");
        var ex = Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[100_000]);
            throw new IOException("disk full");
        }));
        Assert.Equal("disk full", ex.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(new[] { "keep.json" }, Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Missing_folders_are_created_and_text_is_utf8_without_a_bom()
    {
        var path = Path.Combine(_temp.Path, "intermediateJsons", "ingest", "b.json");
        AtomicFile.WriteAllText(path, "Müller");
        Assert.Equal(new byte[] { (byte)'M', 0xC3, 0xBC, (byte)'l', (byte)'l', (byte)'e', (byte)'r' }, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("/ws/data/input/.a_1234.jpg.0123456789ab.tmp", true)]
    [InlineData("/ws/data/input/a_1234.jpg", false)]
    [InlineData("/ws/data/input/.hidden.jpg", false)]
    [InlineData("/ws/data/input/notes.tmp", false)]
    public void Temp_files_are_recognisable(string path, bool isTemp) =>
        Assert.Equal(isTemp, AtomicFile.IsTempFile(path));

    public void Dispose() => _temp.Dispose();
}
