using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Workspace;
using PhotoCuration.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PhotoCuration.Tests.Preprocess;

/// <summary>Runs the real preprocessor on files in a temp folder, into a workspace inside it.</summary>
public sealed class PreprocessFixture : IDisposable
{
    public TempFolder Temp { get; } = new();
    public WorkspaceLayout Layout => new(Temp.File("ws"));

    public Preprocessor Preprocessor(PreprocessOptions? options = null) => new(Layout, options ?? new PreprocessOptions());

    public PhotoPreprocess Run(string path, PreprocessOptions? options = null) => Run(TestImages.Inspect(path), options);

    public PhotoPreprocess Run(Photo photo, PreprocessOptions? options = null) => Preprocessor(options).Process(photo);

    public static Image<Rgb24> Load(string path) => Image.Load<Rgb24>(path);

    public void Dispose() => Temp.Dispose();
}
