# Exploring never silently rewrites a batch: after Invoke-PhotoCuration exported it, a stage cmdlet run
# "for comparison" goes to a stage run (-RunName, or 'explore'), the main stage files the review page and
# curated_list.json show stay as they were, and the page and the export say which run they show.

BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:shoot = New-TestShoot (Join-Path $TestDrive 'shoot')
    $script:ws = Join-Path $TestDrive 'ws'
    New-Item -ItemType Directory -Force (Join-Path $ws 'data/themes') | Out-Null
    Set-Content (Join-Path $ws 'data/themes/moody.yaml') @'
name: moody
mood: [dark, moody, low-key light]
weights: { q_tech: 0.1, aesthetic: 0.6, vibe: 0.1, typography: 0.1, composition: 0.1 }
'@
    $script:run = Invoke-PhotoCuration -Path $shoot -Recurse -Workspace $ws -BatchId ex -Count 4 -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
    function script:Get-MainHashes {
        $h = [ordered]@{}
        foreach ($stage in 'scoring', 'clustering', 'optimizer', 'exporter') { $h[$stage] = (Get-FileHash (Join-Path $ws "intermediateJsons/$stage/ex.json")).Hash }
        $h
    }
    $script:before = Get-MainHashes
    $script:photos = @(Import-PhotoStage (Join-Path $ws 'intermediateJsons/features/ex.json'))
}

Describe 'An exploration of an exported batch' {
    It 'Select-CuratedSet -DiversityWeight 0 (the help''s comparison) goes to run ''explore'' with a warning' {
        $moments = @(Import-PhotoStage (Join-Path $ws 'intermediateJsons/clustering/ex.json'))
        $set = $moments | Select-CuratedSet -Count 4 -DiversityWeight 0 -WarningVariable w -WarningAction SilentlyContinue
        $set.RunName | Should -Be 'explore'
        ($w -join "`n") | Should -Match "run 'explore'"
        Join-Path $ws 'intermediateJsons/runs/explore/optimizer/ex.json' | Should -Exist
        (Get-MainHashes).optimizer | Should -Be $before.optimizer
    }

    It 'Measure-PhotoScore -Theme moody -RunName carries the run through Group-PhotoMoment and Select-CuratedSet' {
        $set = $photos | Measure-PhotoScore -Theme moody -RunName moody | Group-PhotoMoment -Theme moody | Select-CuratedSet -Count 4 -Theme moody -WarningAction SilentlyContinue
        $set.RunName | Should -Be 'moody'
        foreach ($stage in 'scoring', 'clustering', 'optimizer') { Join-Path $ws "intermediateJsons/runs/moody/$stage/ex.json" | Should -Exist }
        $now = Get-MainHashes
        foreach ($stage in $before.Keys) { $now[$stage] | Should -Be $before[$stage] -Because "the main $stage file is what was exported" }
    }

    It 'writes the main files again when nothing changes' {
        $photos | Measure-PhotoScore -WarningVariable w -WarningAction SilentlyContinue | Out-Null
        @($w).Count | Should -Be 0
        (Get-MainHashes).scoring | Should -Be $before.scoring
    }

    It 'refuses a run name that is no folder name' {
        { $photos | Measure-PhotoScore -RunName '../up' } | Should -Throw -ErrorId 'InvalidRunName*'
    }

    It 'the export of a run''s set says so: audit.run in curated_list.json and RunName on the output object' {
        $set = @(Import-PhotoStage (Join-Path $ws 'intermediateJsons/runs/moody/clustering/ex.json')) | Select-CuratedSet -Count 4 -Theme moody -WarningAction SilentlyContinue
        $set.RunName | Should -Be 'moody'
        $out = Join-Path $TestDrive 'moody-book'
        $result = $set | Export-CuratedList -OutputPath $out -WarningVariable w -WarningAction SilentlyContinue
        $result | Should -BeOfType PhotoCuration.ExportedCuratedList
        $result.RunName | Should -Be 'moody'
        $result.OutputPath | Should -Be $out
        $result.CuratedListPath | Should -Be (Join-Path $out 'curated_list.json')
        (Get-Content -Raw $result.CuratedListPath | ConvertFrom-Json).audit.run | Should -Be 'moody'
        ($w -join "`n") | Should -Match "run 'moody'"
    }

    It 'the main export has no run in its audit' {
        (Get-Content -Raw (Join-Path $ws 'data/output/ex/curated_list.json') | ConvertFrom-Json).audit.PSObject.Properties.Name | Should -Not -Contain 'run'
    }

    It 'the review page says it shows the main run and names the experiments it does not show' {
        $html = Get-Content -Raw (Export-CurationReport -Batch ex -Workspace $ws).FullName
        $html | Should -Match 'Run: main'
        $html | Should -Match 'experiments not shown: explore, moody'
    }
}
