using PhotoCuration.Engine.Models;
using PhotoCuration.Tests.Support;
using Xunit;

namespace PhotoCuration.Tests.Models;

/// <summary>Immich-shaped stand-ins load in real ONNX Runtime sessions; wrong ones fail naming the file and the mismatch.</summary>
public sealed class ModelValidationTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private static readonly ExecutionProviderChoice Cpu = ExecutionProviderChoice.Select(ModelDevice.Cpu, 1);

    private ClipModel Load(string dir) => new(ClipModelFolder.Open(dir), Cpu);

    [Fact]
    public void Immich_layout_loads_with_size_dim_and_tokenizer()
    {
        var dir = ImmichModelFactory.WriteClipFolder(_temp.Path, "ViT-Test__openai", new ImmichModelFactory.Options { Dim = 24 });
        using var clip = Load(dir);
        Assert.Equal(24, clip.Dim);
        Assert.Equal(224, clip.Preprocess.Size);
        Assert.Equal(1, clip.Image.MaxBatch); // Immich exports a fixed batch of 1
        Assert.NotNull(clip.Tokenizer);
        var text = clip.EncodeText(new[] { "a photo of a cat", "a photo of a dog" });
        Assert.Equal(2, text.Length);
        Assert.Equal(1.0, Math.Sqrt(text[0].Sum(v => (double)v * v)), 5);
        Assert.NotEqual(text[0], text[1]);
    }

    [Fact]
    public void Wrong_input_name_is_named_with_the_file()
    {
        var dir = ImmichModelFactory.WriteClipFolder(_temp.Path, "m", new ImmichModelFactory.Options { VisualInput = "pixel_values" });
        var ex = Assert.Throws<ModelValidationException>(() => Load(dir));
        Assert.Equal(Path.Combine(dir, "visual", "model.onnx"), ex.Path);
        Assert.Contains("expected input 'image'", ex.Message);
        Assert.Contains("'pixel_values'", ex.Message);
    }

    [Fact]
    public void Wrong_dtype_is_reported()
    {
        var dir = ImmichModelFactory.WriteClipFolder(_temp.Path, "m", new ImmichModelFactory.Options { VisualType = OnnxGraph.UInt8 });
        var ex = Assert.Throws<ModelValidationException>(() => Load(dir));
        Assert.Contains("dtype uint8, expected float32", ex.Message);
    }

    [Fact]
    public void Shape_that_disagrees_with_config_is_reported()
    {
        var dir = ImmichModelFactory.WriteClipFolder(_temp.Path, "m", new ImmichModelFactory.Options { DeclaredSize = 256 });
        var ex = Assert.Throws<ModelValidationException>(() => Load(dir));
        Assert.Contains("[1, 3, 256, 256]", ex.Message);
        Assert.Contains("not 224", ex.Message);
    }

    [Fact]
    public void Text_and_image_dimensions_must_match()
    {
        var dir = ImmichModelFactory.WriteClipFolder(_temp.Path, "m", new ImmichModelFactory.Options { Dim = 16, TextDim = 8 });
        var ex = Assert.Throws<ModelValidationException>(() => Load(dir));
        Assert.EndsWith(Path.Combine("textual", "model.onnx"), ex.Path);
    }

    [Fact]
    public void Missing_tokenizer_is_reported()
    {
        var dir = ImmichModelFactory.WriteClipFolder(_temp.Path, "m", new ImmichModelFactory.Options { Tokenizer = false });
        var ex = Assert.Throws<ModelValidationException>(() => Load(dir));
        Assert.Contains("tokenizer", ex.Message);
    }

    [Fact]
    public void Corrupt_onnx_file_is_reported_by_name()
    {
        var dir = ImmichModelFactory.WriteClipFolder(_temp.Path, "m", new ImmichModelFactory.Options { Textual = false });
        File.WriteAllBytes(Path.Combine(dir, "visual", "model.onnx"), new byte[] { 1, 2, 3, 4, 5 });
        var ex = Assert.Throws<ModelValidationException>(() => Load(dir));
        Assert.Contains("ONNX Runtime cannot load it", ex.Message);
    }

    [Fact]
    public void Aesthetic_head_for_another_embedding_size_is_refused()
    {
        var path = _temp.File("aesthetic/laion.onnx");
        ImmichModelFactory.WriteAestheticHead(path, 768);
        using var options = Cpu.CreateOptions();
        var ex = Assert.Throws<ModelValidationException>(() => new AestheticHead(path, options, 512));
        Assert.Contains("768", ex.Message);
        using var head = new AestheticHead(path, options, 768);
        Assert.Equal(768, head.Dim);
    }

    [Fact]
    public void Catalog_follows_the_search_order_and_layouts()
    {
        var first = Directory.CreateDirectory(_temp.File("first")).FullName;
        var second = Directory.CreateDirectory(_temp.File("second")).FullName;
        ImmichModelFactory.WriteClipFolder(Path.Combine(second, "clip"), "B", new ImmichModelFactory.Options { Textual = false });
        ImmichModelFactory.WriteClipFolder(first, "A", new ImmichModelFactory.Options { Textual = false });
        ImmichModelFactory.WriteAestheticHead(Path.Combine(second, "aesthetic", "head.onnx"), 16);
        var catalog = new ModelCatalog(ModelSearchPath.Roots(first, second, environment: _temp.File("missing")));
        Assert.Equal(new[] { "A", "B" }, catalog.Clip.Select(c => c.Name));
        Assert.Equal("ModelPath", catalog.Clip[0].Source);
        Assert.Equal("Module", catalog.Clip[1].Source);
        Assert.Single(catalog.Aesthetic);
        // The environment variable sits between -ModelPath and the module folder.
        var env = ModelSearchPath.Roots(null, first, environment: second);
        Assert.Equal(new[] { second, first }, env.Select(r => r.Root));
        // A root that is itself a model folder counts.
        Assert.Single(new ModelCatalog(ModelSearchPath.Roots(Path.Combine(first, "A"), null, "")).Clip);
    }

    [Fact]
    public void Brisque_is_found_in_brisque_folders_and_last_in_the_systems_OpenCV_data_folder()
    {
        var module = Directory.CreateDirectory(_temp.File("module")).FullName;
        var system = Directory.CreateDirectory(_temp.File("opencv4/quality")).FullName;
        BrisqueTests.WriteSmallModel(system); // OpenCV's layout: the two files directly in the folder
        var alone = new ModelCatalog(ModelSearchPath.Roots(null, module, "", systemDir: system));
        Assert.Equal(ModelSearchPath.SystemSource, Assert.Single(alone.Brisque).Source);
        Assert.Empty(alone.Clip);

        BrisqueTests.WriteSmallModel(Path.Combine(module, "brisque"));
        var both = new ModelCatalog(ModelSearchPath.Roots(null, module, "", systemDir: system));
        Assert.Equal(new[] { "Module", ModelSearchPath.SystemSource }, both.Brisque.Select(b => b.Source));
        Assert.Equal(Path.Combine(module, "brisque", ModelCatalog.BrisqueModelFile), both.Brisque[0].Path);
    }

    [Fact]
    public void The_system_folder_is_OpenCVs_when_present_and_can_be_switched_off()
    {
        Assert.Equal(Directory.Exists(ModelSearchPath.OpenCvQualityDir) ? ModelSearchPath.OpenCvQualityDir : null, ModelSearchPath.SystemDir(noSystem: "0"));
        Assert.Null(ModelSearchPath.SystemDir(noSystem: "1"));
    }

    public void Dispose() => _temp.Dispose();
}
