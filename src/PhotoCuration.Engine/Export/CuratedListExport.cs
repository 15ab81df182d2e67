using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using PhotoCuration.Engine.Export.Xmp;
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
    /// <summary>Per file name: the photo a copy or sidecar belongs to, and whether the XMP is inside it.</summary>
    private readonly Dictionary<string, (string PhotoId, bool EmbeddedXmp)> _entries = new(StringComparer.Ordinal);
    /// <summary>Files of an earlier export this one leaves in place and keeps listing (its sidecars when this one writes none).</summary>
    private readonly Dictionary<string, ExportManifest.Entry> _carried = new(StringComparer.Ordinal);

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

        var sidecars = new List<(CuratedItem Item, string Copy, XmpFields Fields)>();
        foreach (var (item, entry) in items.Zip(Document.Items))
        {
            var name = entry.Artifacts.Exported;
            if (!_options.Xmp)
            {
                PlanCopy(item, name);
                continue;
            }
            var fields = XmpFields.ForPick(item, _options.Keywords, _options.FaceRegions);
            var kind = XmpContainer.For(item.Photo.Format);
            if (kind == XmpContainerKind.Sidecar || !PlanEmbeddedCopy(item, name, kind, fields))
            {
                PlanCopy(item, name);
                sidecars.Add((item, name, fields));
            }
        }
        foreach (var (item, copy, fields) in sidecars) PlanCopySidecar(item, copy, fields);
        if (_options.Csv) PlanFile(CsvFileName, CuratedListCsv.Build(Document, items), "Write CSV");
        // Last in the folder: a reader that sees curated_list.json finds every file it names.
        PlanFile(JsonFileName, json, "Write curated list");
        _steps.Add(new ExportStep(StageJsonPath, "Write exporter stage JSON", inExportFolder: false, () => AtomicFile.WriteAllBytes(StageJsonPath, json)));
        var besideOriginals = new HashSet<string>(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        if (_options.SidecarsBesideOriginals) PlanSidecarsBesideOriginals(items, besideOriginals);
        if (_options.MarkRejects) PlanRejects(items, besideOriginals, warning);
        PlanRemovals(warning);
    }

    private bool OriginalExists(CuratedItem item)
    {
        var original = item.Photo.Path;
        if (!string.IsNullOrEmpty(original) && File.Exists(original)) return true;
        _problems.Add(new ExportProblem("OriginalNotFound", ExportProblemKind.NotFound, string.IsNullOrEmpty(original) ? item.PhotoId : original,
            $"Pick {item.Sequence} (rank {item.Rank}): the original '{original}' no longer exists; it is listed in {JsonFileName} but not copied."));
        return false;
    }

    private static string ExpectedHash(CuratedItem item) =>
        item.PhotoId.StartsWith(Hashing.PhotoIdPrefix, StringComparison.Ordinal) ? item.PhotoId[Hashing.PhotoIdPrefix.Length..] : FileHash.Of(item.Photo.Path);

    private void PlanCopy(CuratedItem item, string name)
    {
        if (!OriginalExists(item)) return;
        var original = item.Photo.Path;
        var expected = ExpectedHash(item);
        // An earlier export with -Xmp put its XMP inside this very copy: an export without -Xmp keeps it.
        var target = Path.Combine(OutputDir, name);
        if (!_options.Xmp && _previous.Find(name) is { EmbeddedXmp: true } earlier && earlier.PhotoId == item.PhotoId && _previous.Owns(OutputDir, name))
        {
            _expected[name] = earlier.Sha256;
            _kept[name] = earlier.Sha256;
            _entries[name] = (item.PhotoId, true);
            return;
        }
        _entries[name] = (item.PhotoId, false);
        PlanTarget(name, expected, $"Copy photo (pick {item.Sequence}, rank {item.Rank}) from '{original}'", t => CopyVerified(original, t, expected));
    }

    /// <summary>
    /// A copy with the XMP inside (docs/metadata.md#embedded). The bytes are built once here to know their
    /// hash, then again when the step runs, so no copy is held in memory between the plan and the write.
    /// False when the XMP cannot go inside (the file's structure or its own XMP cannot be read): the caller
    /// then copies it unchanged with a sidecar, and the problem says why.
    /// </summary>
    private bool PlanEmbeddedCopy(CuratedItem item, string name, XmpContainerKind kind, XmpFields fields)
    {
        if (!OriginalExists(item)) return true;
        var original = item.Photo.Path;
        var expected = ExpectedHash(item);
        byte[] bytes;
        try
        {
            bytes = EmbeddedBytes(original, expected, kind, fields);
        }
        catch (XmpFormatException ex)
        {
            _problems.Add(new ExportProblem("XmpNotEmbedded", ExportProblemKind.Unreadable, original,
                $"Pick {item.Sequence} (rank {item.Rank}): the XMP cannot go inside the copy of '{original}' ({ex.Message}); the copy is exported unchanged and its XMP goes to a sidecar."));
            return false;
        }
        catch (PhotoInputException ex)
        {
            _problems.Add(new ExportProblem(ex.ErrorId, ExportProblemKind.Unreadable, original, ex.Message));
            return true;
        }
        var sha = FileHash.Of(bytes);
        _entries[name] = (item.PhotoId, true);
        PlanTarget(name, sha, $"Copy photo with its XMP inside (pick {item.Sequence}, rank {item.Rank}) from '{original}'", target =>
        {
            var again = EmbeddedBytes(original, expected, kind, fields);
            if (FileHash.Of(again) != sha)
            {
                throw new PhotoInputException(PhotoErrorIds.FileChanged, PhotoProblem.Changed, original, $"'{original}' changed while it was exported; it was not exported. Re-run the pipeline.");
            }
            AtomicFile.WriteAllBytes(target, again);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(original));
        });
        return true;
    }

    /// <summary>The original's bytes (checked against the photo id) with <paramref name="fields"/> merged into its XMP.</summary>
    private static byte[] EmbeddedBytes(string original, string expectedSha256, XmpContainerKind kind, XmpFields fields)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(original);
        }
        catch (FileNotFoundException ex)
        {
            throw new PhotoInputException(PhotoErrorIds.FileNotFound, PhotoProblem.NotFound, original, $"'{original}' no longer exists; it was not exported.", ex);
        }
        if (FileHash.Of(bytes) != expectedSha256)
        {
            throw new PhotoInputException(PhotoErrorIds.FileChanged, PhotoProblem.Changed, original,
                $"'{original}' has changed since it was imported (its bytes no longer match its photo id); it was not exported. Re-run the pipeline.");
        }
        return XmpContainer.Embed(kind, bytes, fields);
    }

    /// <summary>
    /// The sidecar of a copy that keeps no XMP inside (a RAW other than DNG). It starts from the original's
    /// own sidecar when there is one (Lightroom's or darktable's develop settings travel with the copy).
    /// </summary>
    private void PlanCopySidecar(CuratedItem item, string copy, XmpFields fields)
    {
        var name = Path.GetFileName(ExportFileName.SidecarFor(copy, _options.SidecarNaming));
        string? existing = null;
        var source = OriginalSidecar(item.Photo.Path);
        if (source is not null && !TryReadSidecar(source, out existing, out var error))
            _problems.Add(new ExportProblem("SidecarUnreadable", ExportProblemKind.Unreadable, source,
                $"Pick {item.Sequence} (rank {item.Rank}): the original's sidecar '{source}' cannot be read ({error}); the copy's sidecar is written without its fields."));
        _entries[name] = (item.PhotoId, false);
        PlanFile(name, Encoding.UTF8.GetBytes(XmpDocument.Build(fields, existing)), $"Write XMP sidecar (pick {item.Sequence}, rank {item.Rank})");
    }

    /// <summary>The sidecar an editor keeps beside an original, in the chosen naming first.</summary>
    private string? OriginalSidecar(string original)
    {
        if (string.IsNullOrEmpty(original)) return null;
        var other = _options.SidecarNaming == SidecarNaming.Adobe ? SidecarNaming.Darktable : SidecarNaming.Adobe;
        return new[] { ExportFileName.SidecarFor(original, _options.SidecarNaming), ExportFileName.SidecarFor(original, other) }.FirstOrDefault(File.Exists);
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
            if (_previous.Unchanged(OutputDir, name, sha256) || FileHash.Of(target) == sha256)
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

    private void PlanSidecarsBesideOriginals(IReadOnlyList<CuratedItem> items, HashSet<string> planned)
    {
        foreach (var item in items)
        {
            if (string.IsNullOrEmpty(item.Photo.Path)) continue;
            var fields = XmpFields.ForPick(item, _options.Keywords, _options.FaceRegions);
            PlanSidecarBeside(item.Photo.Path, fields, planned, $"Pick {item.Sequence} (rank {item.Rank})", $"Write XMP sidecar beside the original (pick {item.Sequence}, rank {item.Rank})");
        }
    }

    /// <summary>
    /// Rejects (docs/metadata.md#rejects): a sidecar with xmp:Rating −1 beside each original the technical
    /// gate dropped, read from the batch's scoring and ingest stage documents. Locked-in photos (kept
    /// whatever the gate said) and the picks themselves are never marked.
    /// </summary>
    private void PlanRejects(IReadOnlyList<CuratedItem> items, HashSet<string> planned, Action<string> warning)
    {
        var rejects = GateRejects.Read(Layout, BatchId, items.Select(i => i.PhotoId), _options.Library);
        if (rejects is null)
        {
            warning($"-MarkRejects: batch '{BatchId}' has no scoring stage in '{Layout.Root}', so no photo is known to be dropped; nothing was marked.");
            return;
        }
        foreach (var reject in rejects)
        {
            if (!File.Exists(reject.Path))
            {
                _problems.Add(new ExportProblem("OriginalNotFound", ExportProblemKind.NotFound, reject.Path,
                    $"The rejected photo '{reject.Path}' no longer exists; no sidecar was written for it."));
                continue;
            }
            PlanSidecarBeside(reject.Path, XmpFields.ForReject(reject.PhotoId, reject.Score), planned, $"Rejected photo '{Path.GetFileName(reject.Path)}'", "Write XMP sidecar marking a reject beside the original");
        }
    }

    /// <summary>An existing sidecar's text when it reads and parses as XMP (to merge our fields into); else null and why.</summary>
    private static bool TryReadSidecar(string path, out string? text, out string? error)
    {
        try
        {
            text = File.ReadAllText(path);
            XmpDocument.Parse(text);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmpFormatException)
        {
            (text, error) = (null, ex.Message);
            return false;
        }
    }

    /// <summary>A sidecar beside an original: never over an existing one without -Force, and with -Force merged into it.</summary>
    private void PlanSidecarBeside(string original, XmpFields fields, HashSet<string> planned, string who, string action)
    {
        var target = ExportFileName.SidecarFor(original, _options.SidecarNaming);
        if (!planned.Add(target))
        {
            _problems.Add(new ExportProblem("SidecarNameClash", ExportProblemKind.Exists, target,
                $"{who}: '{target}' is also the sidecar of another photo (same name, other extension); only the first is written. -SidecarNaming Darktable names sidecars NAME.EXT.xmp."));
            return;
        }
        string? existing = null;
        if (File.Exists(target))
        {
            if (!_options.Force)
            {
                _problems.Add(new ExportProblem("SidecarExists", ExportProblemKind.Exists, target,
                    $"{who}: '{target}' already exists (Lightroom or another tool may keep edits there); it is left as it is. Use -Force to merge our fields into it (its other fields are kept)."));
                return;
            }
            if (!TryReadSidecar(target, out existing, out var error))
            {
                _problems.Add(new ExportProblem("SidecarUnreadable", ExportProblemKind.Unreadable, target,
                    $"{who}: '{target}' cannot be read as XMP ({error}); it is left as it is."));
                return;
            }
        }
        var xmp = Encoding.UTF8.GetBytes(XmpDocument.Build(fields, existing));
        if (existing is not null && Encoding.UTF8.GetBytes(existing).AsSpan().SequenceEqual(xmp)) return;
        _steps.Add(new ExportStep(target, action, inExportFolder: false, () => AtomicFile.WriteAllBytes(target, xmp)));
    }

    /// <summary>
    /// Files an earlier export wrote that this one does not: a copy whose pick left the set (or moved in
    /// the sequence) goes, with its sidecar. What this export merely did not ask for stays: the sidecars
    /// of copies still in the set when it writes no XMP, and the CSV when the picks are the same ones.
    /// </summary>
    private void PlanRemovals(Action<string> warning)
    {
        var previousCopies = _previous.Files.Where(f => IsCopyName(f.Name)).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var copies = _expected.Keys.Where(IsCopyName).ToHashSet(StringComparer.Ordinal);
        var samePicks = previousCopies.SetEquals(copies);
        foreach (var entry in _previous.Files.Where(f => !_expected.ContainsKey(f.Name)))
        {
            var target = Path.Combine(OutputDir, entry.Name);
            if (!_previous.Owns(OutputDir, entry.Name))
            {
                if (File.Exists(target)) warning($"'{target}' was written by an earlier export but has changed since; it is left in place.");
                continue;
            }
            var keep = entry.Name.EndsWith(".xmp", StringComparison.OrdinalIgnoreCase)
                ? !_options.Xmp && copies.Any(c => SidecarBelongsTo(entry.Name, c))
                : entry.Name == CsvFileName && !_options.Csv && samePicks;
            if (keep)
            {
                _carried[entry.Name] = entry;
                continue;
            }
            _steps.Add(new ExportStep(target, "Remove file of an earlier export", inExportFolder: true, () => File.Delete(target), emitsFile: false));
        }
    }

    private static bool IsCopyName(string name) =>
        name != JsonFileName && name != CsvFileName && !name.EndsWith(".xmp", StringComparison.OrdinalIgnoreCase);

    private static bool SidecarBelongsTo(string sidecar, string copy) =>
        sidecar == ExportFileName.SidecarFor(copy, SidecarNaming.Adobe) || sidecar == ExportFileName.SidecarFor(copy, SidecarNaming.Darktable);

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

    private ExportManifest.Entry Entry(string name, string sha256)
    {
        ExportManifest.Entry entry;
        if (_entries.TryGetValue(name, out var of)) entry = new ExportManifest.Entry { Name = name, Sha256 = sha256, PhotoId = of.PhotoId, EmbeddedXmp = of.EmbeddedXmp };
        else
        {
            var earlier = _carried.GetValueOrDefault(name) ?? _previous.Find(name);
            entry = new ExportManifest.Entry { Name = name, Sha256 = sha256, PhotoId = earlier?.PhotoId, EmbeddedXmp = earlier?.EmbeddedXmp ?? false };
        }
        // A copy's identity, so the next export can tell it is unchanged without hashing it (ExportManifest.Unchanged).
        if (IsCopyName(name))
        {
            var info = new FileInfo(Path.Combine(OutputDir, name));
            if (info.Exists)
            {
                entry.Size = info.Length;
                entry.WriteTicks = info.LastWriteTimeUtc.Ticks;
            }
        }
        return entry;
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
            // Files kept were hashed while planning (their bytes are the expected ones): not hashed again
            // (a cached re-run of the session kept every copy, and hashing each 6 MB copy twice was most
            // of its export).
            foreach (var entry in _previous.Files.Where(f => !removed.Contains(f.Name) && !written.Contains(f.Name) && !_kept.ContainsKey(f.Name) && _previous.Owns(OutputDir, f.Name)))
            {
                names[entry.Name] = entry.Sha256;
            }
            foreach (var (name, sha) in _kept) names[name] = sha;
            foreach (var name in written) names[name] = _expected[name];
            manifest.Files = names.Select(kv => Entry(kv.Key, kv.Value)).ToList();
            manifest.Write(OutputDir);
        }
        StageTimingLog.Record(Layout, BatchId, StageCatalog.Exporter.TimingKey, (long)_clock.Elapsed.TotalMilliseconds);
    }
}
