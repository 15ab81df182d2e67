#requires -Version 7.4
<#
.SYNOPSIS
    In one run on the same camera-like 24 MP JPEGs: Invoke-Preprocess and the whole model-free
    Invoke-PhotoCuration against vipsthumbnail making the same two sizes and djpeg decoding at 1/2.

.DESCRIPTION
    Uses bench/data/camera24mp (make it with the bench console: `dotnet run --project
    bench/PhotoCuration.Bench -c Release -- make-data /usr/share/backgrounds/mate/nature
    bench/data/camera24mp 40`). With fewer distinct frames than -Count, the rest are byte-distinct
    variants with EXIF capture times moved on by whole days (decoded in full like any photo).
    Needs vipsthumbnail and djpeg (apt-get install -y libvips-tools libjpeg-turbo-progs).

    Measures, each with wall and CPU seconds (CPU hardly changes when other work loads the machine):
      import        Import-PhotoBatch alone (fresh pwsh)
      preprocess    Import-PhotoBatch | Invoke-Preprocess, cold (fresh pwsh); preprocess = this − import
      curation      Invoke-PhotoCuration model-free, cold, into a new workspace (fresh pwsh)
      cached        the same Invoke-PhotoCuration again (every per-photo stage from the cache)
      vipsthumbnail -s 2048 then -s 1024 (Q=92) per photo, -Workers processes at a time
      djpeg         -scale 1/2 and full size, one process at a time (one thread): the decode floor
      engine-1t     the engine's Preprocessor on one thread (bench console `preprocess`), CPU per photo
    and prints the ratios the targets are stated in, with the load average before and after each step.

.EXAMPLE
    dotnet pwsh ./bench/Measure-Decode.ps1 -ModulePath ./out/PhotoCuration/PhotoCuration.psd1 -Count 100
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 100,
    [string] $DataPath = (Join-Path $PSScriptRoot 'data'),
    [int] $Workers = [Environment]::ProcessorCount,
    [int] $Select = 40,
    [int] $EngineSample = 20,
    # Which measurements to run (all by default); e.g. -Only preprocess,vipsthumbnail
    [string[]] $Only = @('import', 'preprocess', 'curation', 'cached', 'vipsthumbnail', 'djpeg', 'engine')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ModulePath = (Resolve-Path $ModulePath).ProviderPath
$Only = @($Only -split ',' | ForEach-Object Trim)   # pwsh -File passes "a,b" as one string
foreach ($tool in 'vipsthumbnail', 'djpeg') {
    if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) { throw "$tool is not installed (apt-get install -y libvips-tools libjpeg-turbo-progs)." }
}
$images = @(Get-ChildItem (Join-Path $DataPath 'camera24mp') -Filter *.jpg | Sort-Object Name)
if ($images.Count -eq 0) { throw "No photos in $DataPath/camera24mp; make them first (see .DESCRIPTION)." }
$shoot = Join-Path $DataPath "decode-set-$Count"
if (-not (Test-Path $shoot) -or @(Get-ChildItem $shoot -Filter *.jpg).Count -ne $Count) {
    Remove-Item $shoot -Recurse -Force -ErrorAction SilentlyContinue
    New-Item -ItemType Directory $shoot | Out-Null
    $latin1 = [Text.Encoding]::Latin1
    for ($n = 0; $n -lt $Count; $n++) {
        $source = $images[$n % $images.Count]
        if ($n -lt $images.Count) { New-Item -ItemType HardLink -Path (Join-Path $shoot $source.Name) -Target $source.FullName | Out-Null; continue }
        $days = [math]::Floor($n / $images.Count)
        $bytes = [IO.File]::ReadAllBytes($source.FullName)
        $head = $latin1.GetString($bytes, 0, [math]::Min(65536, $bytes.Length))
        $shifted = [regex]::Replace($head, '\d{4}:\d{2}:\d{2} \d{2}:\d{2}:\d{2}', {
                param($m) [datetime]::ParseExact($m.Value, 'yyyy:MM:dd HH:mm:ss', [cultureinfo]::InvariantCulture).AddDays($days).ToString('yyyy:MM:dd HH:mm:ss', [cultureinfo]::InvariantCulture) })
        $latin1.GetBytes($shifted).CopyTo($bytes, 0)
        [IO.File]::WriteAllBytes((Join-Path $shoot ('V{0:0000}_{1}' -f $n, $source.Name)), $bytes)
    }
}
$files = @(Get-ChildItem $shoot -Filter *.jpg | Sort-Object Name | ForEach-Object FullName)
$scratch = Join-Path ([IO.Path]::GetTempPath()) "pc-decode-bench-$PID"
New-Item -ItemType Directory -Force $scratch | Out-Null
$loadAvg = { [double]((Get-Content /proc/loadavg) -split ' ')[0] }

function Invoke-Pwsh([string] $Name, [string] $Script) {
    # A fresh pwsh per scenario; its last output line is a JSON object with Seconds and CpuSeconds.
    $self = (Get-Process -Id $PID).Path
    $pwsh = if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'pwsh') { @($self) } else { @($self, (Join-Path $PSHOME 'pwsh.dll')) }
    $file = Join-Path $scratch "$Name.ps1"
    Set-Content -LiteralPath $file -Encoding utf8 -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
`$sw = [Diagnostics.Stopwatch]::StartNew()
$Script
`$sw.Stop()
`$peak = [long]((Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM:*' }) -replace '\D', '') * 1KB
[pscustomobject]@{ Seconds = `$sw.Elapsed.TotalSeconds; CpuSeconds = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalSeconds; PeakMB = [math]::Round(`$peak / 1MB); N = `$n } | ConvertTo-Json -Compress
"@
    $before = & $loadAvg
    $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $file
    if ($LASTEXITCODE -ne 0) { throw "Scenario $Name failed:`n$($output -join "`n")" }
    $r = ($output | Select-Object -Last 1) | ConvertFrom-Json
    $r | Add-Member LoadAvg "$before → $(& $loadAvg)"
    Write-Host "$Name $($r | ConvertTo-Json -Compress)"
    $r
}

function Invoke-Timed([string] $Name, [string] $Bash) {
    # Wall and CPU (user + sys of all children) seconds of a bash command line, run from a script file
    # (no quoting through the native-argument layer).
    $before = & $loadAvg
    $script = Join-Path $scratch "$Name.sh"
    Set-Content -LiteralPath $script -Value @(
        "TIMEFORMAT='%R %U %S'"
        "{ time { ( $Bash ) > /dev/null 2>&1 ; } ; } 2>&1")
    $out = & bash $script
    if ($LASTEXITCODE -ne 0 -or -not $out) { throw "$Name failed: $out" }
    $t = ($out | Select-Object -Last 1) -split ' ' | ForEach-Object { [double]$_ }
    $r = [pscustomobject]@{ Seconds = $t[0]; CpuSeconds = $t[1] + $t[2]; LoadAvg = "$before → $(& $loadAvg)" }
    Write-Host "$Name $($r | ConvertTo-Json -Compress)"
    $r
}

$list = Join-Path $scratch 'files.txt'
Set-Content -LiteralPath $list -Value $files
$ws = Join-Path $scratch 'ws'
$r = [ordered]@{ Photos = $Count; Workers = $Workers; Cores = [Environment]::ProcessorCount }
if ('import' -in $Only) { $r.import = Invoke-Pwsh import "`$n = @(Import-PhotoBatch '$shoot' -Workspace '$ws-import' -ThrottleLimit $Workers).Count" }
if ('preprocess' -in $Only) { $r.preprocess = Invoke-Pwsh preprocess "`$n = @(Import-PhotoBatch '$shoot' -Workspace '$ws-pre' -ThrottleLimit $Workers | Invoke-Preprocess -ThrottleLimit $Workers).Count" }
if ('curation' -in $Only) { $r.curation = Invoke-Pwsh curation "`$s = Invoke-PhotoCuration -Path '$shoot' -BatchId bench -Workspace '$ws-cur' -Count $Select -ThrottleLimit $Workers -WarningAction SilentlyContinue; `$n = `$s.Imported" }
if ('cached' -in $Only) { $r.cached = Invoke-Pwsh cached "`$s = Invoke-PhotoCuration -Path '$shoot' -BatchId bench -Workspace '$ws-cur' -Count $Select -ThrottleLimit $Workers -WarningAction SilentlyContinue; `$n = `$s.Imported" }
if ('vipsthumbnail' -in $Only) { $r.vipsthumbnail = Invoke-Timed vipsthumbnail "xargs -P $Workers -I{} sh -c 'vipsthumbnail -s 2048 -o $scratch/%s_2048.jpg[Q=92] {} && vipsthumbnail -s 1024 -o $scratch/%s_1024.jpg[Q=92] {}' < '$list'" }
if ('djpeg' -in $Only) {
$r.djpegHalf = Invoke-Timed djpeg-half "while read f; do djpeg -scale 1/2 `"`$f`" > /dev/null; done < '$list'"
$r.djpegFull = Invoke-Timed djpeg-full "while read f; do djpeg `"`$f`" > /dev/null; done < '$list'"
}
$engineCpuMs = $null
if ('engine' -in $Only) {
$bench = Join-Path $PSScriptRoot 'PhotoCuration.Bench'
& dotnet build $bench -c Release -v quiet --nologo | Out-Null
$before = & $loadAvg
$engine = & dotnet run --project $bench -c Release --no-build -- preprocess $shoot $EngineSample vips
$r.engineOneThread = [pscustomobject]@{ Line = ($engine | Select-Object -Last 1); LoadAvg = "$before → $(& $loadAvg)" }
$engineCpuMs = [double](([regex]::Match($r.engineOneThread.Line, 'cpu_ms_per_photo ([\d.]+)')).Groups[1].Value)
Write-Host "engine $($r.engineOneThread.Line)"
}
Remove-Item $scratch -Recurse -Force

function Ratio($a, $b, $digits = 3) { if ($null -eq $a -or $null -eq $b -or $b -eq 0) { $null } else { [math]::Round($a / $b, $digits) } }
function Get($name, $field) { if ($r.Contains($name)) { $r[$name].$field } else { $null } }
$pre = if ($r.Contains('preprocess') -and $r.Contains('import')) { $r.preprocess.Seconds - $r.import.Seconds } else { $null }
$preCpu = if ($r.Contains('preprocess') -and $r.Contains('import')) { $r.preprocess.CpuSeconds - $r.import.CpuSeconds } else { $null }
$djpegHalfMs = Ratio (Get djpegHalf CpuSeconds) ($Count / 1000) 1
$summary = [ordered]@{
    'preprocess seconds (cold − import)'             = $pre
    'preprocess / vipsthumbnail, wall'               = Ratio $pre (Get vipsthumbnail Seconds)
    'preprocess / vipsthumbnail, CPU'                = Ratio $preCpu (Get vipsthumbnail CpuSeconds)
    'curation / vipsthumbnail, wall'                 = Ratio (Get curation Seconds) (Get vipsthumbnail Seconds)
    'curation / vipsthumbnail, CPU'                  = Ratio (Get curation CpuSeconds) (Get vipsthumbnail CpuSeconds)
    'curation seconds per 1,000 (extrapolated)'      = Ratio (Get curation Seconds) ($Count / 1000) 1
    'curation CPU seconds per 1,000 (extrapolated)'  = Ratio (Get curation CpuSeconds) ($Count / 1000) 1
    'cached speed-up'                                = Ratio (Get curation Seconds) (Get cached Seconds) 1
    'djpeg -scale 1/2 ms per photo (CPU)'            = $djpegHalfMs
    'djpeg full ms per photo (CPU)'                  = Ratio (Get djpegFull CpuSeconds) ($Count / 1000) 1
    'engine preprocess ms per photo (CPU, 1 thread)' = $engineCpuMs
    'engine preprocess / djpeg -scale 1/2'           = Ratio $engineCpuMs $djpegHalfMs 2
}
$r.summary = $summary
$r | ConvertTo-Json -Depth 4
