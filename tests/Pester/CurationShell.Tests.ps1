# Invoke-PhotoCuration as the shell expects: the stage cmdlets' parameters, every parameter checked
# before a photo is read, a hint to add -Recurse, the common warning parameters, completion.

BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:shoot = New-TestShoot (Join-Path $TestDrive 'shoot')
    function script:Get-Warnings([scriptblock] $Run) { @(& $Run 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }) }
}

Describe 'Invoke-PhotoCuration exposes what the stage cmdlets do' {
    It 'has <_>' -ForEach 'BatchFile', 'LockIn', 'ExcludePhoto', 'MaxPerMoment', 'DiversityWeight', 'AxisEmphasis', 'OutputPath', 'SidecarsBesideOriginals', 'Csv' {
        (Get-Command Invoke-PhotoCuration).Parameters.Keys | Should -Contain $_
    }

    It 'locks in, excludes, limits per moment and exports to -OutputPath with -Csv' {
        $ws = Join-Path $TestDrive 'ws-params'
        $out = Join-Path $TestDrive 'book'
        $plain = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace (Join-Path $TestDrive 'ws-plain') -BatchId p -Count 4 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $top = $plain.CuratedSet.Items[0].FileName
        # IMG_0004 is the blurred frame the gate drops: locked in, it is kept.
        $r = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ws -BatchId p -Count 4 -LockIn IMG_0004.jpg -ExcludePhoto $top `
            -MaxPerMoment 2 -DiversityWeight 0 -AxisEmphasis @{ people_count = 2 } -OutputPath $out -Csv -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $r.CuratedSet.Items.FileName | Should -Contain 'IMG_0004.jpg'
        $r.CuratedSet.Items.FileName | Should -Not -Contain $top
        $r.CuratedSet.Parameters.MaxPerMoment | Should -Be 2
        $r.CuratedSet.Parameters.DiversityWeight | Should -Be 0
        $r.CuratedListPath | Should -Be (Join-Path $out 'curated_list.json')
        Join-Path $out 'curated_list.csv' | Should -Exist
        $ingest = Get-Content -Raw (Join-Path $ws 'intermediateJsons/ingest/p.json') | ConvertFrom-Json
        $ingest.user_overrides.lock_in | Should -Be @('IMG_0004.jpg')
        $ingest.user_overrides.exclude | Should -Be @($top)
    }

    It 'curates the batch a -BatchFile describes, with its lock-in list' {
        $file = Join-Path $TestDrive 'ingest_input.json'
        New-PhotoBatchInput -Path $shoot -BatchId fromfile -OutFile $file -LockIn IMG_0004.jpg | Out-Null
        $r = Invoke-PhotoCuration -BatchFile $file -Workspace (Join-Path $TestDrive 'ws-file') -Count 3 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $r.BatchId | Should -Be 'fromfile'
        $r.Imported | Should -Be 12
        $r.CuratedSet.Items.FileName | Should -Contain 'IMG_0004.jpg'
    }
}

Describe 'Invoke-PhotoCuration checks every parameter before reading a photo' {
    It 'stops on an unknown theme with one terminating error and no stage record' {
        $ws = Join-Path $TestDrive 'ws-theme'
        { Invoke-PhotoCuration -Path $shoot -Workspace $ws -Theme no-such-theme } | Should -Throw -ErrorId 'ThemeNotFound*'
        Join-Path $ws 'intermediateJsons' | Should -Not -Exist
    }

    It 'stops on -Judge OpenAI without a key with one terminating error before any work' {
        $saved = $env:OPENAI_API_KEY, $env:OPENAI_BASE_URL
        try {
            $env:OPENAI_API_KEY = $null; $env:OPENAI_BASE_URL = $null
            $ws = Join-Path $TestDrive 'ws-judge'
            $err = $null
            try { Invoke-PhotoCuration -Path $shoot -Workspace $ws -Judge OpenAI -WarningVariable w -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'JudgeUnavailable*'
            $err.Exception.Message | Should -Match 'OPENAI_API_KEY'
            @($w).Count | Should -Be 0
            Join-Path $ws 'intermediateJsons' | Should -Not -Exist
        }
        finally { $env:OPENAI_API_KEY, $env:OPENAI_BASE_URL = $saved }
    }

    It 'stops on an unknown axis and on a bad batch id before any work' {
        $ws = Join-Path $TestDrive 'ws-axis'
        { Invoke-PhotoCuration -Path $shoot -Workspace $ws -AxisEmphasis @{ nonsense = 1 } } | Should -Throw -ErrorId 'UnknownAxis*'
        { Invoke-PhotoCuration -Path $shoot -Workspace $ws -BatchId 'bad/id' } | Should -Throw -ErrorId 'InvalidBatchId*'
        Join-Path $ws 'intermediateJsons' | Should -Not -Exist
    }
}

Describe 'A folder whose photos are all in subfolders' {
    BeforeAll {
        $script:card = Join-Path $TestDrive 'card'
        New-Item -ItemType Directory -Path (Join-Path $card 'DCIM/100CANON') -Force | Out-Null
        Copy-Item (Join-Path $shoot 'IMG_000[1-3].jpg') (Join-Path $card 'DCIM/100CANON')
    }

    It 'Invoke-PhotoCuration says to add -Recurse' {
        $w = Get-Warnings { Invoke-PhotoCuration -Path $card -Workspace (Join-Path $TestDrive 'ws-card') | Out-Null }
        ($w.Message -join "`n") | Should -Match 'subfolders hold 3 .*add -Recurse'
    }

    It 'Import-PhotoBatch says so too' {
        $w = Get-Warnings { Import-PhotoBatch -Path $card -Workspace (Join-Path $TestDrive 'ws-card2') | Out-Null }
        ($w.Message -join "`n") | Should -Match 'DCIM.100CANON'
    }
}

Describe 'Invoke-PhotoCuration warnings follow the common parameters' {
    BeforeAll {
        $script:empty = Join-Path $TestDrive 'empty'
        New-Item -ItemType Directory -Path $empty | Out-Null
        $script:ews = Join-Path $TestDrive 'ws-empty'
    }

    It 'warns by default' {
        (Get-Warnings { Invoke-PhotoCuration -Path $empty -Workspace $ews | Out-Null }).Count | Should -BeGreaterThan 0
    }

    It 'is silent with -WarningAction SilentlyContinue, and still returns its summary' {
        $all = @(Invoke-PhotoCuration -Path $empty -Workspace $ews -WarningAction SilentlyContinue 3>&1)
        $all.Count | Should -Be 1
        $all[0] | Should -BeOfType PhotoCuration.CurationSummary
    }

    It 'collects them with -WarningVariable' {
        Invoke-PhotoCuration -Path $empty -Workspace $ews -WarningVariable wv -WarningAction SilentlyContinue | Out-Null
        @($wv).Count | Should -BeGreaterThan 0
        "$($wv[0])" | Should -Match 'stopped early'
    }

    It 'sends them nowhere with 3>$null' {
        $all = @(Invoke-PhotoCuration -Path $empty -Workspace $ews 3>$null)
        $all.Count | Should -Be 1
        $all[0] | Should -BeOfType PhotoCuration.CurationSummary
    }
}

Describe 'Completion of batches and their photos' {
    BeforeAll {
        $script:cws = Join-Path $TestDrive 'ws-complete'
        Import-PhotoBatch -Path $shoot -BatchId wedding_a -Workspace $cws -ErrorAction SilentlyContinue | Out-Null
        function script:Complete([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText }
    }

    It '-Batch completes batch ids from the workspace' {
        Complete "Start-CurationReview -Workspace '$cws' -Batch wed" | Should -Be @('wedding_a')
        Complete "Export-CurationReport -Workspace '$cws' -Batch " | Should -Contain 'wedding_a'
    }

    It '-LockIn and -ExcludePhoto complete the file names of the batch' {
        Complete "Invoke-PhotoCuration -Path '$shoot' -LockIn IMG_000" | Should -Contain 'IMG_0004.jpg'
        Complete "Import-PhotoBatch -BatchId wedding_a -Workspace '$cws' -ExcludePhoto IMG_001" | Should -Be @('IMG_0010.jpg', 'IMG_0011.jpg', 'IMG_0012.jpg')
    }
}
