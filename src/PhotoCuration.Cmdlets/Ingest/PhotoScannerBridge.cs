using System.Management.Automation;

namespace PhotoCuration.Cmdlets.Ingest;

/// <summary>Keeps the engine's scanner type out of the public cmdlet class.</summary>
internal sealed class PhotoScannerBridge
{
    private readonly Engine.Ingest.PhotoScanner _scanner;
    public PhotoScannerBridge(string[]? include, string[]? exclude) => _scanner = new Engine.Ingest.PhotoScanner(include, exclude);
    public IEnumerable<string> Scan(string folder, bool recurse) => _scanner.Scan(folder, recurse);
}
