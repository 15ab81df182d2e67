# Scale-out on RabbitMQ (issue 18) against a real broker: a private rabbitmq-server node this file starts
# (TestBroker.psm1), real worker processes (child pwsh), the coordinator in this process. Without a broker
# the tests skip, unless PHOTOCURATION_REQUIRE_BROKER=1 (CI), which fails them.
BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestBroker.psm1') -Force
    $script:broker = Start-TestBroker -Folder (Join-Path ([IO.Path]::GetTempPath()) ('pc-broker-' + [guid]::NewGuid().ToString('N').Substring(0, 12)))
    # Not under TestDrive, which Pester empties after each Describe: the last test reads every workspace.
    $script:root = (New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) ('pc-dist-' + [guid]::NewGuid().ToString('N').Substring(0, 12)))).FullName
    # Everything any run printed or wrote, for the credential check at the end.
    $script:outputs = [Collections.Generic.List[string]]::new()
    $script:workspaces = [Collections.Generic.List[string]]::new()

    # ~100 photos: eight sample shoots, each at its own size so no two frames share bytes.
    $script:shoot = Join-Path $root 'shoot'
    foreach ($i in 1..8) { New-PhotoSampleShoot -Path (Join-Path $shoot "s$i") -Width (600 + 8 * $i) -Height 400 | Out-Null }
    # The smaller shoot of the failure tests: 26 photos, four chunks.
    $script:small = @((Join-Path $shoot 's1'), (Join-Path $shoot 's2'))
    if ($broker.Available) {
        $script:smallLocal = Join-Path $root 'small-local'
        $script:smallRun = Invoke-PhotoCuration -Path $small -Recurse -Workspace $smallLocal -BatchId dist -Count 8 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        # The same shoot as library 'archive': its stage JSON and curated list name the photos archive:/s1/...
        $script:libraryLocal = Join-Path $root 'library-local'
        $null = Invoke-PhotoCuration -Path 'archive:/s1', 'archive:/s2' -Library @{ archive = $shoot } -Recurse -Workspace $libraryLocal -BatchId dist -Count 8 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    }

    function script:Test-NoBroker {
        if ($broker.Available) { return $false }
        Set-ItResult -Skipped -Because $broker.Reason
        $true
    }

    function script:Wait-Until([scriptblock] $Condition, [int] $TimeoutSeconds = 300) {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "timed out after $TimeoutSeconds s waiting for: $Condition" }
            Start-Sleep -Milliseconds 200
        }
    }
}

AfterAll {
    Stop-TestBroker $broker
    if ($root) { Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Invoke-PhotoCuration -Broker with two worker processes' {
    BeforeAll {
        if (-not $broker.Available) { return }
        $script:local = Join-Path $root 'local'
        $script:localRun = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $local -BatchId dist -Count 10 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $script:shared = Join-Path $root 'shared'
        $workspaces.Add($shared)
        $workers = @(1, 2 | ForEach-Object { Start-TestWorker -Broker $broker -Workspace $shared })
        try {
            $script:run = Receive-TestCoordinator (Start-TestCoordinator -Broker $broker -Shoot $shoot -Workspace $shared -Count 10)
            $script:queue = Get-PhotoCurationQueue -Broker $broker.Url -Credential $broker.Credential -SampleSeconds 0
        }
        finally {
            $script:workerLogs = @($workers | ForEach-Object { Stop-TestWorker $_ })
        }
        $outputs.Add($run.Text); $outputs.AddRange([string[]]$workerLogs); $outputs.Add("$queue")
    }

    It 'writes every stage JSON and curated_list.json byte-identical to a local run, timings apart' {
        if (Test-NoBroker) { return }
        $run.Summary | Should -Not -BeNullOrEmpty -Because $run.Text
        $run.Summary.Imported | Should -Be 104
        Compare-CurationOutput -Expected $local -Actual $shared -BatchId dist | Should -BeNullOrEmpty
        $run.Summary.CuratedSet.Items.PhotoId | Should -Be $localRun.CuratedSet.Items.PhotoId
        $run.Summary.Failed | Should -Be $localRun.Failed
    }

    It 'had ingest and the per-photo stages done by both workers, and merged their results without reading an original' {
        if (Test-NoBroker) { return }
        foreach ($log in $workerLogs) { $log | Should -Match 'chunk \d+ of run \w+: done \(8 ok' }
        $run.Verbose | Should -Contain ($run.Verbose | Where-Object { $_ -match '13 chunk\(s\) done by 2 worker\(s\), 0 dead-lettered' } | Select-Object -First 1)
        # Every photo's inspection and stage results came from a worker; none was done by the coordinator.
        ($run.Verbose | Where-Object { $_ -match '104 photo\(s\) merged from their results, 0 done here' }) | Should -Not -BeNullOrEmpty -Because ($run.Verbose -join "`n")
        # The workers inspected each file (ingest's inspection cache is theirs) in the same read as preprocess.
        @(Get-ChildItem (Join-Path $shared 'data/cache/inspect') -Recurse -File -Filter *.json).Count | Should -Be 104

        # Derived images are split into folders by the photo id's first two hex digits (named in the file name).
        $ranking = @(Get-ChildItem (Join-Path $shared 'data/rankingInput') -Recurse -File)
        # One per distinct photo (an exact copy shares its original's images).
        $ids = @((Get-Content -Raw (Join-Path $shared 'intermediateJsons/ingest/dist.json') | ConvertFrom-Json).photo_index.photo_id | Sort-Object -Unique)
        $ranking.Count | Should -Be $ids.Count
        foreach ($file in $ranking) { $file.Name | Should -Match "_$($file.Directory.Name)[0-9a-f]{6}\.jpg$" }
    }

    It 'shows the workers and an empty task queue with Get-PhotoCurationQueue' {
        if (Test-NoBroker) { return }
        $queue | Should -BeOfType PhotoCuration.CurationQueueStatus
        $queue.Workers | Should -Be 2
        $queue.Chunks | Should -Be 0
        $queue.Broker | Should -Be ($broker.Url -replace '^amqp://', "amqp://$($broker.User)@")
    }
}

Describe 'A library mounted at different paths on the coordinator and the workers' {
    It 'takes -Path archive:/s1, reads no original before export, and writes the same stage JSON' {
        if (Test-NoBroker) { return }
        $ws = Join-Path $root 'library'
        $workspaces.Add($ws)
        # The coordinator's mount holds decoys: the same names, other bytes. Had it read an original before
        # export, a photo id (the SHA-256 of the bytes) would differ from the local run's.
        $decoys = Join-Path $root 'decoy-mount'
        foreach ($file in Get-ChildItem $small -File -Recurse) {
            $target = Join-Path $decoys ([IO.Path]::GetRelativePath($shoot, $file.FullName))
            New-Item -ItemType Directory -Force (Split-Path $target) | Out-Null
            Set-Content -LiteralPath $target -Value 'not the photo' -NoNewline
        }
        $worker = Start-TestWorker -Broker $broker -Workspace $ws -Archive $shoot
        try {
            $result = Receive-TestCoordinator (Start-TestCoordinator -Broker $broker -Shoot 'archive:/s1', 'archive:/s2' -Workspace $ws -Archive $decoys)
        }
        finally {
            $outputs.Add((Stop-TestWorker $worker))
        }
        $outputs.Add($result.Text)
        $result.Summary.Imported | Should -Be 26 -Because $result.Text
        # Export is the one step that reads originals (it copies the selected ones, checking their bytes
        # against the photo id): there the decoys are caught, and nowhere else. The stage JSON names the
        # photos library-relative, so it is byte-identical to a local run's over the real mount, paths and all
        # (only the recorded roots, intermediateJsons/library, differ: they are the two mounts).
        $different = @(Compare-CurationOutput -Expected $libraryLocal -Actual $ws -BatchId dist)
        $different | Where-Object { $_ -notmatch 'exporter|curated_list|library' } | Should -BeNullOrEmpty
        $changed = @($result.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'FileChanged*' })
        $changed.Count | Should -Be $result.Summary.Selected
        $result.Errors.Count | Should -Be ($smallRun.Failed + $changed.Count) -Because $result.Text
        # The photos are named in the library, by neither machine's mount.
        $ingest = Get-Content -Raw (Join-Path $ws 'intermediateJsons/ingest/dist.json')
        $ingest | Should -Match '"uri": "archive:/s1/'
        $ingest | Should -Not -Match ([regex]::Escape($decoys))
        $ingest | Should -Not -Match ([regex]::Escape($shoot))
    }

    It 'writes stage JSON and curated_list.json byte-identical to a local run with the same -Library, the worker mounting it elsewhere' {
        if (Test-NoBroker) { return }
        $ws = Join-Path $root 'library-same'
        $workspaces.Add($ws)
        # The worker sees the archive at another path (a link to it), as another OS mounts the NAS.
        $mount = Join-Path $root 'worker-mount'
        New-Item -ItemType SymbolicLink -Path $mount -Target $shoot | Out-Null
        $worker = Start-TestWorker -Broker $broker -Workspace $ws -Archive $mount
        try {
            $result = Receive-TestCoordinator (Start-TestCoordinator -Broker $broker -Shoot 'archive:/s1', 'archive:/s2' -Workspace $ws -Archive $shoot)
        }
        finally {
            $outputs.Add((Stop-TestWorker $worker))
        }
        $outputs.Add($result.Text)
        $result.Summary.Imported | Should -Be 26 -Because $result.Text
        ($result.Verbose | Where-Object { $_ -match '26 photo\(s\) merged from their results, 0 done here' }) | Should -Not -BeNullOrEmpty -Because ($result.Verbose -join "`n")
        # Every stage JSON, the recorded roots and curated_list.json: nothing but timings and dates differ.
        Compare-CurationOutput -Expected $libraryLocal -Actual $ws -BatchId dist | Should -BeNullOrEmpty
        (Get-Content -Raw (Join-Path $ws 'data/output/dist/curated_list.json') | ConvertFrom-Json).items[0].artifacts.original | Should -Match '^archive:/s[12]/'
        $result.Summary.Selected | Should -BeGreaterThan 0
        $result.Errors.Count | Should -Be $smallRun.Failed -Because $result.Text
    }
}

Describe 'A worker killed mid-chunk' {
    It 'leaves its chunk to the other worker and the outputs are still identical' {
        if (Test-NoBroker) { return }
        $ws = Join-Path $root 'killed'
        $workspaces.Add($ws)
        $victim = Start-TestWorker -Broker $broker -Workspace $ws
        $survivor = $null
        try {
            $coordinator = Start-TestCoordinator -Broker $broker -Shoot $small -Workspace $ws
            # SIGKILL as soon as the victim holds a chunk; only then does the survivor join.
            Stop-ChildPwshWhen -Child $victim -Condition { (Get-TestWorkerLog $victim) -match 'photo\(s\) started' } | Should -BeTrue
            $survivor = Start-TestWorker -Broker $broker -Workspace $ws
            $result = Receive-TestCoordinator $coordinator
        }
        finally {
            $logs = (Stop-TestWorker $victim), (Stop-TestWorker $survivor)
            $outputs.AddRange([string[]]$logs)
        }
        $outputs.Add($result.Text)
        $logs[0] | Should -Not -Match 'done \('
        $logs[1] | Should -Match 'chunk 0 of run \w+: done'
        $result.Summary.Imported | Should -Be 26
        Compare-CurationOutput -Expected $smallLocal -Actual $ws -BatchId dist | Should -BeNullOrEmpty
    }
}

Describe 'A chunk that crashes its worker every time' {
    It 'ends in the dead-letter queue after the delivery limit and the run completes with an error record per photo' {
        if (Test-NoBroker) { return }
        $ws = Join-Path $root 'poison'
        $workspaces.Add($ws)
        $poison = (Get-ChildItem $small[0] -File -Filter *.jpg | Sort-Object Name | Select-Object -First 1).Name
        $before = (Get-PhotoCurationQueue -Broker $broker.Url -Credential $broker.Credential -SampleSeconds 0).DeadLetters
        # Two workers under a restart loop, as services run them: each dies whenever it meets the poison photo.
        $workers = @(1, 2 | ForEach-Object { Start-TestWorker -Broker $broker -Workspace $ws -Supervised -CrashOn "s1/$poison" })
        try {
            $result = Receive-TestCoordinator (Start-TestCoordinator -Broker $broker -Shoot $small -Workspace $ws)
        }
        finally {
            $logs = @($workers | ForEach-Object { Stop-TestWorker $_ })
            $outputs.AddRange([string[]]$logs)
        }
        $outputs.Add($result.Text)
        $crashed = @($result.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'WorkerCrashed*' })
        $crashed.Count | Should -BeGreaterThan 0 -Because $result.Text
        $crashed.Count | Should -BeLessOrEqual 8
        # The workers inspect the files, so the photos of the dead chunk were never imported: each is an ingest error.
        $ingest = Get-Content -Raw (Join-Path $ws 'intermediateJsons/ingest/dist.json') | ConvertFrom-Json
        @($ingest.errors | Where-Object error_id -eq 'WorkerCrashed').Count | Should -Be $crashed.Count
        @($crashed | ForEach-Object { "$($_.TargetObject)" }) | Should -Contain (Join-Path $small[0] $poison)
        # Delivered 1 + 5 times (x-delivery-limit 5), each delivery a dead worker.
        ([regex]::Matches(($logs -join "`n"), 'worker exited with')).Count | Should -Be 6
        $result.Summary.Imported | Should -Be (26 - $crashed.Count)
        $result.Summary.Failed | Should -BeGreaterOrEqual $crashed.Count
        $result.Summary.Selected | Should -BeGreaterThan 0
        (Get-PhotoCurationQueue -Broker $broker.Url -Credential $broker.Credential -SampleSeconds 0).DeadLetters | Should -Be ($before + 1)
    }
}

Describe 'The broker restarted mid-run' {
    It 'has workers and coordinator reconnect and the run completes with the same outputs' {
        if (Test-NoBroker) { return }
        $ws = Join-Path $root 'restart'
        $workspaces.Add($ws)
        $worker = Start-TestWorker -Broker $broker -Workspace $ws
        try {
            $coordinator = Start-TestCoordinator -Broker $broker -Shoot $small -Workspace $ws
            Wait-Until { (Get-TestWorkerLog $worker) -match 'done \(' }
            Restart-TestBroker $broker
            $result = Receive-TestCoordinator $coordinator
        }
        finally {
            $log = Stop-TestWorker $worker
            $outputs.Add($log)
        }
        $outputs.Add($result.Text)
        # The coordinator waits for every chunk's result and this worker is the only one, so a completed run
        # means the worker came back after the restart (its own log, read after a kill, can miss its last lines).
        $result.State | Should -Be 'Completed'
        $log | Should -Match 'working for'
        $result.Summary.Imported | Should -Be 26
        Compare-CurationOutput -Expected $smallLocal -Actual $ws -BatchId dist | Should -BeNullOrEmpty
    }
}

Describe 'Ctrl+C on the coordinator' {
    It 'stops the workers working for that run within seconds' {
        if (Test-NoBroker) { return }
        $ws = Join-Path $root 'cancel'
        $workspaces.Add($ws)
        $worker = Start-TestWorker -Broker $broker -Workspace $ws
        try {
            $coordinator = Start-TestCoordinator -Broker $broker -Shoot $small -Workspace $ws
            Wait-Until { (Get-TestWorkerLog $worker) -match 'photo\(s\) started' }
            $result = Receive-TestCoordinator $coordinator -Stop
            $clock = [Diagnostics.Stopwatch]::StartNew()
            Wait-Until -TimeoutSeconds 30 { (Get-TestWorkerLog $worker) -match 'cancelled' }
            $cancelSeconds = $clock.Elapsed.TotalSeconds
            # The chunks still queued are dropped as the worker meets them.
            Wait-Until -TimeoutSeconds 60 { (Get-PhotoCurationQueue -Broker $broker.Url -Credential $broker.Credential -SampleSeconds 0).Chunks -eq 0 }
            Start-Sleep -Seconds 2
            $log = Get-TestWorkerLog $worker
        }
        finally {
            $outputs.Add((Stop-TestWorker $worker))
        }
        $outputs.Add($result.Text)
        $result.State | Should -Be 'Stopped'
        $cancelSeconds | Should -BeLessThan 10
        $afterCancel = $log.Substring($log.IndexOf('cancelled'))
        $afterCancel | Should -Not -Match 'photo\(s\) started'
        $afterCancel | Should -Not -Match 'done \('
        Join-Path $ws 'intermediateJsons/optimizer/dist.json' | Should -Not -Exist
    }
}

Describe 'Clear-PhotoCurationCache -StaleTemp on a shared workspace' {
    It 'removes the temporary files killed processes left, older than -OlderThan, and nothing else' {
        $ws = Join-Path $root 'maintenance'
        $old = New-Item -Force -ItemType File (Join-Path $ws 'data/rankingInput/ab/.IMG_1_ab000000.jpg.0123456789ab.tmp')
        $json = New-Item -Force -ItemType File (Join-Path $ws 'intermediateJsons/ingest/.b.json.0123456789ab.tmp')
        $fresh = New-Item -Force -ItemType File (Join-Path $ws 'data/cache/preprocess/ab/.k.json.0123456789ab.tmp')
        $kept = New-Item -Force -ItemType File (Join-Path $ws 'data/rankingInput/ab/IMG_1_ab000000.jpg')
        foreach ($file in $old, $json, $kept) { $file.LastWriteTimeUtc = [DateTime]::UtcNow.AddHours(-3) }

        Clear-PhotoCurationCache -Workspace $ws -StaleTemp -WhatIf
        $old.FullName | Should -Exist

        $verbose = Clear-PhotoCurationCache -Workspace $ws -StaleTemp -Verbose 4>&1
        "$verbose" | Should -Match 'removed 2 stale temporary file'
        $old.FullName | Should -Not -Exist
        $json.FullName | Should -Not -Exist
        $fresh.FullName | Should -Exist
        $kept.FullName | Should -Exist
        Clear-PhotoCurationCache -Workspace $ws -StaleTemp -OlderThan 0:0:0
        $fresh.FullName | Should -Not -Exist
    }
}

Describe 'The broker credential' {
    It 'is refused with a clear error that does not contain the password' {
        if (Test-NoBroker) { return }
        $wrong = [pscredential]::new($broker.User, (ConvertTo-SecureString 'not-the-password-7c1' -AsPlainText -Force))
        $err = { Invoke-PhotoCuration -Path $small -Recurse -Workspace (Join-Path $root 'refused') -Broker $broker.Url -Credential $wrong -ErrorAction Stop } |
            Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'BrokerUnavailable*'
        "$err $($err.Exception)" | Should -Not -Match 'not-the-password-7c1'
        $outputs.Add("$err $($err.Exception)")
    }

    It 'never appears in any output: logs, errors, verbose lines, stage JSON, cache, curated lists' {
        if (Test-NoBroker) { return }
        # Filled by every test above (each adds its logs and streams); run alone, by the refusal test only.
        $outputs.Count | Should -BeGreaterThan 0
        foreach ($text in $outputs) { $text | Should -Not -Match ([regex]::Escape($broker.Password)) }
        foreach ($ws in $workspaces) {
            $files = @(Get-ChildItem $ws -Recurse -File -Include *.json, *.csv, *.xmp, *.log, *.txt -ErrorAction Stop)
            $files.Count | Should -BeGreaterThan 0 -Because $ws
            foreach ($file in $files) {
                (Get-Content -Raw -LiteralPath $file.FullName) | Should -Not -Match ([regex]::Escape($broker.Password)) -Because $file.FullName
            }
        }
    }
}
