#requires -Version 7.4
<#
.SYNOPSIS
    Times the whole model-free run, Invoke-PhotoCuration, on camera-like 24 MP JPEGs: cold, then cached.

.DESCRIPTION
    Uses the camera-like 6000x4000 JPEGs that bench/Invoke-Benchmark.ps1 makes in bench/data/camera24mp
    (make them first with `-Task Bench -BenchArgs @{ Count = 1000 }` or the bench console's make-data).
    With fewer than -Count there (or -Distinct), the rest are byte-distinct variants of them with EXIF
    capture times moved on by whole days: every file is still its own photo, decoded and analysed.
    Runs, each in a fresh pwsh so peak memory (VmHWM) is per run:
      cold    Invoke-PhotoCuration -Count 40 -Xmp -Csv into an empty workspace
      cached  the same again on the same workspace (every per-photo stage from the cache)
    and reports wall time, CPU seconds, peak memory, the summary's per-stage times, the speed-up of the
    cached run, and the load average (the machine may be shared: CPU seconds are the steadier figure).

.EXAMPLE
    dotnet pwsh ./bench/Measure-Curation.ps1 -ModulePath ./out/PhotoCuration/PhotoCuration.psd1 -Count 1000
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 1000,
    [string] $DataPath = (Join-Path $PSScriptRoot 'data'),
    [int] $Select = 40,
    # Distinct frames to use from bench/data/camera24mp; the rest of -Count are time-shifted variants.
    [int] $Distinct = 1000
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ModulePath = (Resolve-Path $ModulePath).ProviderPath
$images = @(Get-ChildItem (Join-Path $DataPath 'camera24mp') -Filter *.jpg | Sort-Object Name | Select-Object -First ([math]::Min($Count, $Distinct)))
if ($images.Count -eq 0) { throw "No photos in $DataPath/camera24mp; make them first (see -Task Bench)." }
$shoot = Join-Path $DataPath "curation-set-$Count"
if (-not (Test-Path $shoot) -or @(Get-ChildItem $shoot -Filter *.jpg).Count -ne $Count) {
    Remove-Item $shoot -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory $shoot | Out-Null
    # Hard links: the same bytes without copying gigabytes.
    foreach ($f in $images) { New-Item -ItemType HardLink -Path (Join-Path $shoot $f.Name) -Target $f.FullName | Out-Null }
    # Beyond the distinct frames: byte-distinct variants whose EXIF capture times are moved on by whole
    # days (so each is a photo id and a moment of its own), decoded and analysed in full like any photo.
    $latin1 = [Text.Encoding]::Latin1
    for ($n = $images.Count; $n -lt $Count; $n++) {
        $source = $images[$n % $images.Count]
        $days = [math]::Floor($n / $images.Count)
        $bytes = [IO.File]::ReadAllBytes($source.FullName)
        $head = $latin1.GetString($bytes, 0, [math]::Min(65536, $bytes.Length))
        $shifted = [regex]::Replace($head, '\d{4}:\d{2}:\d{2} \d{2}:\d{2}:\d{2}', {
                param($m) [datetime]::ParseExact($m.Value, 'yyyy:MM:dd HH:mm:ss', [cultureinfo]::InvariantCulture).AddDays($days).ToString('yyyy:MM:dd HH:mm:ss', [cultureinfo]::InvariantCulture) })
        $latin1.GetBytes($shifted).CopyTo($bytes, 0)
        [IO.File]::WriteAllBytes((Join-Path $shoot ('V{0:0000}_{1}' -f $n, $source.Name)), $bytes)
    }
}
$ws = Join-Path $DataPath "curation-workspace-$Count"
Remove-Item $ws -Recurse -Force -ErrorAction SilentlyContinue

function Invoke-Run([string] $Name) {
    $self = (Get-Process -Id $PID).Path
    $pwsh = if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'pwsh') { @($self) } else { @($self, (Join-Path $PSHOME 'pwsh.dll')) }
    $file = Join-Path ([IO.Path]::GetTempPath()) "pc-curation-$Name.ps1"
    Set-Content -LiteralPath $file -Encoding utf8 -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
`$sw = [Diagnostics.Stopwatch]::StartNew()
`$s = Invoke-PhotoCuration -Path '$shoot' -BatchId bench -Workspace '$ws' -Count $Select -Xmp -Csv -WarningAction SilentlyContinue
`$sw.Stop()
`$peak = [long]((Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM:*' }) -replace '\D', '') * 1KB
`$cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalSeconds
[pscustomobject]@{ Seconds = `$sw.Elapsed.TotalSeconds; CpuSeconds = `$cpu; PeakMB = [math]::Round(`$peak / 1MB); Imported = `$s.Imported; Dropped = `$s.Dropped; Moments = `$s.Moments; Selected = `$s.Selected; Stages = `$s.StageTimingsMs; Cached = `$s.CachedStages } | ConvertTo-Json -Compress
"@
    $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $file
    if ($LASTEXITCODE -ne 0) { throw "Run $Name failed:`n$($output -join "`n")" }
    Remove-Item $file
    ($output | Select-Object -Last 1) | ConvertFrom-Json
}

$load = { (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 1 }
$cold = Invoke-Run cold
$coldLoad = & $load
$cached = Invoke-Run cached
$cachedLoad = & $load
[ordered]@{
    Photos        = $Count
    Cold          = $cold
    ColdLoadAvg   = $coldLoad
    Cached        = $cached
    CachedLoadAvg = $cachedLoad
    Speedup       = [math]::Round($cold.Seconds / $cached.Seconds, 1)
} | ConvertTo-Json -Depth 4
