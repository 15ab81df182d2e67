using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Export;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Export;

/// <summary>Copies of the originals: byte-identical, originals untouched, stale files removed only when ours.</summary>
[Collection(ScoredShootCollection.Name)]
public sealed class ExportCopyTests : IDisposable
{
    private readonly ScoredShoot _shoot;
    private readonly TempFolder _out = new();

    public ExportCopyTests(ScoredShootFixture shoot) => _shoot = shoot.Value;

    private CuratedListExport Run(CuratedSet set, bool force = false, bool expectProblems = false)
    {
        var export = CuratedListExport.Plan(set, _shoot.Layout.Root, new ExportOptions { OutputPath = _out.Path, Force = force, CreatedAt = DateTimeOffset.UnixEpoch }, _ => { });
        if (!expectProblems) Assert.Empty(export.Problems);
        foreach (var step in export.Steps) export.Run(step);
        export.Finish();
        return export;
    }

    private Dictionary<string, byte[]> Originals() => Directory.GetFiles(_shoot.ShootDir, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);

    [Fact]
    public void Copies_are_byte_identical_and_the_originals_are_untouched()
    {
        var before = Originals();
        var times = before.Keys.ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Run(_shoot.Set("IMG_0003.jpg", "IMG_0005.jpg", "IMG_0009.jpg"));
        Assert.Equal(File.ReadAllBytes(_shoot.Photo("IMG_0003.jpg").Path), File.ReadAllBytes(Path.Combine(_out.Path, "01_IMG_0003.jpg")));
        Assert.Equal(File.ReadAllBytes(_shoot.Photo("IMG_0009.jpg").Path), File.ReadAllBytes(Path.Combine(_out.Path, "03_IMG_0009.jpg")));
        var after = Originals();
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (file, bytes) in before)
        {
            Assert.Equal(bytes, after[file]);
            Assert.Equal(times[file], File.GetLastWriteTimeUtc(file));
        }
        Assert.Equal(File.GetLastWriteTimeUtc(_shoot.Photo("IMG_0003.jpg").Path), File.GetLastWriteTimeUtc(Path.Combine(_out.Path, "01_IMG_0003.jpg")));
        Assert.DoesNotContain(Directory.GetFiles(_out.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rerun_writes_nothing_that_is_already_right()
    {
        var set = _shoot.Set("IMG_0003.jpg", "IMG_0005.jpg");
        Run(set);
        var again = CuratedListExport.Plan(set, _shoot.Layout.Root, new ExportOptions { OutputPath = _out.Path, CreatedAt = DateTimeOffset.UnixEpoch }, _ => { });
        // Only the exporter stage JSON (outside the folder) is rewritten.
        Assert.Equal(new[] { again.StageJsonPath }, again.Steps.Select(s => s.Target));
        Assert.Equal(3, again.UpToDate.Count());
    }

    [Fact]
    public void Stale_copies_of_an_earlier_export_are_removed_but_the_users_files_stay()
    {
        Run(_shoot.Set("IMG_0003.jpg", "IMG_0005.jpg", "IMG_0009.jpg"));
        var userFile = Path.Combine(_out.Path, "04_mine.jpg");
        File.WriteAllText(userFile, "mine");
        var edited = Path.Combine(_out.Path, "03_IMG_0009.jpg");
        var warnings = new List<string>();
        // The new set drops IMG_0009 and renumbers IMG_0005 first; 03_IMG_0009.jpg was edited by the user.
        File.AppendAllText(edited, "edited");
        var export = CuratedListExport.Plan(_shoot.Set("IMG_0005.jpg", "IMG_0003.jpg"), _shoot.Layout.Root, new ExportOptions { OutputPath = _out.Path, CreatedAt = DateTimeOffset.UnixEpoch }, warnings.Add);
        foreach (var step in export.Steps) export.Run(step);
        export.Finish();
        var names = Directory.GetFiles(_out.Path).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { ".photocuration-export.json", "01_IMG_0005.jpg", "02_IMG_0003.jpg", "03_IMG_0009.jpg", "04_mine.jpg", "curated_list.json" }, names);
        Assert.Equal("mine", File.ReadAllText(userFile));
        Assert.Contains(warnings, w => w.Contains("03_IMG_0009.jpg", StringComparison.Ordinal));
        var manifest = ExportManifest.Read(_out.Path);
        Assert.Equal(new[] { "01_IMG_0005.jpg", "02_IMG_0003.jpg", "curated_list.json" }, manifest.Files.Select(f => f.Name));
    }

    /// <summary>
    /// The manifest records each copy's size and time (the original's), so a re-export takes an untouched
    /// copy as ours without hashing it; a copy edited in place, even to the same size, moves its time and
    /// is hashed, found changed and left alone.
    /// </summary>
    [Fact]
    public void A_copy_edited_to_the_same_size_is_not_taken_as_unchanged()
    {
        Run(_shoot.Set("IMG_0003.jpg", "IMG_0005.jpg"));
        var copy = Path.Combine(_out.Path, "01_IMG_0003.jpg");
        var entry = ExportManifest.Read(_out.Path).Find("01_IMG_0003.jpg")!;
        Assert.Equal(new FileInfo(copy).Length, entry.Size);
        Assert.Equal(File.GetLastWriteTimeUtc(_shoot.Photo("IMG_0003.jpg").Path).Ticks, entry.WriteTicks);
        Assert.Null(ExportManifest.Read(_out.Path).Find("curated_list.json")!.Size);
        Assert.True(ExportManifest.Read(_out.Path).Unchanged(_out.Path, "01_IMG_0003.jpg", entry.Sha256));

        var bytes = File.ReadAllBytes(copy);
        bytes[^3] ^= 0x5A;
        File.WriteAllBytes(copy, bytes);
        Assert.False(ExportManifest.Read(_out.Path).Unchanged(_out.Path, "01_IMG_0003.jpg", entry.Sha256));
        var export = Run(_shoot.Set("IMG_0003.jpg", "IMG_0005.jpg"), expectProblems: true);
        Assert.Equal("ExportTargetExists", Assert.Single(export.Problems).ErrorId);
        Assert.Equal(bytes, File.ReadAllBytes(copy));
        Assert.Contains(Path.Combine(_out.Path, "02_IMG_0005.jpg"), export.UpToDate);
    }

    [Fact]
    public void A_foreign_file_in_the_way_is_reported_and_kept_unless_forced()
    {
        var foreign = Path.Combine(_out.Path, "01_IMG_0003.jpg");
        File.WriteAllText(foreign, "not ours");
        var export = Run(_shoot.Set("IMG_0003.jpg"), expectProblems: true);
        var problem = Assert.Single(export.Problems);
        Assert.Equal("ExportTargetExists", problem.ErrorId);
        Assert.Equal(foreign, problem.Target);
        Assert.Equal("not ours", File.ReadAllText(foreign));
        Run(_shoot.Set("IMG_0003.jpg"), force: true);
        Assert.Equal(File.ReadAllBytes(_shoot.Photo("IMG_0003.jpg").Path), File.ReadAllBytes(foreign));
    }

    [Fact]
    public void An_original_changed_since_import_is_not_exported()
    {
        var copy = _shoot.File("changed/IMG_0003.jpg");
        File.Copy(_shoot.Photo("IMG_0003.jpg").Path, copy);
        var set = _shoot.Set("IMG_0003.jpg");
        set.Items[0].Photo = new Photo { PhotoId = _shoot.Photo("IMG_0003.jpg").PhotoId, Path = copy, FileName = "IMG_0003.jpg", Score = _shoot.Photo("IMG_0003.jpg").Score };
        File.AppendAllText(copy, "x");
        var export = CuratedListExport.Plan(set, _shoot.Layout.Root, new ExportOptions { OutputPath = _out.Path }, _ => { });
        var step = export.Steps.First(s => s.Target.EndsWith("01_IMG_0003.jpg", StringComparison.Ordinal));
        var ex = Assert.Throws<PhotoInputException>(() => export.Run(step));
        Assert.Equal(PhotoErrorIds.FileChanged, ex.ErrorId);
        Assert.False(File.Exists(step.Target));
        Assert.Empty(Directory.GetFiles(_out.Path));
    }

    [Fact]
    public void A_missing_original_is_a_problem_and_still_listed()
    {
        var set = _shoot.Set("IMG_0003.jpg");
        set.Items[0].Photo = new Photo { PhotoId = "sha256:00", Path = _shoot.File("gone/IMG_0003.jpg"), FileName = "IMG_0003.jpg" };
        var export = CuratedListExport.Plan(set, _shoot.Layout.Root, new ExportOptions { OutputPath = _out.Path }, _ => { });
        Assert.Equal("OriginalNotFound", Assert.Single(export.Problems).ErrorId);
        Assert.Single(export.Document.Items);
        Assert.Null(export.Document.Items[0].Scores.QTech);
    }

    public void Dispose() => _out.Dispose();
}
