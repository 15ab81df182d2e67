using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Preprocess;

/// <summary>Keeps engine types out of the public cmdlet class.</summary>
internal static class PreprocessBridge
{
    public static PhotoStageSession<PhotoPreprocess> CreateSession(PSCmdlet cmdlet, int rankingLongEdge, int standardizedLongEdge, int jpegQuality, double maxMegapixels, int workers, CancellationToken cancellation)
    {
        var options = new Engine.Preprocess.PreprocessOptions
        {
            RankingLongEdge = rankingLongEdge,
            StandardizedLongEdge = standardizedLongEdge,
            JpegQuality = jpegQuality,
            MaxMegapixels = maxMegapixels,
        };
        options.Validate();
        return new PhotoStageSession<PhotoPreprocess>(cmdlet, 2, "Invoke-Preprocess: decoding and resizing", Engine.Core.StageCatalog.Preprocess,
            layout => new Engine.Preprocess.Preprocessor(layout, options), workers, cancellation);
    }
}
