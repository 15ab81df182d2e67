#requires -Version 7.4
<#
.SYNOPSIS
    Measures the review page on a large batch: page size, load time in headless chromium, and the
    round trip of a culling decision (targets: a 1,000-photo batch loads in < 2 s, a decision
    round-trips in < 300 ms on 2 cores; bench/README.md).

.DESCRIPTION
    Renders a synthetic shoot of about -Count photos (sample shoots with different seeds and start
    times, so no two files are equal), curates it with Invoke-PhotoCuration, starts Start-CurationReview
    and measures, in this process:
      - the page: bytes, and the time to fetch it over HTTP;
      - the page in Debian's chromium (headless): wall time of --dump-dom (browser start, load and
        script), after a warm-up run, and of the same on about:blank (the browser's own start), when
        chromium is installed; and navigation start to the load event as the page's script records it;
      - decisions: -Decisions rate/undo pairs posted as the page posts them, wall time of each request
        and the CPU time this process (the server) spent on it; the server's own breakdown (save,
        selection, export, page patch) when it reports one;
      - the process's peak working set and the machine's load average (uptime), since figures on a
        shared machine are only comparable within one run: compare modules with -ModulePath in turn.
    Prints one object; nothing here is a timed test.

.EXAMPLE
    dotnet pwsh bench/Measure-Review.ps1 -ModulePath out/PhotoCuration -Count 1000

.EXAMPLE
    dotnet pwsh bench/Measure-Review.ps1 -ModulePath /tmp/main/out/PhotoCuration -Count 1000
    dotnet pwsh bench/Measure-Review.ps1 -ModulePath out/PhotoCuration -Count 1000 -NoCurate

    Two modules on one workspace, back to back (the second reuses the first's curation): on a shared
    machine only such pairs compare.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/PhotoCuration'),
    [int] $Count = 1000,
    [int] $Decisions = 10,
    [string] $WorkPath = (Join-Path ([IO.Path]::GetTempPath()) 'pc-bench-review'),
    # Skip Invoke-PhotoCuration when the workspace already holds the batch (comparing two modules on one run).
    [switch] $NoCurate
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$shoot = Join-Path $WorkPath 'shoot'
$ws = Join-Path $WorkPath 'ws'
if (-not (Test-Path $shoot)) {
    $k = 0
    while (@(Get-ChildItem $shoot -Recurse -File -Filter *.jpg -ErrorAction SilentlyContinue).Count -lt $Count) {
        $k++
        New-PhotoSampleShoot -Path (Join-Path $shoot "s$k") -Width 800 -Height 533 -StartTime ([datetime]'2024-09-14T08:00:00').AddHours($k) | Out-Null
    }
}
$photos = @(Get-ChildItem $shoot -Recurse -File -Filter *.jpg).Count
$curate = [Diagnostics.Stopwatch]::StartNew()
if (-not $NoCurate) {
    $null = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ws -BatchId big -Count 60 -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
}
$curate.Stop()

$start = [Diagnostics.Stopwatch]::StartNew()
$review = Start-CurationReview -Batch big -Workspace $ws
$start.Stop()
try {
    $fetch = [Diagnostics.Stopwatch]::StartNew()
    $page = Invoke-WebRequest $review.Url
    $fetch.Stop()
    $token = [regex]::Match($page.Content, 'data-token="([0-9a-f]+)"').Groups[1].Value
    $ids = @((Invoke-RestMethod "$($review.Url)api/state" -Headers @{ 'X-Review-Token' = $token }).selected_ids)

    $browserMs = $null; $blankMs = $null; $loadEventMs = $null
    $chromium = Get-Command chromium, chromium-browser -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($chromium) {
        # Wall time of a headless chromium loading the page and running its script (after one warm-up
        # run, so the browser's own start-up from a cold disk is not counted twice).
        $probe = "$($review.Url)"
        $null = & $chromium.Source --headless --no-sandbox --disable-gpu --dump-dom "$probe" 2>$null
        $wall = [Diagnostics.Stopwatch]::StartNew()
        $dom = & $chromium.Source --headless --no-sandbox --disable-gpu --dump-dom "$probe" 2>$null
        $wall.Stop()
        $browserMs = if ($dom -match 'id="grid"') { $wall.ElapsedMilliseconds } else { $null }
        # The page's own figure, where its script records one: navigation start to the load event.
        $loadEventMs = if ("$dom" -match 'data-loaded-ms="(\d+)"') { [int]$Matches[1] } else { $null }
        # The same browser on an empty page: its own start, to subtract.
        $wall.Restart()
        $null = & $chromium.Source --headless --no-sandbox --disable-gpu --dump-dom 'about:blank' 2>$null
        $blankMs = $wall.ElapsedMilliseconds
    }

    $me = Get-Process -Id $PID
    $rounds = foreach ($i in 1..$Decisions) {
        $id = $ids[$i % $ids.Count]
        foreach ($body in @{ action = 'rate'; photo_id = $id; stars = 1 + ($i % 5) }, @{ action = 'undo' }) {
            $me.Refresh(); $cpu = $me.TotalProcessorTime
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $answer = Invoke-RestMethod "$($review.Url)api/action" -Method Post -ContentType 'application/json' -Headers @{ 'X-Review-Token' = $token } -Body ($body | ConvertTo-Json)
            $sw.Stop(); $me.Refresh()
            [pscustomobject]@{ Ms = $sw.Elapsed.TotalMilliseconds; CpuMs = ($me.TotalProcessorTime - $cpu).TotalMilliseconds; Answer = $answer }
        }
    }
    $sorted = @($rounds.Ms | Sort-Object)
    $cpuSorted = @($rounds.CpuMs | Sort-Object)
    function Median($values) { $v = @($values | Sort-Object); if ($v.Count) { [math]::Round($v[[int]($v.Count / 2)], 0) } }
    $parts = if ($rounds[0].Answer.timings_ms) {
        ('save', 'select', 'export', 'view' | ForEach-Object { $p = $_; "$p $(Median ($rounds.Answer.timings_ms | ForEach-Object { $_.$p }))" }) -join ', '
    } else { "select $(Median $rounds.Answer.select_ms), export $(Median $rounds.Answer.export_ms)" }
    [pscustomobject]@{
        Photos             = $photos
        CurateSeconds      = [math]::Round($curate.Elapsed.TotalSeconds, 1)
        ServerStartSeconds = [math]::Round($start.Elapsed.TotalSeconds, 2)
        PageMB             = [math]::Round($page.RawContentLength / 1MB, 2)
        PageFetchMs        = $fetch.ElapsedMilliseconds
        ChromiumDumpDomMs  = $browserMs
        ChromiumBlankMs    = $blankMs
        LoadEventMs        = $loadEventMs
        DecisionMedianMs   = [math]::Round($sorted[[int]($sorted.Count / 2)], 0)
        DecisionMaxMs      = [math]::Round($sorted[-1], 0)
        DecisionCpuMedianMs = [math]::Round($cpuSorted[[int]($cpuSorted.Count / 2)], 0)
        ServerMedianMs     = $parts
        AnswerKB           = [math]::Round((Median ($rounds.Answer | ForEach-Object { ($_ | ConvertTo-Json -Depth 8 -Compress).Length })) / 1KB, 1)
        PeakWorkingSetMB   = [math]::Round((Get-Process -Id $PID).PeakWorkingSet64 / 1MB, 0)
        Load               = if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ' }
    }
}
finally {
    $review | Stop-CurationReview
}
