#requires -Version 7.4
<#
.SYNOPSIS
    Throughput of the scale-out: the per-photo stages on 1 vs N worker processes through a real broker.

.DESCRIPTION
    Starts a private RabbitMQ node (tests/Broker/test-broker.sh; Debian's rabbitmq-server must be
    installed), renders -Shoots sample shoots (13 photos each, each at its own size so every frame is
    its own photo), then for each worker count in -Workers: starts that many
    `Start-PhotoCurationWorker -Concurrency $Concurrency` processes, warms them up on -WarmShoots other
    shoots per worker at -WarmWidth (a worker is a long-running service: .NET compiles its code in its
    first few hundred photos, on a thread of its own, at a cost that rivals the photos' at this scale —
    code run once per chunk of 8 photos reaches its 30 calls for the optimizing recompile only after
    ~240 photos), runs `Invoke-PhotoCuration -Broker`
    into the same fresh workspace, and reads the distributed phase's time from the coordinator's verbose
    line "run <id>: N chunk(s) done by W worker(s) ... in T ms". Reports photos/s per worker count, the
    speed-up over the first, and per worker process its CPU seconds in the phase, the cores that is
    (CPU s / phase s; a worker of -Concurrency N should use N), and on Linux the seconds its threads
    waited for a CPU (large: the box, not the worker, set the pace) and its JIT's CPU seconds; with the
    load average before and after (the machine may be shared: a busy box caps the speed-up below the
    worker count). With -Repeat the worker counts alternate (1, 2, 1, 2, ...) so a load that drifts
    during the bench weighs on each alike, and the summary takes each count's median.

.EXAMPLE
    dotnet pwsh -c './bench/Measure-Distributed.ps1 -ModulePath ./out/PhotoCuration -Shoots 8 -Workers 1, 2'
    (with -File, "-Workers 1,2" would arrive as the string "1,2", which PowerShell reads as 12)
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Shoots = 8,
    [int[]] $Workers = @(1, 2),
    [int] $Width = 600,
    [int] $Repeat = 1,
    [int] $Concurrency = 1,
    [int] $WarmShoots = 12,
    [int] $WarmWidth = 800,
    [string] $WorkFolder = (Join-Path ([IO.Path]::GetTempPath()) 'pc-bench-distributed')
)

$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path $ModulePath).ProviderPath
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot '../tests/Pester/TestBroker.psm1')
$env:PHOTOCURATION_MODULE = $ModulePath
$env:PHOTOCURATION_REQUIRE_BROKER = '1'

Remove-Item $WorkFolder -Recurse -Force -ErrorAction SilentlyContinue
$shoot = Join-Path $WorkFolder 'shoot'
foreach ($i in 1..$Shoots) { New-PhotoSampleShoot -Path (Join-Path $shoot "s$i") -Width ($Width + 8 * $i) -Height ([int]($Width * 2 / 3)) | Out-Null }
$photos = @(Get-ChildItem $shoot -Recurse -File -Filter *.jpg).Count
# -WarmShoots per worker process, other photos than the measured ones (so nothing comes from the cache).
$warm = Join-Path $WorkFolder 'warm'
$warmFolders = @(if ($WarmShoots -gt 0) {
        foreach ($i in 1..($WarmShoots * ($Workers | Measure-Object -Maximum).Maximum)) {
            $folder = Join-Path $warm "w$i"
            New-PhotoSampleShoot -Path $folder -Width ($WarmWidth + 8 * $i) -Height ([int]($WarmWidth * 2 / 3)) | Out-Null
            $folder
        }
    })
$broker = Start-TestBroker -Folder (Join-Path $WorkFolder 'broker')
$rows = @()
# CPU seconds of a process and its children (the broker's node runs under a shell), 0 when it is gone.
function Get-TreeCpu([int] $Id) {
    $p = Get-Process -Id $Id -ErrorAction SilentlyContinue
    if (-not $p) { return 0 }
    $children = @(Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object { $_.Name -match '^\d+$' } |
        Where-Object { ((Get-Content -Raw -LiteralPath "$($_.FullName)/stat" -ErrorAction SilentlyContinue) -replace '^.*\) \S+ ', '' -split ' ')[0] -eq "$Id" } | ForEach-Object { [int]$_.Name })
    $p.TotalProcessorTime.TotalSeconds + (($children | ForEach-Object { Get-TreeCpu $_ }) | Measure-Object -Sum).Sum
}
$brokerPid = [int](Get-Content -LiteralPath (Join-Path $broker.Folder 'node.os.pid') -ErrorAction SilentlyContinue)
try {
    foreach ($n in @(1..$Repeat | ForEach-Object { $Workers })) {
        $ws = Join-Path $WorkFolder "ws-$n-$($rows.Count)"
        $procs = @(1..$n | ForEach-Object { Start-TestWorker -Broker $broker -Workspace $ws -Concurrency $Concurrency })
        try {
            # Let the workers load the module and connect before the clock starts.
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while (@($procs | Where-Object { (Get-TestWorkerLog $_) -match 'working for' }).Count -lt $n -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            if ($WarmShoots -gt 0) { $null = Receive-TestCoordinator (Start-TestCoordinator -Broker $broker -Shoot $warmFolders[0..($WarmShoots * $n - 1)] -Workspace $ws -BatchId warm -Count 5) -TimeoutSeconds 3600 }
            $cpuBefore = @($procs | ForEach-Object { $_.Process.Refresh(); $_.Process.TotalProcessorTime.TotalSeconds })
            $threadsBefore = @($procs | ForEach-Object { , @(Get-TestWorkerThreads $_) })
            $load = (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 1
            # The coordinator runs in this process; the broker is its own.
            $coordinatorBefore = (Get-Process -Id $PID).TotalProcessorTime.TotalSeconds
            $brokerBefore = if ($brokerPid) { Get-TreeCpu $brokerPid } else { 0 }
            $run = Receive-TestCoordinator (Start-TestCoordinator -Broker $broker -Shoot $shoot -Workspace $ws -Count 10) -TimeoutSeconds 3600
            $coordinatorCpu = (Get-Process -Id $PID).TotalProcessorTime.TotalSeconds - $coordinatorBefore
            $brokerCpu = if ($brokerPid) { (Get-TreeCpu $brokerPid) - $brokerBefore } else { 0 }
            $per = for ($k = 0; $k -lt $n; $k++) {
                $procs[$k].Process.Refresh()
                $threads = @(Measure-TestWorkerThreads $threadsBefore[$k] @(Get-TestWorkerThreads $procs[$k]))
                [pscustomobject]@{
                    Cpu  = $procs[$k].Process.TotalProcessorTime.TotalSeconds - $cpuBefore[$k]
                    Wait = ($threads | Measure-Object Wait -Sum).Sum
                    Jit  = ($threads | Where-Object { $_.Name -like '.NET Tiered*' } | Measure-Object Cpu -Sum).Sum
                }
            }
        }
        finally { $procs | ForEach-Object { Stop-TestWorker $_ | Out-Null } }
        $line = $run.Verbose | Where-Object { $_ -match 'chunk\(s\) done by (\d+) worker\(s\).* in (\d+) ms' } | Select-Object -Last 1
        if (-not $line) { throw "no distributed phase line in the coordinator's output:`n$($run.Text)" }
        $ms = [double]$Matches[2]
        $round = { param($values, $digits) (@($values | ForEach-Object { [math]::Round($_, $digits) }) -join ' ') }
        $rows += [pscustomobject]@{
            Workers      = $n
            WorkersSeen  = [int]$Matches[1]
            Photos       = $photos
            Seconds      = [math]::Round($ms / 1000, 1)
            PhotosPerSec = [math]::Round($photos / ($ms / 1000), 2)
            # Per worker process, in the phase: CPU seconds, cores (CPU s / phase s), seconds its threads
            # waited for a CPU (Linux), CPU seconds of its JIT (Linux).
            WorkerCpuSec = & $round $per.Cpu 1
            WorkerCores  = & $round ($per | ForEach-Object { $_.Cpu / ($ms / 1000) }) 2
            WorkerWaitSec = & $round $per.Wait 1
            WorkerJitSec = & $round $per.Jit 1
            # CPU seconds the coordinator (this process) and the broker spent on the run. The coordinator's
            # span its whole run (module import in its runspace, the distributed phase, then grouping,
            # selection and export): an upper bound of what it took from the workers in the phase.
            CoordinatorCpuSec = [math]::Round($coordinatorCpu, 1)
            BrokerCpuSec = [math]::Round($brokerCpu, 1)
            LoadBefore   = $load
            LoadAfter    = (Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 1
        }
    }
}
finally { Stop-TestBroker $broker }
$rows | Format-Table -AutoSize | Out-String -Width 250 | Write-Host
$summary = $rows | Group-Object Workers | ForEach-Object {
    $rates = @($_.Group.PhotosPerSec | Sort-Object)
    [pscustomobject]@{ Workers = [int]$_.Name; Runs = $rates.Count; MedianPhotosPerSec = $rates[[int][math]::Floor(($rates.Count - 1) / 2)] }
} | Sort-Object Workers
$base = $summary[0].MedianPhotosPerSec
$summary | ForEach-Object { $_ | Add-Member SpeedUp ([math]::Round($_.MedianPhotosPerSec / $base, 2)) -PassThru } | Format-Table -AutoSize | Out-String -Width 250 | Write-Host
[pscustomobject]@{ Runs = $rows; Summary = $summary } | ConvertTo-Json -Depth 4
