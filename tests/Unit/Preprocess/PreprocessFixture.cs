using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>Runs the real preprocessor on files in a temp folder.</summary>
public sealed class PreprocessFixture : IDisposable
{
    public TempFolder Temp { get; } = new();
    public WorkspaceLayout Layout => new(Temp.File("ws"));

    public PhotoPreprocess Run(string path, PreprocessOptions? options = null) =>
        new Preprocessor(Layout, options ?? new PreprocessOptions()).Process(TestImages.Inspect(path));

    public static Image<Rgb24> Load(string path) => Image.Load<Rgb24>(path);

    public void Dispose() => Temp.Dispose();
}
