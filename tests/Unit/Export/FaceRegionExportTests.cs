using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Faces;
using PhotoCuration.Engine.Models;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Themes;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Faces;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace PhotoCuration.Tests.Export;

/// <summary>
/// -FaceRegions on a real portrait (skimage's astronaut) through ingest, preprocess, features, the face
/// stage and export: exiftool and exiv2 read one MWG face region inside the exported JPEG, where her face is.
/// </summary>
public sealed class FaceRegionExportTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [FaceDataFact]
    public void The_face_the_face_stage_found_is_an_mwg_region_in_the_exported_copy()
    {
        Assert.Null(MetadataTools.Missing);
        var shoot = Directory.CreateDirectory(Path.Combine(_temp.Path, "shoot")).FullName;
        using (var astronaut = Image.Load<Rgb24>(FaceFixtures.Fixture("astronaut.png"))) astronaut.SaveAsJpeg(Path.Combine(shoot, "astronaut.jpg"));
        var layout = new WorkspaceLayout(Path.Combine(_temp.Path, "ws"));
        var photo = Assert.Single(EnginePipeline.Score(shoot, layout, "faces", ThemeLoader.BuiltIn(), new UserOverrides(null, null)));
        var catalog = new ModelCatalog(ModelSearchPath.Roots(null, Path.Combine(AppContext.BaseDirectory, "models"), environment: ""));
        var (analyzer, modelId) = FaceStage.Open(catalog, ModelDevice.Cpu, 1);
        using (analyzer)
        {
            var stage = new FaceStage(layout, analyzer, modelId);
            Assert.True(stage.Attach(photo, stage.Process(photo)));
        }
        var face = Assert.Single(photo.Faces!);
        var set = new CuratedSet
        {
            BatchId = "faces",
            Workspace = layout.Root,
            Items = { new CuratedItem { Sequence = 1, Photo = photo, Role = "opener" } },
        };
        var output = Path.Combine(_temp.Path, "out");
        var export = CuratedListExport.Plan(set, layout.Root, new ExportOptions { OutputPath = output, Xmp = true, FaceRegions = true }, _ => { });
        foreach (var step in export.Steps) export.Run(step);
        export.Finish();

        var copy = Path.Combine(output, "01_astronaut.jpg");
        var info = MetadataTools.Exiftool(copy)["XMP-mwg-rs:RegionInfo"];
        var region = Assert.Single(info.GetProperty("RegionList").EnumerateArray().ToList());
        var area = region.GetProperty("Area");
        // Her face lies around x 0.35–0.6, y 0.1–0.4 of the frame (FaceStageTests); the region is the box's centre and size.
        Assert.InRange(area.GetProperty("X").GetDouble(), 0.35, 0.6);
        Assert.InRange(area.GetProperty("Y").GetDouble(), 0.1, 0.4);
        Assert.Equal(face.X + face.Width / 2, area.GetProperty("X").GetDouble(), 5);
        Assert.Equal(face.Width, area.GetProperty("W").GetDouble(), 5);
        Assert.Equal(photo.Width, info.GetProperty("AppliedToDimensions").GetProperty("W").GetInt32());
        var exiv2 = MetadataTools.Exiv2(copy);
        Assert.Equal("Face", exiv2["Xmp.mwg-rs.Regions/mwg-rs:RegionList[1]/mwg-rs:Type"]);
        // The people count travels in the module's namespace beside the regions.
        Assert.Equal("1", exiv2["Xmp.photocuration.PeopleCount"]);
        Assert.Equal("1", MetadataTools.Exiftool(copy)["XMP-photocuration:PeopleCount"].ToString());
        Assert.Equal("normalized", exiv2["Xmp.mwg-rs.Regions/mwg-rs:RegionList[1]/mwg-rs:Area/stArea:unit"]);
    }
}
