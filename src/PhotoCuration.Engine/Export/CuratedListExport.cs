using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Export;

/// <summary>
/// One export of a curated set, planned before anything is written: the copies of the originals
/// (byte-identical, checked against the photo id, named <c>NN_&lt;name&gt;</c>), XMP sidecars, the CSV,
/// curated_list.json, the exporter stage JSON, sidecars beside the originals on request, and the removal
/// of files an earlier export of the folder wrote that this one no longer has. The cmdlet runs each step
/// through ShouldProcess; <see cref="Finish"/> then records what the folder now holds in its manifest.
/// Files already holding the right bytes are left untouched (a repeated export writes only what changed).
/// </summary>
public sealed class CuratedListExport
{
    public const string JsonFileName = "curated_list.json";
    public const string CsvFileName = "curated_list.csv";

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ExportManifest _previous;
    private readonly Dictionary<string, string> _expected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _kept = new(StringComparer.Ordinal);
    private readonly List<ExportStep> _steps = new();
    private readonly List<ExportProblem> _problems = new();
    private readonly ExportOptions _options;

    private CuratedListExport(WorkspaceLayout layout, string batchId, string outputDir, ExportOptions options)
    {
        Layout = layout;
        BatchId = batchId;
        OutputDir = outputDir;
        _options = options;
        _previous = ExportManifest.Read(outputDir);
    }

    public WorkspaceLayout Layout { get; }
    public string BatchId { get; }
    public string OutputDir { get; }
    public CuratedListDocument Document { get; private set; } = new();
    public string JsonPath => Path.Combine(OutputDir, JsonFileName);
    public string StageJsonPath => Layout.StageJsonPath(StageCatalog.Exporter, BatchId);
    public IReadOnlyList<ExportStep> Steps => _steps;
    public IReadOnlyList<ExportProblem> Problems => _problems;
    /// <summary>Files of the export folder that already held the right bytes.</summary>
    public IEnumerable<string> UpToDate => _kept.Keys.Select(name => Path.Combine(OutputDir, name));

    /// <summary>How long an export waits for another export of the same folder to finish.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Exports of one folder take turns (two runs on one workspace, or the review page and a run): the
    /// plan reads the folder and its manifest, so hold this from <see cref="Plan"/> until <see cref="Finish"/>.
    /// </summary>
    public static WorkspaceLock Lock(CuratedSet set, string workspace, string? outputPath)
    {
        var layout = new WorkspaceLayout(workspace);
        return WorkspaceLock.Acquire(layout, "export:" + OutputDirOf(layout, set.BatchId, outputPath), LockTimeout);
    }

    private static string OutputDirOf(WorkspaceLayout layout, string batchId, string? outputPath) =>
        Path.GetFullPath(outputPath ?? Path.Combine(layout.OutputDir, BatchIds.Validate(batchId)));

    public static CuratedListExport Plan(CuratedSet set, string workspace, ExportOptions options, Action<string> warning)
    {
        var layout = new WorkspaceLayout(workspace);
        var batchId = BatchIds.Validate(set.BatchId);
        var outputDir = OutputDirOf(layout, batchId, options.OutputPath);
        var export = new CuratedListExport(layout, batchId, outputDir, options);
        export.PlanSteps(set, warning);
        return export;
    }

    private void PlanSteps(CuratedSet set, Action<string> warning)
    {
        var items = CuratedListBuilder.Ordered(set);
        // The exporter's own time is not known while its JSON is written; it goes to the log afterwards.
        var timings = StageTimingLog.Read(Layout, BatchId).Where(kv => kv.Key != StageCatalog.Exporter.TimingKey).ToDictionary(kv => kv.Key, kv => kv.Value);
        Document = CuratedListBuilder.Build(set, Layout, _options.CreatedAt, timings, CuratedListBuilder.LlmTokens(Layout, BatchId, warning));
        var json = Encoding.UTF8.GetBytes(StageJson.Serialize(Document));

        foreach (var (item, entry) in items.Zip(Document.Items))
        {
            PlanCopy(item, entry.Artifacts.Exported);
        }
        if (_options.Xmp || _options.SidecarsBesideOriginals)
        {
            foreach (var (item, entry) in items.Zip(Document.Items))
            {
                var xmp = Encoding.UTF8.GetBytes(XmpSidecar.Build(item));
                PlanFile(ExportFileName.SidecarFor(entry.Artifacts.Exported), xmp, $"Write XMP sidecar (pick {item.Sequence}, rank {item.Rank})");
            }
        }
        if (_options.Csv) PlanFile(CsvFileName, CuratedListCsv.Build(Document, items), "Write CSV");
        // Last in the folder: a reader that sees curated_list.json finds every file it names.
        PlanFile(JsonFileName, json, "Write curated list");
        _steps.Add(new ExportStep(StageJsonPath, "Write exporter stage JSON", inExportFolder: false, () => AtomicFile.WriteAllBytes(StageJsonPath, json)));
        if (_options.SidecarsBesideOriginals) PlanSidecarsBesideOriginals(items);
        PlanRemovals(warning);
    }

    private void PlanCopy(CuratedItem item, string name)
    {
        var original = item.Photo.Path;
        if (string.IsNullOrEmpty(original) || !File.Exists(original))
        {
            _problems.Add(new ExportProblem("OriginalNotFound", ExportProblemKind.NotFound, string.IsNullOrEmpty(original) ? item.PhotoId : original,
                $"Pick {item.Sequence} (rank {item.Rank}): the original '{original}' no longer exists; it is listed in {JsonFileName} but not copied."));
            return;
        }
        var expected = item.PhotoId.StartsWith(Hashing.PhotoIdPrefix, StringComparison.Ordinal) ? item.PhotoId[Hashing.PhotoIdPrefix.Length..] : FileHash.Of(original);
        PlanTarget(name, expected, $"Copy photo (pick {item.Sequence}, rank {item.Rank}) from '{original}'", target => CopyVerified(original, target, expected));
    }

    private void PlanFile(string name, byte[] bytes, string action) =>
        PlanTarget(name, FileHash.Of(bytes), action, target => AtomicFile.WriteAllBytes(target, bytes));

    /// <summary>A file in the export folder: skipped when it already has the bytes, replaced only when ours (or with -Force).</summary>
    private void PlanTarget(string name, string sha256, string action, Action<string> write)
    {
        var target = Path.Combine(OutputDir, name);
        _expected[name] = sha256;
        if (File.Exists(target))
        {
            if (FileHash.Of(target) == sha256)
            {
                _kept[name] = sha256;
                return;
            }
            if (!_options.Force && !_previous.Owns(OutputDir, name))
            {
                _problems.Add(new ExportProblem("ExportTargetExists", ExportProblemKind.Exists, target,
                    $"'{target}' exists and was not written by an earlier export to this folder (or was changed since); it is left as it is. Use -Force to replace it, or -OutputPath for another folder."));
                return;
            }
        }
        _steps.Add(new ExportStep(target, action, inExportFolder: true, () => write(target)));
    }

    private void PlanSidecarsBesideOriginals(IReadOnlyList<CuratedItem> items)
    {
        var planned = new HashSet<string>(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (string.IsNullOrEmpty(item.Photo.Path)) continue;
            var target = ExportFileName.SidecarFor(item.Photo.Path);
            if (!planned.Add(target))
            {
                _problems.Add(new ExportProblem("SidecarNameClash", ExportProblemKind.Exists, target,
                    $"Pick {item.Sequence} (rank {item.Rank}): '{target}' is also the sidecar of another pick (same name, other extension); only the first is written."));
                continue;
            }
            if (File.Exists(target) && !_options.Force)
            {
                _problems.Add(new ExportProblem("SidecarExists", ExportProblemKind.Exists, target,
                    $"Pick {item.Sequence} (rank {item.Rank}): '{target}' already exists (Lightroom or another tool may keep edits there); it is left as it is. Use -Force to replace it."));
                continue;
            }
            var xmp = Encoding.UTF8.GetBytes(XmpSidecar.Build(item));
            _steps.Add(new ExportStep(target, $"Write XMP sidecar beside the original (pick {item.Sequence}, rank {item.Rank})", inExportFolder: false, () => AtomicFile.WriteAllBytes(target, xmp)));
        }
    }

    private void PlanRemovals(Action<string> warning)
    {
        foreach (var entry in _previous.Files.Where(f => !_expected.ContainsKey(f.Name)))
        {
            var target = Path.Combine(OutputDir, entry.Name);
            if (_previous.Owns(OutputDir, entry.Name))
            {
                _steps.Add(new ExportStep(target, "Remove file of an earlier export", inExportFolder: true, () => File.Delete(target), emitsFile: false));
            }
            else if (File.Exists(target))
            {
                warning($"'{target}' was written by an earlier export but has changed since; it is left in place.");
            }
        }
    }

    /// <summary>Copies the original through a temporary file and commits only when the bytes hash to the photo id.</summary>
    private static void CopyVerified(string original, string target, string expectedSha256)
    {
        try
        {
            AtomicFile.Write(target, output =>
            {
                using var input = new FileStream(original, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    output.Write(buffer, 0, read);
                }
                if (Hashing.Hex(hash.GetHashAndReset()) != expectedSha256)
                {
                    throw new PhotoInputException(PhotoErrorIds.FileChanged, PhotoProblem.Changed, original,
                        $"'{original}' has changed since it was imported (its bytes no longer match its photo id); it was not exported. Re-run the pipeline.");
                }
            });
        }
        catch (FileNotFoundException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.FileNotFound, PhotoProblem.NotFound, original, $"'{original}' no longer exists; it was not exported.", ex);
        }
        // Photographers sort exports by date: the copy keeps the original's time.
        File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(original));
    }

    /// <summary>Runs a step the caller approved.</summary>
    public void Run(ExportStep step)
    {
        step.Run();
        step.Done = true;
    }

    /// <summary>
    /// After the approved steps: records in the folder's manifest every file it now holds that an export
    /// wrote, and the exporter's time in the stage timing log. Writes nothing when no step ran (-WhatIf).
    /// </summary>
    public void Finish()
    {
        if (!_steps.Any(s => s.Done)) return;
        if (_steps.Any(s => s.Done && s.InExportFolder))
        {
            var manifest = new ExportManifest { BatchId = BatchId };
            var removed = new HashSet<string>(_steps.Where(s => s.Done && !s.EmitsFile).Select(s => Path.GetFileName(s.Target)), StringComparer.Ordinal);
            var written = _steps.Where(s => s.Done && s.InExportFolder && s.EmitsFile).Select(s => Path.GetFileName(s.Target)).ToHashSet(StringComparer.Ordinal);
            var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in _previous.Files.Where(f => !removed.Contains(f.Name) && !written.Contains(f.Name) && _previous.Owns(OutputDir, f.Name)))
            {
                names[entry.Name] = entry.Sha256;
            }
            foreach (var (name, sha) in _kept) names[name] = sha;
            foreach (var name in written) names[name] = _expected[name];
            manifest.Files = names.Select(kv => new ExportManifest.Entry { Name = kv.Key, Sha256 = kv.Value }).ToList();
            manifest.Write(OutputDir);
        }
        StageTimingLog.Record(Layout, BatchId, StageCatalog.Exporter.TimingKey, (long)_clock.Elapsed.TotalMilliseconds);
    }
}
