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

    public static void WriteDegraded(IReadOnlyList<(string Path, string Kind)> sources, string folder, string truthPath, DateTime start, int seed, bool enlarged, CancellationToken token)
    {
        var frames = Engine.Samples.DegradedMomentShoot.Write(sources.Select(s => new Engine.Samples.DegradedMomentShoot.Source(s.Path, s.Kind)).ToList(), folder, start, seed, token, enlarged);
        Engine.Workspace.AtomicFile.WriteAllText(truthPath, Engine.Workspace.StageJson.Serialize(new { seed, frames }));
    }
}
