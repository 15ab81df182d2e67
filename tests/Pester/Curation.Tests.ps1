BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:shoot = Join-Path $TestDrive 'shoot'
    New-PhotoSampleShoot -Path $shoot -Width 1200 -Height 800 | Out-Null
    Set-Content -LiteralPath (Join-Path $shoot 'notes.jpg') -Value 'not a photo'
    $script:ws = Join-Path $TestDrive 'ws'
    $script:first = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ws -BatchId run1 -Count 4 -ErrorVariable script:runErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    $script:stages = 'ingest', 'preprocess', 'features', 'faces', 'scoring', 'clustering', 'optimizer', 'exporter'
}

Describe 'Invoke-PhotoCuration' {
    It 'runs the whole chain and sums it up' {
        $first | Should -BeOfType PhotoCuration.CurationSummary
        $first.BatchId | Should -Be 'run1'
        $first.Imported | Should -Be 13
        $first.Dropped | Should -Be 2
        $first.Kept | Should -Be 11
        $first.Moments | Should -Be 6
        $first.Selected | Should -Be 4
        $first.CuratedSet.Count | Should -Be 4
        $first.StageTimingsMs.Keys | Should -Be $stages
        $first.CuratedListPath | Should -Exist
    }

    It 'reports the bad file with its own error record and goes on' {
        $bad = @($runErrors | Where-Object { "$($_.TargetObject)" -like '*notes.jpg' })
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'NotAnImage*'
        $first.Failed | Should -Be 1
    }

    It 'writes every stage JSON' {
        foreach ($stage in $stages) { Join-Path $ws "intermediateJsons/$stage/run1.json" | Should -Exist }
    }

    It 'resumes from the cache on a re-run with the same result' {
        $hashes = @{}
        foreach ($stage in $stages | Where-Object { $_ -ne 'exporter' }) { $hashes[$stage] = (Get-FileHash (Join-Path $ws "intermediateJsons/$stage/run1.json")).Hash }
        $again = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ws -BatchId run1 -Count 4 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $again.CachedStages | Should -Contain 'preprocess'
        $again.CachedStages | Should -Contain 'features'
        $again.CuratedSet.Items.PhotoId | Should -Be $first.CuratedSet.Items.PhotoId
        foreach ($stage in $hashes.Keys) { (Get-FileHash (Join-Path $ws "intermediateJsons/$stage/run1.json")).Hash | Should -Be $hashes[$stage] -Because $stage }
    }

    It 'streams ingest, preprocess and features (one read per original) with the same images and features as the separate cmdlets' {
        # The session hands each photo's bytes and standardized JPEG from stage to stage in memory
        # (docs/architecture.md#one-read-one-decode); the cmdlets read the files. Same bytes, same numbers.
        $separate = Join-Path $TestDrive 'ws-separate'
        $photos = @(Import-PhotoBatch $shoot -Recurse -Workspace $separate -BatchId run1 -ErrorAction SilentlyContinue | Invoke-Preprocess | Get-PhotoFeatures)
        $photos.Count | Should -Be 13
        foreach ($stage in 'preprocess', 'features') {
            $session = (Get-Content -Raw (Join-Path $ws "intermediateJsons/$stage/run1.json") | ConvertFrom-Json).artifacts
            $cmdlets = (Get-Content -Raw (Join-Path $separate "intermediateJsons/$stage/run1.json") | ConvertFrom-Json).artifacts
            @($session).Count | Should -BeGreaterThan 10
            @($session).Count | Should -Be @($cmdlets).Count
            ($session | ConvertTo-Json -Depth 20) | Should -Be ($cmdlets | ConvertTo-Json -Depth 20) -Because "$stage artifacts"
        }
        foreach ($photo in $photos) {
            $name = [IO.Path]::GetFileName($photo.Preprocess.StandardizedPath)
            (Get-FileHash $photo.Preprocess.StandardizedPath).Hash | Should -Be (Get-FileHash (Join-Path $ws "data/input/$($photo.PhotoId.Substring(7, 2))/$name")).Hash -Because $name
        }
    }

    It 'writes nothing with -WhatIf' {
        $empty = Join-Path $TestDrive 'whatif'
        Invoke-PhotoCuration -Path $shoot -Workspace $empty -WhatIf | Should -BeNullOrEmpty
        Test-Path $empty | Should -BeFalse
    }

    It 'never writes under the shoot folder' {
        $before = ConvertTo-SnapshotText (Get-FolderSnapshot $shoot)
        Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ws -BatchId run2 -Count 3 -Xmp -Csv -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null
        ConvertTo-SnapshotText (Get-FolderSnapshot $shoot) | Should -Be $before
    }

    It 'reports the time of each stage with -Verbose' {
        $lines = @(Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ws -BatchId run1 -Count 4 -Verbose -ErrorAction SilentlyContinue -WarningAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        foreach ($command in 'Import-PhotoBatch', 'Invoke-Preprocess', 'Get-PhotoFeatures', 'Measure-PhotoScore', 'Group-PhotoMoment', 'Select-CuratedSet', 'Export-CuratedList') {
            $lines | Where-Object { $_ -match "^Invoke-PhotoCuration: $command`: \d+ objects in \d+ ms" } | Should -Not -BeNullOrEmpty -Because $command
        }
    }
}

Describe 'CI steps through Import-PhotoStage' {
    BeforeAll {
        $script:json = Join-Path $ws 'intermediateJsons'
    }

    It 'continues from the scoring record with a filter, as a separate step would' {
        $moments = @(Import-PhotoStage (Join-Path $json 'scoring/run1.json') | Where-Object QTech -gt 0.6 | Group-PhotoMoment)
        $moments.Count | Should -BeGreaterThan 0
        $moments.Members | ForEach-Object { $_.QTech | Should -BeGreaterThan 0.6 }
    }

    It 'rebuilds the moments of the clustering record as Group-PhotoMoment made them' {
        $live = @(Import-PhotoStage (Join-Path $json 'scoring/run1.json') | Group-PhotoMoment)
        $rebuilt = @(Import-PhotoStage (Join-Path $json 'clustering/run1.json'))
        $rebuilt | ForEach-Object { $_ | Should -BeOfType PhotoCuration.PhotoMoment }
        $rebuilt.MomentId | Should -Be $live.MomentId
        $rebuilt.Hero.PhotoId | Should -Be $live.Hero.PhotoId
        $rebuilt.Rationales.Reason | Should -Be $live.Rationales.Reason
        $rebuilt.Members.MomentId | Should -Be $live.Members.MomentId
    }

    It 'selects from rebuilt moments exactly as from live ones' {
        $live = Import-PhotoStage (Join-Path $json 'scoring/run1.json') | Group-PhotoMoment | Select-CuratedSet -Count 4 -WarningAction SilentlyContinue
        $fromJson = Import-PhotoStage (Join-Path $json 'clustering/run1.json') | Select-CuratedSet -Count 4 -WarningAction SilentlyContinue
        $fromJson.Items.PhotoId | Should -Be $live.Items.PhotoId
        $fromJson.Items.Reasons | Should -Be $live.Items.Reasons
    }

    It 'rebuilds the moments of the ranking record as Invoke-MomentRanking left them, JudgeStatus included' {
        $live = @(Import-PhotoStage (Join-Path $json 'clustering/run1.json') | Invoke-MomentRanking -Workspace $ws)
        $fromJson = @(Import-PhotoStage (Join-Path $json 'ranking/run1.json'))
        $fromJson.Count | Should -Be $live.Count
        $fromJson.JudgeStatus | Should -Be $live.JudgeStatus
        $fromJson[0].JudgeStatus | Should -Be 'none'
        $fromJson.RankedBy | Should -Be $live.RankedBy
        $fromJson.HeroName | Should -Be $live.HeroName
        $fromJson.OpenerRank | Should -Be $live.OpenerRank
    }

    It 'rebuilds the curated set of the optimizer record and exports it' {
        $live = Import-PhotoStage (Join-Path $json 'clustering/run1.json') | Select-CuratedSet -Count 4 -WarningAction SilentlyContinue
        $set = Import-PhotoStage (Join-Path $json 'optimizer/run1.json')
        $set | Should -BeOfType PhotoCuration.CuratedSet
        $set.Items.PhotoId | Should -Be $live.Items.PhotoId
        $set.Items.Role | Should -Be $live.Items.Role
        $set.Items.PickOrder | Should -Be $live.Items.PickOrder
        $set.Items.Sequence | Should -Be $live.Items.Sequence
        $set.Items.Rank | Should -Be $live.Items.Rank
        $set.Items.Rating | Should -Be $live.Items.Rating
        ($set.Coverage.Keys | Sort-Object) | Should -Be ($live.Coverage.Keys | Sort-Object)
        $out = Join-Path $TestDrive 'ci-out'
        $set | Export-CuratedList -OutputPath $out -Confirm:$false
        $list = Get-Content (Join-Path $out 'curated_list.json') -Raw | ConvertFrom-Json
        $list.items.photo_id | Should -Be $live.Items.PhotoId
        # ($list.items.rank would be the array's own Rank, 1.)
        @($list.items | ForEach-Object rank) | Should -Be $live.Items.Rank
        @($list.items | ForEach-Object rating) | Should -Be $live.Items.Rating
    }

    It 'rebuilds the exported set from the exporter record' {
        $selected = Import-PhotoStage (Join-Path $json 'optimizer/run1.json')
        $exported = Import-PhotoStage (Join-Path $json 'exporter/run1.json')
        $exported | Should -BeOfType PhotoCuration.CuratedSet
        $list = Get-Content (Join-Path $json 'exporter/run1.json') -Raw | ConvertFrom-Json
        $exported.Items.PhotoId | Should -Be @($list.items | ForEach-Object photo_id)
        $exported.Items.PhotoId | Should -Be $selected.Items.PhotoId
        $exported.Items.Reasons | Should -Be $selected.Items.Reasons
        @($exported.Items | ForEach-Object Rating) | Should -Be @($list.items | ForEach-Object rating)
    }
}

Describe 'Invoke-PhotoCuration progress and Ctrl+C' {
    It 'shows one progress bar over the stages with each stage nested under it' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($module, $shoot, $ws)
                    $ProgressPreference = 'Continue'
                    Import-Module $module
                    Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ws -BatchId prog -Count 3 -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
                }).AddArgument($env:PHOTOCURATION_MODULE).AddArgument($shoot).AddArgument((Join-Path $TestDrive 'progress-ws'))
            $out = $ps.Invoke()
            $out[0].Selected | Should -Be 3
            $records = @($ps.Streams.Progress)
            $outer = @($records | Where-Object Activity -EQ 'Invoke-PhotoCuration')
            $outer.StatusDescription | Where-Object { $_ -like 'stage 3 of 8: Get-PhotoFeatures' } | Should -Not -BeNullOrEmpty
            $outer.StatusDescription | Where-Object { $_ -like 'stage 4 of 8: Find-PhotoFace' } | Should -Not -BeNullOrEmpty
            $outer[-1].RecordType | Should -Be 'Completed'
            $nested = @($records | Where-Object { $_.Activity -ne 'Invoke-PhotoCuration' })
            $nested | Should -Not -BeNullOrEmpty
            $nested | ForEach-Object { $_.ParentActivityId | Should -Be $outer[0].ActivityId }
        }
        finally { $ps.Dispose() }
    }

    It 'stops at once on Ctrl+C and the next run resumes from the cache' {
        $stopWs = Join-Path $TestDrive 'stop-ws'
        $stop = Stop-WhenWorkStarts -WaitFor (Join-Path $stopWs 'data/input') -Arguments $env:PHOTOCURATION_MODULE, $shoot, $stopWs -Script {
            param($module, $shoot, $ws)
            Import-Module $module
            Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ws -BatchId stopped -ThrottleLimit 1 -ErrorAction SilentlyContinue
        }
        $stop.StopSeconds | Should -BeLessThan 10
        $stop.State | Should -Be 'Stopped'
        Join-Path $stopWs 'intermediateJsons/optimizer/stopped.json' | Should -Not -Exist
        Get-ChildItem $stopWs -Recurse -File -Force | Where-Object { $_.Name -like '.*.tmp' } | Should -BeNullOrEmpty
        $again = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $stopWs -BatchId stopped -Count 4 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $again.Selected | Should -Be 4
        Join-Path $stopWs 'intermediateJsons/optimizer/stopped.json' | Should -Exist
    }
}

Describe 'Invoke-PhotoCuration with the batch overrides file' {
    It 'keeps a photo locked in the overrides file through the technical gate and into the set, and leaves an excluded one out' {
        $ows = Join-Path $TestDrive 'overrides-ws'
        $first = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ows -BatchId ov -Count 4 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $top = $first.CuratedSet.Items[0].FileName
        New-Item -ItemType Directory -Force (Join-Path $ows 'data/overrides') | Out-Null
        # IMG_0004 is the blurred frame the gate drops.
        @{ format = 1; batch_id = 'ov'; user_overrides = @{ lock_in = @('IMG_0004.jpg'); exclude = @($top) }; axis_emphasis = @{} } |
            ConvertTo-Json -Depth 4 | Set-Content -LiteralPath (Join-Path $ows 'data/overrides/ov.json')
        $again = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ows -BatchId ov -Count 4 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $again.CuratedSet.Items.FileName | Should -Contain 'IMG_0004.jpg'
        $again.CuratedSet.Items.FileName | Should -Not -Contain $top
        ($again.CuratedSet.Items | Where-Object FileName -EQ 'IMG_0004.jpg').Reasons[0] | Should -BeLike 'locked in by the user; failed the technical gate: blur*'
        $again.Dropped | Should -Be 1
    }
}

Describe 'Invoke-PhotoCuration runs its stages in the engine' {
    It 'gives the same curated list when a user function shadows a stage cmdlet' {
        $plain = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace (Join-Path $TestDrive 'plain-ws') -BatchId sh -Count 4 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        function global:Select-CuratedSet {}
        function global:Get-PhotoFeatures {}
        try {
            $shadowed = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace (Join-Path $TestDrive 'shadowed-ws') -BatchId sh -Count 4 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        }
        finally {
            Remove-Item -LiteralPath Function:\Select-CuratedSet, Function:\Get-PhotoFeatures
        }
        (Get-Command Select-CuratedSet).CommandType | Should -Be 'Cmdlet'
        (Get-Command Get-PhotoFeatures).CommandType | Should -Be 'Cmdlet'
        $plain.Selected | Should -Be 4
        $shadowed.Selected | Should -Be $plain.Selected
        $shadowed.CuratedSet.Items.PhotoId | Should -Be $plain.CuratedSet.Items.PhotoId
        $list = { param($summary) (Get-Content -Raw -LiteralPath $summary.CuratedListPath | ConvertFrom-Json).items.photo_id }
        & $list $shadowed | Should -Be (& $list $plain)
    }
}
