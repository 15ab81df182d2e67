# A private RabbitMQ node per test file (tests/Broker/test-broker.sh): Debian's rabbitmq-server on
# 127.0.0.1 with its own ports, data, logs and Erlang cookie under a temp folder, a vhost 'studio' and
# a user with a random password. CI (.ci/run) installs rabbitmq-server and sets
# PHOTOCURATION_REQUIRE_BROKER=1, so a broker that cannot start fails the tests instead of skipping them.

Import-Module (Join-Path $PSScriptRoot "TestHelpers.psm1")
$script:BrokerScript = Join-Path $PSScriptRoot '../Broker/test-broker.sh'

function Start-TestBroker {
    # Returns Url, User, Password, Credential, Folder and Available (false, with Reason, when no broker could start).
    param([Parameter(Mandatory)][string] $Folder)
    $require = $env:PHOTOCURATION_REQUIRE_BROKER -eq '1'
    $bin = if ($env:PHOTOCURATION_RABBITMQ_BIN) { $env:PHOTOCURATION_RABBITMQ_BIN } else { '/usr/lib/rabbitmq/bin' }
    if (-not $IsLinux -or -not (Test-Path (Join-Path $bin 'rabbitmq-server'))) {
        $reason = "rabbitmq-server is not installed (apt-get install rabbitmq-server)"
        if ($require) { throw "$reason; PHOTOCURATION_REQUIRE_BROKER=1 requires it." }
        return [pscustomobject]@{ Available = $false; Reason = $reason }
    }
    # A free AMQP port whose +10000 (epmd) and +20000 (distribution) neighbours are free as well.
    $port = 0
    foreach ($candidate in (Get-Random -Minimum 21000 -Maximum 25000 -Count 40)) {
        $free = $true
        foreach ($p in $candidate, ($candidate + 10000), ($candidate + 20000)) {
            try { $l = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, $p); $l.Start(); $l.Stop() } catch { $free = $false }
        }
        if ($free) { $port = $candidate; break }
    }
    $user = 'curator'
    $password = 'pw-' + [guid]::NewGuid().ToString('N')
    $url = & bash $script:BrokerScript start $Folder $port $user $password 2>&1
    if ($LASTEXITCODE -ne 0) {
        $reason = "the private RabbitMQ node did not start: $($url -join ' ')"
        if ($require) { throw "$reason (PHOTOCURATION_REQUIRE_BROKER=1)" }
        return [pscustomobject]@{ Available = $false; Reason = $reason }
    }
    [pscustomobject]@{
        Available  = $true
        Url        = "$url".Trim()
        User       = $user
        Password   = $password
        Credential = [pscredential]::new($user, (ConvertTo-SecureString $password -AsPlainText -Force))
        Folder     = $Folder
        Port       = $port
    }
}

function Restart-TestBroker {
    # Stops the node and starts it again on the same data: durable queues and persistent messages survive.
    param([Parameter(Mandatory)] $Broker)
    & bash $script:BrokerScript restart $Broker.Folder | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "the test broker did not restart" }
}

function Stop-TestBroker {
    param($Broker)
    if ($Broker -and $Broker.Available) { & bash $script:BrokerScript delete $Broker.Folder | Out-Null }
}

function Start-TestWorker {
    # A worker in a child pwsh (Start-ChildPwsh), credential from the environment it inherits. With
    # -Supervised it runs under a restart loop, as a service manager would run it (Restart=always).
    param([Parameter(Mandatory)] $Broker, [Parameter(Mandatory)][string] $Workspace, [int] $Concurrency = 1, [switch] $Supervised, [string] $CrashOn, [string] $Archive)
    $module = $env:PHOTOCURATION_MODULE
    $library = if ($Archive) { " -Library @{ archive = '$Archive' }" } else { '' }
    $worker = "Import-Module '$module'; Start-PhotoCurationWorker -Broker '$($Broker.Url)' -Workspace '$Workspace' -Concurrency $Concurrency$library"
    $script = if ($Supervised) {
        $command = Get-ChildPwsh
        $pwsh = ($command | ForEach-Object { "'$_'" }) -join ' '
        "while (`$true) { & $pwsh -NoProfile -NonInteractive -Command `"$worker`"; Write-Output `"worker exited with `$LASTEXITCODE`"; Start-Sleep -Milliseconds 300 }"
    } else { $worker }
    $saved = $env:PHOTOCURATION_BROKER_USER, $env:PHOTOCURATION_BROKER_PASSWORD, $env:PHOTOCURATION_TEST_WORKER_CRASH_ON
    try {
        $env:PHOTOCURATION_BROKER_USER = $Broker.User
        $env:PHOTOCURATION_BROKER_PASSWORD = $Broker.Password
        $env:PHOTOCURATION_TEST_WORKER_CRASH_ON = if ($CrashOn) { $CrashOn } else { $null }
        Start-ChildPwsh -Script $script
    }
    finally {
        $env:PHOTOCURATION_BROKER_USER, $env:PHOTOCURATION_BROKER_PASSWORD, $env:PHOTOCURATION_TEST_WORKER_CRASH_ON = $saved
    }
}

function Get-TestWorkerLog {
    param([Parameter(Mandatory)] $Worker)
    $out = "$($Worker.Base).out"; $err = "$($Worker.Base).err"
    ((Get-Content -Raw -LiteralPath $out -ErrorAction SilentlyContinue) + (Get-Content -Raw -LiteralPath $err -ErrorAction SilentlyContinue))
}

function Stop-TestWorker {
    # Kills the worker (and, when supervised, its restart loop with it) and returns its log.
    param($Worker)
    if (-not $Worker) { return '' }
    if (-not $Worker.Process.HasExited) { $Worker.Process.Kill($true); $Worker.Process.WaitForExit() }
    $log = Get-TestWorkerLog $Worker
    Remove-Item -LiteralPath "$($Worker.Base).ps1", "$($Worker.Base).out", "$($Worker.Base).err" -ErrorAction SilentlyContinue
    $log
}

function Get-TestWorkerThreads {
    # Linux: each thread of a worker process with the time it ran on a CPU and the time it waited, runnable,
    # for one (/proc/<pid>/task/<tid>/schedstat, seconds): CPU time against the wall means something only
    # while the waits are small (a busy box queues every thread). Subtract two readings with Measure-TestWorkerThreads.
    param([Parameter(Mandatory)] $Worker)
    $id = if ($Worker -is [int]) { $Worker } else { $Worker.Process.Id }
    foreach ($task in Get-ChildItem "/proc/$id/task" -ErrorAction SilentlyContinue) {
        $stat = (Get-Content -Raw -LiteralPath (Join-Path $task.FullName 'schedstat') -ErrorAction SilentlyContinue)
        if (-not $stat) { continue }
        $fields = $stat.Trim() -split ' '
        [pscustomobject]@{
            Id   = $task.Name
            Name = (Get-Content -Raw -LiteralPath (Join-Path $task.FullName 'comm') -ErrorAction SilentlyContinue).Trim()
            Cpu  = [double]$fields[0] / 1e9
            Wait = [double]$fields[1] / 1e9
        }
    }
}

function Measure-TestWorkerThreads {
    # The CPU and run-queue seconds each thread spent between two readings of Get-TestWorkerThreads.
    param([Parameter(Mandatory)] $Before, [Parameter(Mandatory)] $After)
    $earlier = @{}
    foreach ($t in $Before) { $earlier[$t.Id] = $t }
    foreach ($t in $After) {
        $b = $earlier[$t.Id]
        [pscustomobject]@{ Id = $t.Id; Name = $t.Name; Cpu = $t.Cpu - ($b.Cpu ?? 0); Wait = $t.Wait - ($b.Wait ?? 0) }
    }
}

function Start-TestCoordinator {
    # Invoke-PhotoCuration -Broker in a new PowerShell instance of this process (so the test can act
    # while it runs, and Stop() is Ctrl+C as the host sends it). Read it with Receive-TestCoordinator.
    # -Archive: the coordinator's root of library 'archive' (then -Shoot may hold archive:/... paths).
    param([Parameter(Mandatory)] $Broker, [Parameter(Mandatory)][string[]] $Shoot, [Parameter(Mandatory)][string] $Workspace, [string] $BatchId = 'dist', [int] $Count = 8, [string] $Archive)
    $ps = [powershell]::Create()
    $null = $ps.AddScript({
            param($module, $shoot, $ws, $batch, $count, $url, $cred, $archive)
            Import-Module $module
            $library = if ($archive) { @{ archive = $archive } } else { $null }
            Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ws -BatchId $batch -Count $count -Broker $url -Credential $cred -Library $library -Verbose -ErrorAction Continue -WarningAction SilentlyContinue
        }).AddArgument($env:PHOTOCURATION_MODULE).AddArgument($Shoot).AddArgument($Workspace).AddArgument($BatchId).AddArgument($Count).AddArgument($Broker.Url).AddArgument($Broker.Credential).AddArgument($Archive)
    [pscustomobject]@{ PowerShell = $ps; Async = $ps.BeginInvoke() }
}

function Receive-TestCoordinator {
    # Waits for the coordinator; returns Summary, Errors, Verbose and Text (every stream as text, to grep).
    param([Parameter(Mandatory)] $Coordinator, [int] $TimeoutSeconds = 900, [switch] $Stop)
    $ps = $Coordinator.PowerShell
    try {
        if ($Stop) { $ps.Stop() }
        elseif (-not $Coordinator.Async.AsyncWaitHandle.WaitOne($TimeoutSeconds * 1000)) { $ps.Stop(); throw "the coordinator did not finish within $TimeoutSeconds s" }
        $output = @(try { $ps.EndInvoke($Coordinator.Async) } catch { $_ })
        $errors = @($ps.Streams.Error)
        $verbose = @($ps.Streams.Verbose | ForEach-Object Message)
        $text = (@($output | ForEach-Object { "$_" }) + @($errors | ForEach-Object { "$_ $($_.FullyQualifiedErrorId) $($_.Exception)" }) + $verbose +
            @($ps.Streams.Warning | ForEach-Object Message) + @($ps.Streams.Information | ForEach-Object { "$_" })) -join "`n"
        [pscustomobject]@{
            Summary = $output | Where-Object { $_ -is [PhotoCuration.CurationSummary] } | Select-Object -First 1
            Errors  = $errors
            Verbose = $verbose
            Text    = $text
            State   = $ps.InvocationStateInfo.State
        }
    }
    finally { $ps.Dispose() }
}

function Compare-CurationOutput {
    # The stage JSON of every stage and curated_list.json of two workspaces, with each workspace's own
    # path and the timing fields taken out; returns the names that differ (none: identical).
    # -ActualShoot/-ExpectedShoot: where the originals are in each (a library mounted elsewhere), also taken out.
    param([Parameter(Mandatory)][string] $Expected, [Parameter(Mandatory)][string] $Actual, [Parameter(Mandatory)][string] $BatchId, [string] $ExpectedShoot, [string] $ActualShoot)
    $files = @(Get-ChildItem (Join-Path $Expected 'intermediateJsons') -Recurse -File -Filter "$BatchId.json" | ForEach-Object { [IO.Path]::GetRelativePath($Expected, $_.FullName) }) +
        @("data/output/$BatchId/curated_list.json")
    if ($files.Count -lt 8) { throw "only $($files.Count) output files in $Expected" }
    foreach ($file in $files) {
        $a = Get-NormalizedOutput (Join-Path $Expected $file) $Expected $ExpectedShoot
        $b = Get-NormalizedOutput (Join-Path $Actual $file) $Actual $ActualShoot
        if ($a -cne $b) { $file }
    }
}

function Get-NormalizedOutput([string] $Path, [string] $Workspace, [string] $Shoot) {
    if (-not (Test-Path -LiteralPath $Path)) { return "<missing $Path>" }
    $text = (Get-Content -Raw -LiteralPath $Path).Replace($Workspace, '<ws>').Replace(([uri]::new($Workspace)).AbsoluteUri, '<ws>')
    # Photos at another path: ingest's idempotency key hashes their paths, so it differs with them.
    if ($Shoot) { $text = $text.Replace(([uri]::new($Shoot)).AbsoluteUri, '<shoot>').Replace($Shoot, '<shoot>') -replace '"idempotency_key"\s*:\s*"[^"]*"', '"idempotency_key": <k>' }
    # Timings and run dates are the only fields allowed to differ.
    $text = $text -replace '"(\w*_ms)"\s*:\s*\{[^}]*\}', '"$1": <t>'
    $text -replace '"(\w*(_ms|Ms|_seconds|_at|At))"\s*:\s*("[^"]*"|[-0-9.eE]+)', '"$1": <t>'
}

Export-ModuleMember -Function Start-TestBroker, Restart-TestBroker, Stop-TestBroker, Start-TestWorker, Get-TestWorkerLog, Stop-TestWorker, Get-TestWorkerThreads, Measure-TestWorkerThreads, Start-TestCoordinator, Receive-TestCoordinator, Compare-CurationOutput
