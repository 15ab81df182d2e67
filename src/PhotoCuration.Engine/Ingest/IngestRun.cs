using PhotoCuration.Engine.Distributed;
using PhotoCuration.Engine.Imaging;
using PhotoCuration.Engine.Pipeline;
using PhotoCuration.Engine.Workspace;

namespace PhotoCuration.Engine.Ingest;

/// <summary>
/// One run of the ingest stage: which paths were seen, the workers inspecting files (RAW + JPEG pairs as
/// one photo), and the batch that collects results. Photos are emitted, and problems reported, on the
/// driving thread in input order. Used by Import-PhotoBatch and by the curation session.
/// </summary>
public sealed class IngestRun : IDisposable
{
    private readonly IStageReporter _reporter;
    private readonly Action<Photo> _emit;
    private readonly HashSet<string> _seen = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    private readonly PhotoScanner _scanner;
    private readonly PhotoWorkRunner<string, Photo> _runner;
    private readonly PhotoInspector _inspector;
    private readonly double _maxMegapixels;
    private InspectionCache? _inspections;
    // Companion of each primary file posted (RAW → its JPEG); read by the workers.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _companions = new(StringComparer.Ordinal);
    // A RAW that could not be read and was replaced by its JPEG: reported when its result comes back.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PhotoInputException> _replacedRaws = new(StringComparer.Ordinal);
    // A single file (piped or named) that may be half of a RAW + JPEG pair, waiting for the next path.
    private string? _held;
    private BatchIngest? _batch;

    public IngestRun(IStageReporter reporter, Action<Photo> emit, double maxMegapixels, int workers, IEnumerable<string>? include, IEnumerable<string>? exclude, CancellationToken cancellation)
    {
        _reporter = reporter;
        _emit = emit;
        _scanner = new PhotoScanner(include, exclude);
        _inspector = new PhotoInspector(maxMegapixels);
        _maxMegapixels = maxMegapixels;
        _runner = new PhotoWorkRunner<string, Photo>(StageCatalog.Ingest.Cmdlet, Inspect, OnResult, (done, total) => reporter.Progress(StageCatalog.Ingest, done, total), workers, cancellation);
    }

    public bool HasBatch => _batch is not null;
    public BatchIngest Batch => _batch ?? throw new InvalidOperationException("The batch was not started.");

    /// <param name="library">-Library roots: originals under one are recorded library-relative, and remembered by that name in the inspection cache, as workers do.</param>
    public void StartBatch(string batchId, string workspace, UserOverrides overrides, string? themeRef, LibraryRoots? library = null)
    {
        _batch = new BatchIngest(batchId, new WorkspaceLayout(workspace), overrides, themeRef, library);
        _inspections = new InspectionCache(new WorkspaceLayout(workspace), _maxMegapixels, library is { IsEmpty: false } ? library.ToPortable : null);
    }

    /// <summary>Inspects a file, or takes the inspection remembered for it while it is unchanged.</summary>
    private Photo InspectFile(string path, CancellationToken cancellation) => _inspections is { } cache
        ? cache.Inspect(path, p => _inspector.Inspect(p, cancellation, Originals is { } o ? o.Put : null))
        : _inspector.Inspect(path, cancellation, Originals is { } originals ? originals.Put : null);

    /// <summary>
    /// When set, each inspected photo's bytes are handed to the preprocess stage of the same streamed
    /// run (the curation session), so the original is read once (docs/architecture.md#one-read-one-decode).
    /// </summary>
    public Handoff<byte[]>? Originals { get; init; }

    /// <summary>
    /// Queues a file, or every photo file of a folder. Each path is imported once per call. A RAW and a
    /// JPEG of the same frame become one photo: in a folder scan or a batch file always; for files given
    /// one by one when they come one after the other (as Get-ChildItem lists them).
    /// </summary>
    public void Add(string path, bool recurse)
    {
        var looksLikePhoto = PhotoFormats.ScannedExtensions.Contains(Path.GetExtension(path));
        if (Directory.Exists(path) && !looksLikePhoto)
        {
            Release();
            var scan = _scanner.Walk(path, recurse);
            foreach (var problem in scan.Problems) ReportProblem(problem);
            if (!recurse && scan.Files.Count == 0) HintRecurse(path);
            var files = scan.Files.Where(f => !IsWorkspaceOutput(f)).Where(f => _seen.Add(f)).ToList();
            PostEntries(RawJpegPairing.Pair(files));
            return;
        }
        // A folder named like an image still goes to the inspector, which reports it as "not a file".
        if (!_seen.Add(path)) return;
        if (_held is not null && RawJpegPairing.ArePair(_held, path))
        {
            var pair = RawJpegPairing.Order(_held, path);
            _held = null;
            PostEntries(new[] { pair });
            return;
        }
        Release();
        if (RawJpegPairing.HasPartnerOnDisk(path)) _held = path;
        else PostEntries(new[] { new RawJpegPairing.Entry(path, null) });
    }

    /// <summary>Queues a list of files known up front (a batch file), pairing RAW + JPEG files.</summary>
    public void AddFiles(IReadOnlyList<string> paths)
    {
        Release();
        PostEntries(RawJpegPairing.Pair(paths.Where(p => _seen.Add(p)).ToList()));
    }

    /// <summary>Posts the held single file: its partner did not come next.</summary>
    private void Release()
    {
        if (_held is null) return;
        var held = _held;
        _held = null;
        PostEntries(new[] { new RawJpegPairing.Entry(held, null) });
    }

    /// <summary>
    /// When set, the run only lists: entries are collected (see <see cref="FinishListing"/>) instead of
    /// inspected here, and their inspections come back through <see cref="Accept"/> — the distributed run,
    /// whose workers inspect each original in the same read as the later stages (docs/distributed.md#what-runs-where).
    /// </summary>
    public bool ListOnly { get; init; }

    private readonly List<RawJpegPairing.Entry> _listed = new();

    /// <summary>The entries listed so far (a held single file included), in the order a local run would inspect them.</summary>
    public IReadOnlyList<RawJpegPairing.Entry> FinishListing()
    {
        Release();
        return _listed;
    }

    /// <summary>
    /// Takes the inspection of a listed entry, done elsewhere, as if it had been done here: in listing
    /// order, one call per entry, with the photo or the error and the RAW problem when its JPEG stood in.
    /// </summary>
    public void Accept(string primary, Photo? photo, Exception? error, PhotoInputException? replacedRaw)
    {
        if (replacedRaw is not null) _replacedRaws[primary] = replacedRaw;
        OnResult(new WorkResult<string, Photo>(primary, photo, error, TimeSpan.Zero));
    }

    /// <summary>Inspects one listed entry here, on the driving thread (a listing run's file no one else inspected).</summary>
    public void InspectHere(RawJpegPairing.Entry entry, CancellationToken cancellation)
    {
        if (entry.Companion is not null) _companions[entry.Primary] = entry.Companion;
        Photo photo;
        try
        {
            photo = Inspect(entry.Primary, cancellation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            OnResult(new WorkResult<string, Photo>(entry.Primary, null, ex, TimeSpan.Zero));
            return;
        }
        OnResult(new WorkResult<string, Photo>(entry.Primary, photo, null, TimeSpan.Zero));
    }

    private void PostEntries(IReadOnlyList<RawJpegPairing.Entry> entries)
    {
        if (ListOnly)
        {
            _listed.AddRange(entries);
            return;
        }
        _runner.ExpectMore(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Companion is not null) _companions[entry.Primary] = entry.Companion;
            _runner.Post(entry.Primary);
        }
    }

    /// <summary>Inspects one photo (a RAW + JPEG pair as one; <see cref="EntryInspection"/>).</summary>
    private Photo Inspect(string path, CancellationToken cancellation)
    {
        _companions.TryGetValue(path, out var companion);
        var (photo, replacedRaw) = EntryInspection.Inspect(path, companion, file => InspectFile(file, cancellation));
        if (replacedRaw is not null) _replacedRaws[path] = replacedRaw;
        return photo;
    }

    public void Drain() => _runner.Drain();

    /// <summary>Files the stages wrote (derived images, cache, stage JSON) are never photos of the shoot.</summary>
    private bool IsWorkspaceOutput(string file)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var dir in new[] { Batch.Layout.DataDir, Batch.Layout.StageJsonDir })
        {
            if (file.StartsWith(Path.TrimEndingDirectorySeparator(dir) + Path.DirectorySeparatorChar, comparison)) return true;
        }
        return false;
    }

    /// <summary>Finishes the remaining work; returns the stage JSON path and the timing summary.</summary>
    public (string StageJson, string Summary) Complete()
    {
        Release();
        _runner.Complete();
        var path = Batch.WriteStageJson();
        StageTimingLog.Record(Batch.Layout, Batch.BatchId, StageCatalog.Ingest.TimingKey, (long)_runner.Clock.Elapsed.TotalMilliseconds);
        ImagingConfiguration.ReleasePooledMemory();
        return (path, _runner.Clock.Summary());
    }

    public IEnumerable<(string List, string Entry)> UnmatchedOverrides() => Batch.Overrides.Unmatched();

    public void Cancel() => _runner.Cancel();

    /// <summary>
    /// A folder with no photos at its top level but some in its subfolders (a memory card's DCIM) gets a
    /// warning saying to add -Recurse, instead of a silent empty batch.
    /// </summary>
    private void HintRecurse(string folder)
    {
        var below = _scanner.Walk(folder, recurse: true).Files;
        if (below.Count == 0) return;
        var example = Path.GetDirectoryName(Path.GetRelativePath(folder, below[0]));
        _reporter.Warning($"'{folder}' has no photos at its top level, but its subfolders hold {below.Count} (e.g. in '{example}'); add -Recurse to import them.");
    }

    /// <summary>A folder the scan could not walk, or a link loop: one error, recorded in the stage JSON.</summary>
    private void ReportProblem(PhotoInputException problem)
    {
        if (!_seen.Add(problem.FilePath)) return;
        Batch.Reject(problem.FilePath, problem.ErrorId, problem.Message);
        _reporter.PhotoFailed(StageCatalog.Ingest, problem.FilePath, problem);
    }

    private void OnResult(WorkResult<string, Photo> result)
    {
        if (result.Error is not null)
        {
            var (id, message) = PhotoInputException.Describe(result.Error, result.Input);
            Batch.Reject(result.Input, id, message);
            _reporter.PhotoFailed(StageCatalog.Ingest, result.Input, result.Error);
            return;
        }
        if (_replacedRaws.TryRemove(result.Input, out var rawError))
        {
            var (rawId, rawMessage) = PhotoInputException.Describe(rawError, result.Input);
            Batch.Reject(result.Input, rawId, rawMessage + $" The JPEG '{result.Output!.FileName}' of the same frame is used instead.");
            _reporter.PhotoFailed(StageCatalog.Ingest, result.Input, rawError);
        }
        var photo = Batch.Accept(result.Output!);
        if (photo.Exif.Warnings.Count > 0)
        {
            // The pixels are fine, so the photo still flows on; the metadata problem is reported.
            var message = $"'{photo.FileName}' has damaged metadata: {string.Join("; ", photo.Exif.Warnings)}";
            Batch.Reject(photo.Path, PhotoErrorIds.CorruptMetadata, message);
            var error = new PhotoInputException(PhotoErrorIds.CorruptMetadata, PhotoProblem.InvalidData, photo.Path, message);
            _reporter.PhotoFailed(StageCatalog.Ingest, photo.Path, error);
        }
        _emit(photo);
    }

    public void Dispose() => _runner.Dispose();
}
