using System.Runtime.CompilerServices;
using System.Text.Json;
using PhotoCuration.Engine.Export;
using PhotoCuration.Engine.Readers;
using PhotoCuration.Engine.Workspace;
using Xunit;

namespace PhotoCuration.Tests.Readers;

/// <summary>
/// The stage catalogue is complete: every stage names a document type its golden document reads into
/// and writes back from byte for byte, at the stage's version, and a reader of the right shape that
/// Import-PhotoStage dispatches to. (The objects those readers rebuild are proven equal to the live run's
/// in <see cref="StageRoundTripTests"/>.)
/// </summary>
public sealed class StageCatalogTests
{
    public static TheoryData<string> Stages()
    {
        var data = new TheoryData<string>();
        foreach (var stage in StageCatalog.All) data.Add(stage.Name);
        return data;
    }

    [Fact]
    public void Stages_are_listed_once_in_pipeline_order()
    {
        Assert.Equal(Enumerable.Range(0, StageCatalog.All.Count), StageCatalog.All.Select(s => s.Order));
        Assert.Equal(StageCatalog.All.Count, StageCatalog.All.Select(s => s.Name).Distinct().Count());
        Assert.Equal(StageCatalog.All.Count, StageCatalog.All.Select(s => s.Version).Distinct().Count());
        Assert.Equal(StageCatalog.All.Select(s => s.Name), StageImporter.Stages);
        Assert.All(StageCatalog.All, s => Assert.Equal(s.Name, s.TimingKey));
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void The_golden_document_reads_into_the_document_type_and_writes_back_byte_for_byte(string name)
    {
        var stage = StageCatalog.Get(name);
        var golden = File.ReadAllText(Path.Combine(GoldenDir(), name + ".json"));
        var document = JsonSerializer.Deserialize(golden, stage.DocumentType, StageJson.Options);
        Assert.NotNull(document);
        Assert.Equal(golden, StageJson.Serialize(document!, stage.DocumentType));
        using var parsed = JsonDocument.Parse(golden);
        var version = document is StageDocument d ? d.StageVersion : ((CuratedListDocument)document!).Version;
        Assert.Equal(stage.Version, version);
        Assert.Equal(stage.Version, parsed.RootElement.GetProperty(document is StageDocument ? "stage_version" : "version").GetString());
        if (document is StageDocument sd) Assert.Equal(stage.Name, sd.Stage);
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void A_new_document_carries_the_stage_name_and_version(string name)
    {
        var stage = StageCatalog.Get(name);
        var document = Activator.CreateInstance(stage.DocumentType);
        switch (document)
        {
            case StageDocument d:
                Assert.Equal((stage.Name, stage.Version), (d.Stage, d.StageVersion));
                break;
            case CuratedListDocument list:
                Assert.Equal(StageCatalog.Exporter, stage);
                Assert.Equal(stage.Version, list.Version);
                break;
            default:
                Assert.Fail($"{stage.DocumentType.Name} is neither a StageDocument nor the curated list.");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void The_reader_is_the_stages_own_and_of_its_shape(string name)
    {
        var stage = StageCatalog.Get(name);
        var reader = StageImporter.ReaderOf(stage);
        Assert.IsType(stage.Reader, reader);
        if (stage.Kind == StageKind.PerPhoto) Assert.Same(stage, Assert.IsAssignableFrom<PhotoStageReader>(reader).Stage);
        else Assert.IsNotAssignableFrom<PhotoStageReader>(reader);
    }

    private static string GoldenDir([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(source))!, "Fixtures", "StageJson");
}
