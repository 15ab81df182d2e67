# Shared helpers of the Pester suite: sample shoots, read-only snapshots, child pwsh processes, and
# hand-made image files (good and bad) written byte by byte, so no test depends on the module to craft
# its own bad input.

Set-StrictMode -Version Latest

# The suite runs model-free unless a test names its models: the system's OpenCV BRISQUE files
# (opencv-data, which .ci/run installs for the parity test) would otherwise be found by every
# Get-PhotoFeatures. Models.Tests.ps1 clears this where it tests that discovery.
$env:PHOTOCURATION_NO_SYSTEM_MODELS = '1'

function New-TestShoot {
    # A sample shoot (12 frames + 'copies/IMG_0003 copy.jpg') in a fresh folder; returns its full path.
    param([Parameter(Mandatory)][string] $Path, [int] $Width = 320, [int] $Height = 214)
    New-PhotoSampleShoot -Path $Path -Width $Width -Height $Height | Out-Null
    return (Resolve-Path -LiteralPath $Path).ProviderPath
}

function Get-FolderSnapshot {
    # Every file below a folder (hidden ones too) with its SHA-256, size and write time, sorted by path.
    param([Parameter(Mandatory)][string] $Path)
    @(Get-ChildItem -LiteralPath $Path -Recurse -Force -File | Sort-Object FullName | ForEach-Object {
            [pscustomobject]@{
                Path             = $_.FullName
                Hash             = $(try { (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256 -ErrorAction Stop).Hash } catch { 'unreadable' })
                Length           = $_.Length
                LastWriteTimeUtc = $_.LastWriteTimeUtc.Ticks
            }
        })
}

function ConvertTo-SnapshotText {
    # One line per file: easy to compare with Should -Be and readable in a failure message.
    param([object[]] $Snapshot)
    ($Snapshot | ForEach-Object { '{0} {1} {2} {3}' -f $_.Hash, $_.Length, $_.LastWriteTimeUtc, $_.Path }) -join "`n"
}

function Get-PhotoIdOf {
    # What the module must compute: 'sha256:' + lower-case hex of the file bytes.
    param([Parameter(Mandatory)][string] $LiteralPath)
    'sha256:' + (Get-FileHash -LiteralPath $LiteralPath -Algorithm SHA256).Hash.ToLowerInvariant()
}

function ConvertTo-FileUri {
    # The file:// URI stage JSON uses for an original.
    param([Parameter(Mandatory)][string] $LiteralPath)
    ([uri]::new($LiteralPath)).AbsoluteUri
}

function Get-ChildPwsh {
    # The pwsh running the tests, as a command line for a child process. Under the dotnet tool the
    # process is dotnet itself, so the child is 'dotnet <PSHOME>/pwsh.dll'.
    $self = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'pwsh') { return , @($self) }
    return , @($self, (Join-Path $PSHOME 'pwsh.dll'))
}

function Invoke-ChildPwsh {
    # Runs a script in a fresh 'pwsh -NoProfile -NonInteractive' (stdout and stderr redirected, as in CI)
    # and returns ExitCode, Output (stdout lines), StdErr (text) and Result: the object the script
    # printed as one line 'RESULT=<json>', if any.
    param([Parameter(Mandatory)][string] $Script)
    $pwsh = Get-ChildPwsh
    $id = [guid]::NewGuid().ToString('N')
    $file = Join-Path ([IO.Path]::GetTempPath()) "pc-child-$id.ps1"
    $stderr = Join-Path ([IO.Path]::GetTempPath()) "pc-child-$id.err"
    Set-Content -LiteralPath $file -Value $Script -Encoding utf8
    try {
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $file)
        $output = @(& $pwsh[0] @arguments 2> $stderr | ForEach-Object { "$_" })
        $exitCode = $LASTEXITCODE
        $line = $output | Where-Object { $_.StartsWith('RESULT=') } | Select-Object -Last 1
        [pscustomobject]@{
            ExitCode = $exitCode
            Output   = $output
            StdErr   = if (Test-Path -LiteralPath $stderr) { Get-Content -Raw -LiteralPath $stderr } else { '' }
            Result   = if ($line) { $line.Substring(7) | ConvertFrom-Json } else { $null }
        }
    }
    finally {
        Remove-Item -LiteralPath $file, $stderr -ErrorAction SilentlyContinue
    }
}

#region PNG

$script:CrcTable = [uint32[]]::new(256)
for ($n = 0; $n -lt 256; $n++) {
    [uint32] $c = $n
    for ($k = 0; $k -lt 8; $k++) { $c = if ($c -band 1) { [uint32]3988292384 -bxor ($c -shr 1) } else { $c -shr 1 } }
    $script:CrcTable[$n] = $c
}

function Get-Crc32([byte[]] $Bytes) {
    [uint32] $c = [uint32]::MaxValue
    foreach ($b in $Bytes) { $c = $script:CrcTable[($c -bxor $b) -band 0xFF] -bxor ($c -shr 8) }
    return [uint32]($c -bxor [uint32]::MaxValue)
}

function ConvertTo-BigEndian([uint32] $Value) {
    [byte[]] @((($Value -shr 24) -band 0xFF), (($Value -shr 16) -band 0xFF), (($Value -shr 8) -band 0xFF), ($Value -band 0xFF))
}

function New-PngChunk([string] $Type, [byte[]] $Data) {
    $body = [byte[]]([Text.Encoding]::ASCII.GetBytes($Type) + $Data)
    [byte[]]((ConvertTo-BigEndian $Data.Length) + $body + (ConvertTo-BigEndian (Get-Crc32 $body)))
}

function New-TestPng {
    <#
    A PNG written byte by byte. By default a real 8-bit RGB image of Width x Height (a gradient) that any
    decoder reads. With -HeaderOnly, the IHDR declares Width x Height but the pixel data is empty: enough
    for a header reader to see the size, never enough to decode (a decompression-bomb stand-in).
    #>
    param([Parameter(Mandatory)][string] $Path, [int] $Width = 48, [int] $Height = 32, [switch] $HeaderOnly)
    $ihdr = [byte[]]((ConvertTo-BigEndian $Width) + (ConvertTo-BigEndian $Height) + [byte[]](8, 2, 0, 0, 0))
    $raw = [IO.MemoryStream]::new()
    if (-not $HeaderOnly) {
        for ($y = 0; $y -lt $Height; $y++) {
            $raw.WriteByte(0)   # filter: none
            for ($x = 0; $x -lt $Width; $x++) {
                $raw.WriteByte([byte](($x * 255) / [Math]::Max(1, $Width - 1)))
                $raw.WriteByte([byte](($y * 255) / [Math]::Max(1, $Height - 1)))
                $raw.WriteByte(128)
            }
        }
    }
    $compressed = [IO.MemoryStream]::new()
    $zlib = [IO.Compression.ZLibStream]::new($compressed, [IO.Compression.CompressionLevel]::Optimal, $true)
    $zlib.Write($raw.ToArray(), 0, [int]$raw.Length)
    $zlib.Dispose()
    $bytes = [byte[]](137, 80, 78, 71, 13, 10, 26, 10) + (New-PngChunk 'IHDR' $ihdr) + (New-PngChunk 'IDAT' $compressed.ToArray()) + (New-PngChunk 'IEND' ([byte[]]@()))
    [IO.File]::WriteAllBytes($Path, [byte[]]$bytes)
}

#endregion

#region JPEG

function Find-JpegMarker {
    # Offset of the first 0xFF <marker> segment after SOI, or -1.
    param([byte[]] $Bytes, [byte] $Marker)
    for ($i = 2; $i -lt $Bytes.Length - 1; $i++) {
        if ($Bytes[$i] -eq 0xFF -and $Bytes[$i + 1] -eq $Marker) { return $i }
    }
    return -1
}

function Get-JpegSize {
    # Width and height from a JPEG's frame header (SOF0..SOF2), read from the bytes on disk.
    param([Parameter(Mandatory)][string] $LiteralPath)
    $b = [IO.File]::ReadAllBytes($LiteralPath)
    if ($b.Length -lt 4 -or $b[0] -ne 0xFF -or $b[1] -ne 0xD8) { throw "'$LiteralPath' is not a JPEG." }
    $i = 2
    while ($i -lt $b.Length - 9) {
        if ($b[$i] -ne 0xFF) { throw "Bad JPEG segment at $i in '$LiteralPath'." }
        $marker = $b[$i + 1]
        $length = $b[$i + 2] * 256 + $b[$i + 3]
        if ($marker -in 0xC0, 0xC1, 0xC2) {
            return [pscustomobject]@{ Width = $b[$i + 7] * 256 + $b[$i + 8]; Height = $b[$i + 5] * 256 + $b[$i + 6] }
        }
        $i += 2 + $length
    }
    throw "No frame header in '$LiteralPath'."
}

function Test-JpegHasExif {
    # True when an APP1 'Exif' segment is present.
    param([Parameter(Mandatory)][string] $LiteralPath)
    $b = [IO.File]::ReadAllBytes($LiteralPath)
    $i = 2
    while ($i -lt $b.Length - 10 -and $b[$i] -eq 0xFF -and $b[$i + 1] -ne 0xDA) {
        $length = $b[$i + 2] * 256 + $b[$i + 3]
        if ($b[$i + 1] -eq 0xE1 -and [Text.Encoding]::ASCII.GetString($b, $i + 4, 4) -eq 'Exif') { return $true }
        $i += 2 + $length
    }
    return $false
}

function Edit-Bytes {
    # Copies a file with some bytes changed: -Edit receives the byte array and changes it in place.
    param([Parameter(Mandatory)][string] $Source, [Parameter(Mandatory)][string] $Destination, [Parameter(Mandatory)][scriptblock] $Edit)
    $bytes = [IO.File]::ReadAllBytes($Source)
    & $Edit $bytes
    [IO.File]::WriteAllBytes($Destination, $bytes)
}

function New-TruncatedJpeg {
    # The first half of a real JPEG: an interrupted copy.
    param([Parameter(Mandatory)][string] $Source, [Parameter(Mandatory)][string] $Destination)
    $bytes = [IO.File]::ReadAllBytes($Source)
    [IO.File]::WriteAllBytes($Destination, [byte[]]$bytes[0..([int]($bytes.Length / 2))])
}

function New-BadExifJpeg {
    # A JPEG whose pixels are fine but whose EXIF IFD0 offset points far beyond the EXIF segment.
    param([Parameter(Mandatory)][string] $Source, [Parameter(Mandatory)][string] $Destination)
    Edit-Bytes $Source $Destination {
        param($b)
        $app1 = Find-JpegMarker $b 0xE1
        if ($app1 -lt 0 -or [Text.Encoding]::ASCII.GetString($b, $app1 + 4, 4) -ne 'Exif') { throw "No EXIF in '$Source'." }
        $tiff = $app1 + 10
        # IFD0 offset (bytes 4..7 of the TIFF header), little- or big-endian alike: 0x7F7F7F10 / 0x107F7F7F.
        $b[$tiff + 4] = 0x7F; $b[$tiff + 5] = 0x7F; $b[$tiff + 6] = 0x7F; $b[$tiff + 7] = 0x10
    }
}

function New-BadHuffmanJpeg {
    # A JPEG whose header (size, frame) reads fine but whose Huffman table is impossible: only a full
    # decode finds out.
    param([Parameter(Mandatory)][string] $Source, [Parameter(Mandatory)][string] $Destination)
    Edit-Bytes $Source $Destination {
        param($b)
        $dht = Find-JpegMarker $b 0xC4
        if ($dht -lt 0) { throw "No DHT in '$Source'." }
        for ($k = 5; $k -lt 21; $k++) { $b[$dht + $k] = 0x40 }   # 16 code-length counts of 64: far over 256 codes
    }
}

function New-ArithmeticJpeg {
    # A JPEG whose frame header says SOF9 (arithmetic coding), a valid JPEG process ImageSharp 2.1 cannot decode.
    param([Parameter(Mandatory)][string] $Source, [Parameter(Mandatory)][string] $Destination)
    Edit-Bytes $Source $Destination {
        param($b)
        $sof = Find-JpegMarker $b 0xC0
        if ($sof -lt 0) { throw "No SOF0 in '$Source'." }
        $b[$sof + 1] = 0xC9
    }
}

function New-GarbageJpeg {
    # JPEG magic bytes followed by noise and an end marker: a JPEG in name and signature only.
    param([Parameter(Mandatory)][string] $Destination)
    $noise = [byte[]]::new(4096)
    [Random]::new(7).NextBytes($noise)
    [IO.File]::WriteAllBytes($Destination, [byte[]]([byte[]](0xFF, 0xD8, 0xFF) + $noise + [byte[]](0xFF, 0xD9)))
}

#endregion

#region Child processes running at once, killed, raced

function Start-ChildPwsh {
    # Starts a script in a child 'pwsh -NoProfile -NonInteractive' and returns at once: an object with
    # Process (to wait for or kill) and the files its output goes to. Read it with Receive-ChildPwsh.
    param([Parameter(Mandatory)][string] $Script)
    $pwsh = Get-ChildPwsh
    $id = [guid]::NewGuid().ToString('N')
    $base = Join-Path ([IO.Path]::GetTempPath()) "pc-child-$id"
    Set-Content -LiteralPath "$base.ps1" -Value $Script -Encoding utf8
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', "$base.ps1")
    $process = Start-Process -FilePath $pwsh[0] -ArgumentList $arguments -PassThru -NoNewWindow `
        -RedirectStandardOutput "$base.out" -RedirectStandardError "$base.err"
    [pscustomobject]@{ Process = $process; Base = $base }
}

function Receive-ChildPwsh {
    # Waits for a child from Start-ChildPwsh (killing it after -TimeoutSeconds) and returns ExitCode,
    # Output, StdErr and Result (the 'RESULT=<json>' line), like Invoke-ChildPwsh; removes its files.
    param([Parameter(Mandatory)] $Child, [int] $TimeoutSeconds = 600)
    try {
        if (-not $Child.Process.WaitForExit($TimeoutSeconds * 1000)) {
            $Child.Process.Kill($true)
            throw "Child pwsh $($Child.Process.Id) did not finish within $TimeoutSeconds s."
        }
        $Child.Process.WaitForExit()
        $output = @(if (Test-Path -LiteralPath "$($Child.Base).out") { Get-Content -LiteralPath "$($Child.Base).out" })
        $line = $output | Where-Object { $_.StartsWith('RESULT=') } | Select-Object -Last 1
        [pscustomobject]@{
            ExitCode = $Child.Process.ExitCode
            Output   = $output
            StdErr   = if (Test-Path -LiteralPath "$($Child.Base).err") { Get-Content -Raw -LiteralPath "$($Child.Base).err" } else { '' }
            Result   = if ($line) { $line.Substring(7) | ConvertFrom-Json } else { $null }
        }
    }
    finally {
        Remove-Item -LiteralPath "$($Child.Base).ps1", "$($Child.Base).out", "$($Child.Base).err" -ErrorAction SilentlyContinue
    }
}

function Stop-ChildPwshWhen {
    # Kills a child from Start-ChildPwsh for real (SIGKILL on Unix, TerminateProcess on Windows: no
    # finally blocks, no flushing) as soon as -Condition returns true, i.e. in the middle of its work.
    # Returns $true when it was killed, $false when it ended before the condition held.
    param([Parameter(Mandatory)] $Child, [Parameter(Mandatory)][scriptblock] $Condition, [int] $TimeoutSeconds = 300)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not $Child.Process.HasExited -and [DateTime]::UtcNow -lt $deadline) {
        if (& $Condition) {
            $Child.Process.Kill($true)
            $Child.Process.WaitForExit()
            return $true
        }
        Start-Sleep -Milliseconds 10
    }
    return $false
}

function Invoke-ConcurrentPhotoRun {
    <#
    Runs the same PhotoCuration script in -Count child pwsh processes at the same moment (each loads the
    module, then waits at a barrier file so the runs really overlap), and returns each child's result
    (see Receive-ChildPwsh). The script sees $Workspace and $Index (0-based); the module is imported.
    Made for races on one workspace: today Import | Preprocess | Features, later Invoke-PhotoCuration.
    #>
    param([Parameter(Mandatory)][string] $Script, [Parameter(Mandatory)][string] $Workspace, [int] $Count = 2, [int] $TimeoutSeconds = 600)
    $go = Join-Path ([IO.Path]::GetTempPath()) ("pc-go-" + [guid]::NewGuid().ToString('N'))
    $ready = 1..$Count | ForEach-Object { "$go.ready$_" }
    $children = for ($i = 0; $i -lt $Count; $i++) {
        Start-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($env:PHOTOCURATION_MODULE -replace "'", "''")'
`$Workspace = '$($Workspace -replace "'", "''")'
`$Index = $i
Set-Content -LiteralPath '$($ready[$i] -replace "'", "''")' -Value ready
while (-not (Test-Path -LiteralPath '$($go -replace "'", "''")')) { Start-Sleep -Milliseconds 5 }
$Script
"@
    }
    try {
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        while (@($ready | Where-Object { -not (Test-Path -LiteralPath $_) }).Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) {
            if (@($children | Where-Object { $_.Process.HasExited }).Count -gt 0) { break }
            Start-Sleep -Milliseconds 20
        }
        Set-Content -LiteralPath $go -Value go
        @($children | ForEach-Object { Receive-ChildPwsh $_ -TimeoutSeconds $TimeoutSeconds })
    }
    finally {
        Remove-Item -LiteralPath (@($go) + $ready) -ErrorAction SilentlyContinue
    }
}

function Stop-WhenWorkStarts {
    <#
    Ctrl+C, as the host sends it: runs $Script in a new PowerShell instance (arguments in order), waits
    until a file appears in $WaitFor (the run has started writing), then calls Stop() and returns how
    long stopping took and the final invocation state.
    #>
    param([Parameter(Mandatory)][scriptblock] $Script, [object[]] $Arguments = @(), [Parameter(Mandatory)][string] $WaitFor, [int] $TimeoutSeconds = 30)
    $ps = [powershell]::Create()
    try {
        $null = $ps.AddScript($Script)
        foreach ($a in $Arguments) { $null = $ps.AddArgument($a) }
        $async = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while (-not $async.IsCompleted -and [DateTime]::UtcNow -lt $deadline -and -not (Get-ChildItem $WaitFor -File -Recurse -ErrorAction SilentlyContinue)) {
            Start-Sleep -Milliseconds 10
        }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        [pscustomobject]@{ StopSeconds = $watch.Elapsed.TotalSeconds; State = $ps.InvocationStateInfo.State }
    }
    finally { $ps.Dispose() }
}

function Get-WorkspaceSnapshot {
    # Every file a run left in a workspace (relative path, SHA-256, size), sorted; AtomicFile's temporary
    # files ('.<name>.<id>.tmp', never read back) are listed separately as TempFiles. The stage-time log
    # (data/cache/timings) holds wall times, which differ on every run by nature, and is left out.
    param([Parameter(Mandatory)][string] $Workspace)
    $root = (Resolve-Path -LiteralPath $Workspace).ProviderPath
    $timings = [IO.Path]::Combine($root, 'data', 'cache', 'timings')
    $all = @(Get-ChildItem -LiteralPath $root -Recurse -Force -File | Where-Object { -not $_.FullName.StartsWith($timings) } | Sort-Object FullName)
    $isTemp = { $_.Name.StartsWith('.') -and $_.Name.EndsWith('.tmp') }
    [pscustomobject]@{
        Files     = @($all | Where-Object { -not (& $isTemp) } | ForEach-Object {
                '{0} {1} {2}' -f [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/'), $_.Length, (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash
            })
        TempFiles = @($all | Where-Object { & $isTemp } | ForEach-Object { [IO.Path]::GetRelativePath($root, $_.FullName) })
    }
}

#endregion

#region RAW-like containers

function ConvertTo-LittleEndian16([int] $Value) { [byte[]]@(($Value -band 0xFF), (($Value -shr 8) -band 0xFF)) }
function ConvertTo-LittleEndian32([long] $Value) { [byte[]]@(($Value -band 0xFF), (($Value -shr 8) -band 0xFF), (($Value -shr 16) -band 0xFF), (($Value -shr 24) -band 0xFF)) }

function New-TestRawFile {
    <#
    A RAW-like container around a real JPEG, written byte by byte:
    Tiff: a little-endian TIFF (with the 'CR' mark of a CR2 after the header when the name ends .CR2) whose IFD0 has Make,
          Orientation, Compression 6 and JPEGInterchangeFormat/Length pointing at the JPEG;
    Raf:  the Fujifilm header with the JPEG's offset at byte 84 and length at byte 88;
    Cr3:  'ftyp' with brand 'crx ', then Canon's preview 'uuid' box holding a PRVW box with the JPEG.
    #>
    param([Parameter(Mandatory)][string] $Path, [Parameter(Mandatory)][byte[]] $Jpeg,
        [ValidateSet('Tiff', 'Raf', 'Cr3')][string] $Kind = 'Tiff', [int] $Orientation = 1, [string] $Make = 'TestCam')
    $out = [IO.MemoryStream]::new()
    $put = { param([byte[]] $b) $out.Write($b, 0, $b.Length) }
    switch ($Kind) {
        'Tiff' {
            $makeBytes = [Text.Encoding]::ASCII.GetBytes($Make + "`0")
            if ($makeBytes.Length % 2) { $makeBytes += [byte]0 }
            $ifd = 16; $entries = 5
            $makeAt = $ifd + 2 + 12 * $entries + 4
            $jpegAt = $makeAt + $makeBytes.Length
            # Bytes 8-15: 'CR' + version, as in a CR2; other TIFF RAWs leave them zero.
            $mark = if ([IO.Path]::GetExtension($Path) -eq '.cr2') { [byte[]](0x43, 0x52, 2, 0, 0, 0, 0, 0) } else { [byte[]]::new(8) }
            & $put ([byte[]][char[]]'II' + (ConvertTo-LittleEndian16 42) + (ConvertTo-LittleEndian32 $ifd) + $mark)
            & $put (ConvertTo-LittleEndian16 $entries)
            foreach ($e in @(@(0x0103, 3, 1, 6), @(0x010F, 2, $makeBytes.Length, $makeAt), @(0x0112, 3, 1, $Orientation), @(0x0201, 4, 1, $jpegAt), @(0x0202, 4, 1, $Jpeg.Length))) {
                & $put ((ConvertTo-LittleEndian16 $e[0]) + (ConvertTo-LittleEndian16 $e[1]) + (ConvertTo-LittleEndian32 $e[2]) + (ConvertTo-LittleEndian32 $e[3]))
            }
            & $put (ConvertTo-LittleEndian32 0)
            & $put $makeBytes
            & $put $Jpeg
        }
        'Raf' {
            $header = [byte[]]::new(160)
            [Text.Encoding]::ASCII.GetBytes('FUJIFILMCCD-RAW 0201FF383501').CopyTo($header, 0)
            (ConvertTo-BigEndian 160).CopyTo($header, 84)
            (ConvertTo-BigEndian $Jpeg.Length).CopyTo($header, 88)
            & $put $header
            & $put $Jpeg
        }
        'Cr3' {
            & $put ((ConvertTo-BigEndian 24) + [byte[]][char[]]'ftypcrx ' + (ConvertTo-BigEndian 1) + [byte[]][char[]]'crx isom')
            $prvwLength = 8 + 16 + $Jpeg.Length
            & $put ((ConvertTo-BigEndian (8 + 16 + 8 + $prvwLength)) + [byte[]][char[]]'uuid' + [guid]::new('eaf42b5e-1c98-4b88-b9fb-b7dc406e4d16').ToByteArray($true) + [byte[]]::new(8))
            & $put ((ConvertTo-BigEndian $prvwLength) + [byte[]][char[]]'PRVW' + [byte[]](0, 0, 0, 0, 0, 1, 6, 0x54, 4, 0x38, 0, 1) + (ConvertTo-BigEndian $Jpeg.Length))
            & $put $Jpeg
            & $put ((ConvertTo-BigEndian 8) + [byte[]][char[]]'mdat')
        }
    }
    [IO.File]::WriteAllBytes($Path, $out.ToArray())
}

#endregion

Export-ModuleMember -Function New-TestShoot, Stop-WhenWorkStarts, Get-FolderSnapshot, ConvertTo-SnapshotText, Get-PhotoIdOf, ConvertTo-FileUri,
    Get-ChildPwsh, Invoke-ChildPwsh, New-TestPng, Find-JpegMarker, Get-JpegSize, Test-JpegHasExif, Edit-Bytes,
    New-TruncatedJpeg, New-BadExifJpeg, New-BadHuffmanJpeg, New-ArithmeticJpeg, New-GarbageJpeg,
    Start-ChildPwsh, Receive-ChildPwsh, Stop-ChildPwshWhen, Invoke-ConcurrentPhotoRun, Get-WorkspaceSnapshot, New-TestRawFile
