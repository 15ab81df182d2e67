namespace PhotoCuration.Engine.Workspace;

/// <summary>
/// Removes the temporary files killed processes left in a workspace (<see cref="AtomicFile.RemoveStaleTempFiles"/>:
/// only <c>.name.xxxx.tmp</c> files older than <see cref="AtomicFile.StaleTempAge"/>). A local run sweeps
/// its own preprocess folders as it starts; a shared workspace is swept as a maintenance step
/// (<c>Clear-PhotoCurationCache -StaleTemp</c>), not by each worker at start-up, since listing the derived
/// folders of an archive on a NAS takes minutes (docs/distributed.md#shared-workspace).
/// </summary>
public static class StaleTempSweep
{
    /// <summary>The folders preprocess writes: its two image folders and its cache.</summary>
    public static int Preprocess(WorkspaceLayout layout) =>
        AtomicFile.RemoveStaleTempFiles(layout.RankingDir, AtomicFile.StaleTempAge, recurse: true)
        + AtomicFile.RemoveStaleTempFiles(layout.StandardizedDir, AtomicFile.StaleTempAge, recurse: true)
        + AtomicFile.RemoveStaleTempFiles(layout.StageCacheDir(StageCatalog.Preprocess.Name), AtomicFile.StaleTempAge, recurse: true);

    /// <summary>Every folder of the workspace the stages write (derived files, cache, stage JSON), older than <paramref name="minimumAge"/>.</summary>
    public static int All(WorkspaceLayout layout, TimeSpan minimumAge) =>
        AtomicFile.RemoveStaleTempFiles(layout.DataDir, minimumAge, recurse: true)
        + AtomicFile.RemoveStaleTempFiles(layout.StageJsonDir, minimumAge, recurse: true);
}
