using System.Globalization;
using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Samples;

internal static class SampleShootBridge
{
    public static IReadOnlyList<string> Write(string folder, int width, int height, DateTime start, CancellationToken token) =>
        new Engine.Samples.SampleShootGenerator(width, height).Write(folder, start, token);

    public static void WriteKnownMoments(IReadOnlyList<string> sources, string folder, string truthPath, DateTime start, CancellationToken token)
    {
        var truth = Engine.Samples.KnownMomentShoot.Write(sources, folder, start, token);
        Engine.Workspace.AtomicFile.WriteAllText(truthPath, Engine.Workspace.StageJson.Serialize(truth));
    }
}
