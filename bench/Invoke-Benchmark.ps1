#requires -Version 7.4
<#
.SYNOPSIS
    Times ingest and preprocess on camera-like 24 MP JPEGs and compares with vipsthumbnail.

.DESCRIPTION
    1. Makes -Count camera-like 6000x4000 JPEGs (q92, 4:2:0, sensor noise, EXIF times) from real
       photographs in -SourcePath (default: Debian's mate-backgrounds photos) into -DataPath, once.
    2. Runs each scenario in its own fresh pwsh so peak memory (VmHWM) is per scenario:
         import      Import-PhotoBatch alone
         preprocess  Import-PhotoBatch | Invoke-Preprocess into an empty workspace (cold)
         cached      the same again on the same workspace (everything from the cache)
         features    the same + Get-PhotoFeatures | Measure-PhotoScore (features cold)
         pipeline    Import | Preprocess | Get-PhotoFeatures | Measure-PhotoScore into a new workspace
    3. When vipsthumbnail is installed, runs it for the same two sizes (-s 2048 and -s 1024), one
       process at a time and two at a time (our preprocess uses two workers on two cores).
    4. Profiles the preprocess phases on one thread (decode, orient, resize, encode).
    Writes bench/results/<timestamp>.json and prints a markdown summary.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench -BenchArgs @{ Count = 100 }
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 100,
    [string] $SourcePath = '/usr/share/backgrounds/mate/nature',
    [string] $DataPath = (Join-Path $PSScriptRoot 'data'),
    [string] $ResultsPath = (Join-Path $PSScriptRoot 'results'),
    [int] $ThrottleLimit = [Environment]::ProcessorCount,
    [int] $ProfileCount = 10
)

$ErrorActionPreference = 'Stop'
# The scenarios are model-free: OpenCV's BRISQUE files, found by themselves where opencv-data is
# installed (/usr/share/opencv4/quality), would add BRISQUE to every photo (models/README.md).
$env:PHOTOCURATION_NO_SYSTEM_MODELS = '1'
Set-StrictMode -Version Latest
$root = Split-Path $PSScriptRoot -Parent
$images = Join-Path $DataPath 'camera24mp'
$benchProject = Join-Path $PSScriptRoot 'PhotoCuration.Bench'

function Get-ChildPwsh {
    $self = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'pwsh') { return , @($self) }
    return , @($self, (Join-Path $PSHOME 'pwsh.dll'))
}

function Invoke-Scenario {
    # Runs a script in a fresh pwsh; the script's last line of output is a JSON object.
    param([string] $Name, [string] $Script)
    $pwsh = Get-ChildPwsh
    $file = Join-Path ([IO.Path]::GetTempPath()) "pc-bench-$Name.ps1"
    Set-Content -LiteralPath $file -Encoding utf8 -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
`$sw = [Diagnostics.Stopwatch]::StartNew()
$Script
`$sw.Stop()
`$peak = if (Test-Path /proc/self/status) { [long]((Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM:*' }) -replace '\D', '') * 1KB } else { [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 }
# CPU time of the whole process (all threads): on a machine shared with other work, wall time grows
# with the load and CPU time hardly does.
`$cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalSeconds
[pscustomobject]@{ Seconds = `$sw.Elapsed.TotalSeconds; Photos = `$n; PeakBytes = `$peak; CpuSeconds = `$cpu } | ConvertTo-Json -Compress
"@
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $file)
    $output = & $pwsh[0] @arguments
    if ($LASTEXITCODE -ne 0) { throw "Scenario $Name failed:`n$($output -join "`n")" }
    Remove-Item $file
    return ($output | Select-Object -Last 1) | ConvertFrom-Json
}

function Measure-Vips {
    param([string[]] $Files, [int] $Parallel)
    $out = Join-Path ([IO.Path]::GetTempPath()) "pc-vips-$Parallel"
    if (Test-Path $out) { Remove-Item $out -Recurse -Force }
    New-Item -ItemType Directory $out | Out-Null
    $list = Join-Path $out 'files.txt'
    Set-Content -LiteralPath $list -Value $Files
    # Both sizes per photo, as our preprocess produces both; each size is its own vips decode.
    $sw = [Diagnostics.Stopwatch]::StartNew()
    & bash -c "xargs -P $Parallel -I{} sh -c 'vipsthumbnail -s 2048 -o $out/%s_2048.jpg[Q=92] {} && vipsthumbnail -s 1024 -o $out/%s_1024.jpg[Q=92] {}' < '$list'"
    $sw.Stop()
    if ($LASTEXITCODE -ne 0) { throw 'vipsthumbnail failed' }
    Remove-Item $out -Recurse -Force
    return $sw.Elapsed.TotalSeconds
}

# 1. Data.
$existing = @(Get-ChildItem $images -Filter *.jpg -ErrorAction SilentlyContinue).Count
if ($existing -lt $Count) {
    if (-not (Test-Path $SourcePath)) {
        throw "No source photographs at $SourcePath. Install Debian's photo wallpapers (as root: apt-get install mate-backgrounds) or pass -SourcePath <folder of JPEG photographs>."
    }
    Write-Host "Making $Count camera-like 24 MP JPEGs in $images (once) ..."
    & dotnet run --project $benchProject -c Release -- make-data $SourcePath $images $Count | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'Making the benchmark data failed.' }
}
$files = @(Get-ChildItem $images -Filter *.jpg | Sort-Object Name | Select-Object -First $Count)
$inputDir = Join-Path $DataPath "set-$Count"
if (Test-Path $inputDir) { Remove-Item $inputDir -Recurse -Force }
New-Item -ItemType Directory $inputDir | Out-Null
foreach ($f in $files) { New-Item -ItemType SymbolicLink -Path (Join-Path $inputDir $f.Name) -Target $f.FullName | Out-Null }
$megabytes = ($files | Measure-Object Length -Sum).Sum / 1MB

# 2. Our stages.
$ws = Join-Path $DataPath "workspace-$Count"
if (Test-Path $ws) { Remove-Item $ws -Recurse -Force }
$import = Invoke-Scenario 'import' "`$n = @(Import-PhotoBatch -Path '$inputDir' -Workspace '$ws' -BatchId bench -ThrottleLimit $ThrottleLimit).Count"
Remove-Item $ws -Recurse -Force
$cold = Invoke-Scenario 'preprocess' "`$n = @(Import-PhotoBatch -Path '$inputDir' -Workspace '$ws' -BatchId bench -ThrottleLimit $ThrottleLimit | Invoke-Preprocess -ThrottleLimit $ThrottleLimit).Count"
$cached = Invoke-Scenario 'cached' "`$n = @(Import-PhotoBatch -Path '$inputDir' -Workspace '$ws' -BatchId bench -ThrottleLimit $ThrottleLimit | Invoke-Preprocess -ThrottleLimit $ThrottleLimit | Where-Object { `$_.Preprocess.FromCache }).Count"
$scored = Invoke-Scenario 'features' "`$n = @(Import-PhotoBatch -Path '$inputDir' -Workspace '$ws' -BatchId bench -ThrottleLimit $ThrottleLimit | Invoke-Preprocess -ThrottleLimit $ThrottleLimit | Get-PhotoFeatures -ThrottleLimit $ThrottleLimit | Measure-PhotoScore -IncludeDropped).Count"
# The whole model-free pipeline from nothing: a fresh workspace, every stage cold.
Remove-Item $ws -Recurse -Force
$pipeline = Invoke-Scenario 'pipeline' "`$n = @(Import-PhotoBatch -Path '$inputDir' -Workspace '$ws' -BatchId bench -ThrottleLimit $ThrottleLimit | Invoke-Preprocess -ThrottleLimit $ThrottleLimit | Get-PhotoFeatures -ThrottleLimit $ThrottleLimit | Measure-PhotoScore -IncludeDropped).Count"
$preprocessOnly = [Math]::Max(0.001, $cold.Seconds - $import.Seconds)
$featuresOnly = [Math]::Max(0.001, $scored.Seconds - $cached.Seconds)

# 3. vipsthumbnail.
$vips = $null
if (Get-Command vipsthumbnail -ErrorAction SilentlyContinue) {
    $vipsVersion = (& vipsthumbnail --vips-version) -join ' '
    $vips = [ordered]@{
        Version = $vipsVersion
        SequentialSeconds = Measure-Vips $files.FullName 1
        ParallelSeconds = Measure-Vips $files.FullName $ThrottleLimit
    }
}

# 4. Phase profiles: preprocess on the originals, features on the standardized images.
$featureLines = & dotnet run --project $benchProject -c Release -- features (Join-Path $ws 'data/input') $files.Count
$featurePhases = [ordered]@{}
foreach ($line in $featureLines | Select-Object -Skip 1) { $name, $ms = $line -split ','; $featurePhases[$name] = [double]$ms }
$profileLines = & dotnet run --project $benchProject -c Release -- profile $images $ProfileCount
$phases = [ordered]@{}
foreach ($line in $profileLines | Select-Object -Skip 1) { $name, $ms = $line -split ','; $phases[$name] = [double]$ms }

$result = [ordered]@{
    Date = (Get-Date).ToString('o')
    Machine = [ordered]@{ Cores = [Environment]::ProcessorCount; OS = [Runtime.InteropServices.RuntimeInformation]::OSDescription; Dotnet = [Environment]::Version.ToString() }
    Command = "dotnet pwsh ./build.ps1 -Task Bench -BenchArgs @{ Count = $Count }"
    Photos = $files.Count
    InputMegabytes = [Math]::Round($megabytes, 1)
    ThrottleLimit = $ThrottleLimit
    Import = [ordered]@{ Seconds = [Math]::Round($import.Seconds, 2); PhotosPerSecond = [Math]::Round($files.Count / $import.Seconds, 1); PeakMB = [Math]::Round($import.PeakBytes / 1MB); CpuSeconds = [Math]::Round($import.CpuSeconds, 1) }
    ImportAndPreprocess = [ordered]@{ Seconds = [Math]::Round($cold.Seconds, 2); PhotosPerSecond = [Math]::Round($files.Count / $cold.Seconds, 2); PeakMB = [Math]::Round($cold.PeakBytes / 1MB); CpuSeconds = [Math]::Round($cold.CpuSeconds, 1) }
    PreprocessOnly = [ordered]@{ Seconds = [Math]::Round($preprocessOnly, 2); PhotosPerSecond = [Math]::Round($files.Count / $preprocessOnly, 2) }
    FeaturesAndScores = [ordered]@{ Seconds = [Math]::Round($featuresOnly, 2); PhotosPerSecond = [Math]::Round($files.Count / $featuresOnly, 2); PeakMB = [Math]::Round($scored.PeakBytes / 1MB); CpuSeconds = [Math]::Round($scored.CpuSeconds - $cached.CpuSeconds, 1) }
    Pipeline = [ordered]@{ Seconds = [Math]::Round($pipeline.Seconds, 2); PhotosPerSecond = [Math]::Round($files.Count / $pipeline.Seconds, 2); PeakMB = [Math]::Round($pipeline.PeakBytes / 1MB); CpuSeconds = [Math]::Round($pipeline.CpuSeconds, 1); PhotosPerSecondFromCpu = [Math]::Round($files.Count / ($pipeline.CpuSeconds / $ThrottleLimit), 2) }
    LoadAverage = if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg) -split ' ' | Select-Object -First 3 } else { $null }
    Cached = [ordered]@{ Seconds = [Math]::Round($cached.Seconds, 2); FromCache = $cached.Photos; Speedup = [Math]::Round($cold.Seconds / $cached.Seconds, 1); PeakMB = [Math]::Round($cached.PeakBytes / 1MB); CpuSeconds = [Math]::Round($cached.CpuSeconds, 1) }
    Vips = $vips
    RatioToVipsParallel = if ($vips) { [Math]::Round($preprocessOnly / $vips.ParallelSeconds, 2) } else { $null }
    PhaseMsPerPhotoOneThread = $phases
    FeatureMsPerPhotoOneThread = $featurePhases
}
New-Item -ItemType Directory -Force $ResultsPath | Out-Null
$resultFile = Join-Path $ResultsPath ((Get-Date -Format 'yyyyMMdd-HHmmss') + '.json')
$result | ConvertTo-Json -Depth 5 | Set-Content -Encoding utf8 $resultFile

Write-Host @"

## PhotoCuration benchmark: $($files.Count) camera-like 24 MP JPEGs ($([Math]::Round($megabytes)) MB), $([Environment]::ProcessorCount) cores, $ThrottleLimit workers

| stage | seconds | photos/s | peak memory | CPU s |
|---|---:|---:|---:|---:|
| Import-PhotoBatch | $($result.Import.Seconds) | $($result.Import.PhotosPerSecond) | $($result.Import.PeakMB) MB | $($result.Import.CpuSeconds) |
| Import + Invoke-Preprocess (cold) | $($result.ImportAndPreprocess.Seconds) | $($result.ImportAndPreprocess.PhotosPerSecond) | $($result.ImportAndPreprocess.PeakMB) MB | $($result.ImportAndPreprocess.CpuSeconds) |
| Invoke-Preprocess alone (difference) | $($result.PreprocessOnly.Seconds) | $($result.PreprocessOnly.PhotosPerSecond) | | |
| Import + Invoke-Preprocess (cached) | $($result.Cached.Seconds) | | $($result.Cached.PeakMB) MB | $($result.Cached.CpuSeconds) |
| Get-PhotoFeatures + Measure-PhotoScore (after cached preprocess) | $($result.FeaturesAndScores.Seconds) | $($result.FeaturesAndScores.PhotosPerSecond) | $($result.FeaturesAndScores.PeakMB) MB | $($result.FeaturesAndScores.CpuSeconds) |
| Import, Preprocess, Get-PhotoFeatures, Measure-PhotoScore (all cold) | $($result.Pipeline.Seconds) | $($result.Pipeline.PhotosPerSecond) | $($result.Pipeline.PeakMB) MB | $($result.Pipeline.CpuSeconds) |

Whole pipeline: $($result.Pipeline.CpuSeconds) CPU seconds for $($files.Count) photos, i.e. $($result.Pipeline.PhotosPerSecondFromCpu) photos/s if the $ThrottleLimit workers had their cores to themselves (load average at the end: $($result.LoadAverage -join ' ')).

Cached re-run: $($result.Cached.FromCache) of $($files.Count) from the cache, $($result.Cached.Speedup)x faster than cold.
"@
if ($vips) {
    Write-Host @"
vipsthumbnail ($($vips.Version)) for the same two sizes: $([Math]::Round($vips.SequentialSeconds, 2)) s one at a time, $([Math]::Round($vips.ParallelSeconds, 2)) s with $ThrottleLimit processes.
Invoke-Preprocess / vipsthumbnail ($ThrottleLimit processes): $($result.RatioToVipsParallel) (target: at most 2).
"@
}
Write-Host "`nPreprocess phases, ms per photo on one thread (n=$ProfileCount):"
foreach ($p in $phases.GetEnumerator()) { Write-Host ("  {0,-28} {1,8:0.0}" -f $p.Key, $p.Value) }
Write-Host "`nFeatures, CPU ms per photo on one thread (n=$($files.Count), 1024-px standardized images):"
foreach ($p in $featurePhases.GetEnumerator()) { Write-Host ("  {0,-28} {1,8:0.0}" -f $p.Key, $p.Value) }
Write-Host "`nResults: $resultFile"
