using PhotoCuration.Engine.Ingest;
using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Moments;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Samples;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Selection;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;

namespace PhotoCuration.Tests.Support;

/// <summary>
/// The sample shoot run through every stage the review reads — ingest, preprocess, features, scoring,
/// clustering, optimizer, exporter — into a workspace, as the cmdlets write them. One frame carries
/// hostile EXIF strings (<see cref="HostileDescription"/>, <see cref="HostileMake"/>) and one copy has a
/// hostile file name, so every test of the page sees them. Selection count 4 leaves unselected heroes.
/// The originals are shared (read only); each instance has its own workspace, so actions never leak
/// from one test into another.
/// </summary>
public sealed class ReviewedShoot : IDisposable
{
    public const string BatchId = "rv1";
    public const int Count = 4;
    public const string HostileDescription = "<script>alert(1)</script>";
    public const string HostileMake = "Evil\" onmouseover=\"alert(2)";
    public const string HostileFileName = "IMG_0004 <img src=x onerror=alert(3)> & co.jpg";
    /// <summary>The frame carrying the hostile EXIF strings.</summary>
    public const string HostileExifFrame = "IMG_0012.jpg";

    private static readonly DateTime Start = new(2024, 9, 14, 8, 12, 5, 250);
    private readonly TempFolder _temp = new();

    /// <summary>The shoot is run through the stages once per test process; each instance gets its own copy of the workspace.</summary>
    private static readonly Lazy<ReviewedShoot> Template = new(() =>
    {
        var template = new ReviewedShoot(build: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template._temp.Dispose();
        return template;
    });

    public ReviewedShoot()
    {
        var template = Template.Value;
        ShootDir = template.ShootDir;
        Theme = template.Theme;
        Photos = template.Photos;
        Set = template.Set;
        Layout = new WorkspaceLayout(System.IO.Path.Combine(_temp.Path, "ws"));
        CopyTree(template.Layout.Root, Layout.Root);
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) System.IO.File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) CopyTree(dir, System.IO.Path.Combine(to, System.IO.Path.GetFileName(dir)));
    }

    private ReviewedShoot(bool build)
    {
        _ = build;
        ShootDir = Directory.CreateDirectory(System.IO.Path.Combine(_temp.Path, "shoot")).FullName;
        new SampleShootGenerator(1200, 800).Write(ShootDir, Start);
        AddHostileStrings();
        Layout = new WorkspaceLayout(Directory.CreateDirectory(System.IO.Path.Combine(_temp.Path, "ws")).FullName);
        Theme = ThemeLoader.BuiltIn();

        Photos = EnginePipeline.Score(ShootDir, Layout, BatchId, Theme, new UserOverrides(null, null));

        var kept = Photos.Where(p => p.Score is { IsDropped: false }).ToList();
        var moments = new MomentStage(Theme, MomentStage.ParametersFor(Theme), calibrate: false).Run(BatchId, Layout.Root, kept, Array.Empty<StageError>());
        StageJson.Write(Layout.StageJsonPath(MomentStage.StageName, BatchId), moments.Document);

        var options = SelectionOptions.FromTheme(Theme) with { Count = Count };
        var selection = new SelectionStage(Theme, options).Run(BatchId, Layout.Root, moments.Moments);
        StageJson.Write(Layout.StageJsonPath(SelectionStage.StageName, BatchId), selection.Document);
        Set = selection.Set;
        var export = CuratedListExport.Plan(Set, Layout.Root, new ExportOptions(), _ => { });
        foreach (var step in export.Steps) export.Run(step);
        export.Finish();
    }

    public string ShootDir { get; }
    public WorkspaceLayout Layout { get; }
    public PhotoTheme Theme { get; }
    /// <summary>Every photo in ingest order, scored (the dropped ones too).</summary>
    public IReadOnlyList<Photo> Photos { get; }
    /// <summary>The first selection.</summary>
    public CuratedSet Set { get; }
    public string CuratedListPath => System.IO.Path.Combine(Layout.OutputDir, BatchId, CuratedListExport.JsonFileName);
    public string File(string relative) => _temp.File(relative);

    public Photo Photo(string fileName) => Photos.First(p => p.FileName == fileName);

    /// <summary>Writes the hostile EXIF into one frame and a copy of another frame (re-encoded, so not byte-identical) under a hostile name.</summary>
    private void AddHostileStrings()
    {
        var frame = System.IO.Path.Combine(ShootDir, HostileExifFrame);
        using (var image = Image.Load(frame))
        {
            var exif = image.Metadata.ExifProfile ?? new ExifProfile();
            exif.SetValue(ExifTag.ImageDescription, HostileDescription);
            exif.SetValue(ExifTag.Make, HostileMake);
            image.Metadata.ExifProfile = exif;
            TestImages.SaveJpeg(image, frame, 93);
        }
        using (var copy = Image.Load(System.IO.Path.Combine(ShootDir, "IMG_0004.jpg")))
        {
            TestImages.SaveJpeg(copy, System.IO.Path.Combine(ShootDir, HostileFileName), 90);
        }
    }

    public void Dispose() => _temp.Dispose();
}

/// <summary>A reviewed shoot per test class that only reads it.</summary>
public sealed class ReviewedShootFixture : IDisposable
{
    public ReviewedShoot Value { get; } = new();
    public void Dispose() => Value.Dispose();
}
