using PhotoCuration.Engine.Features;
using PhotoCuration.Engine.Preprocess;
using PhotoCuration.Engine.Scoring;
using PhotoCuration.Engine.Workspace;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace PhotoCuration.Tests.Support;

/// <summary>One frame judged as the pipeline judges it: saved as a q92 JPEG, inspected, preprocessed, measured at its original size and effective resolution, scored.</summary>
public static class JudgedFrame
{
    /// <summary>The judgment tests' frame size: the photo reduced (never enlarged) to a 1600-px long edge, Lanczos3.</summary>
    public static Image<Rgb24> AtJudgmentSize(Image<Rgb24> image)
    {
        var scale = 1600.0 / Math.Max(image.Width, image.Height);
        if (scale < 1) image.Mutate(x => x.Resize((int)Math.Round(image.Width * scale), (int)Math.Round(image.Height * scale), KnownResamplers.Lanczos3));
        return image;
    }

    public static Photo Measure(Image<Rgb24> image, string path, string workspace, PhotoTheme theme)
    {
        var photo = TestImages.Inspect(TestImages.SaveJpeg(image, path, quality: 92));
        photo.Preprocess = new Preprocessor(new WorkspaceLayout(workspace), new PreprocessOptions()).Process(photo);
        photo.Features = FeatureExtractor.Extract(photo.Preprocess.StandardizedPath, null, null, (photo.Preprocess.OriginalWidth, photo.Preprocess.OriginalHeight), photo.Preprocess.EffectiveLongEdge);
        photo.Score = Scorecard.Score(photo.Features, theme, isLocked: false, photo.FileName);
        return photo;
    }
}
