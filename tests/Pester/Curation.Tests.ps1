BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:shoot = Join-Path $TestDrive 'shoot'
    New-PhotoSampleShoot -Path $shoot -Width 1200 -Height 800 | Out-Null
    Set-Content -LiteralPath (Join-Path $shoot 'notes.jpg') -Value 'not a photo'
    $script:ws = Join-Path $TestDrive 'ws'
    $script:first = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ws -BatchId run1 -Count 4 -ErrorVariable script:runErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    $script:stages = 'ingest', 'preprocess', 'features', 'scoring', 'clustering', 'optimizer', 'exporter'
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
