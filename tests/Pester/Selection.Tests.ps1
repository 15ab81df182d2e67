BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:shoot = Join-Path $TestDrive 'shoot'
    New-PhotoSampleShoot -Path $shoot -Width 1200 -Height 800 | Out-Null
    $script:ws = Join-Path $TestDrive 'ws'
    $script:scored = @(Import-PhotoBatch $shoot -Recurse -BatchId c1 -Workspace $ws | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore)
    $script:moments = @($scored | Group-PhotoMoment)
    $script:optimizer = Join-Path $ws 'intermediateJsons/optimizer/c1.json'
}

Describe 'Select-CuratedSet' {
    It 'selects the count, one photo per moment, as a ranked sequence with opener and closer' {
        $set = $moments | Select-CuratedSet -Count 4 -WarningAction SilentlyContinue
        $set | Should -BeOfType PhotoCuration.CuratedSet
        $set.Count | Should -Be 4
        $set.Items.Rank | Should -Be 1, 2, 3, 4
        $set.Items[0].Role | Should -Be 'opener'
        $set.Items[-1].Role | Should -Be 'closer'
        ($set.Items.MomentId | Sort-Object -Unique).Count | Should -Be 4
        foreach ($i in $set.Items) {
            $i.Reasons.Count | Should -BeGreaterThan 1
            $i.Tags | Should -Contain ('time_of_day:' + $i.Photo.Features.TimeOfDay)
            $i.MarginalGain | Should -BeGreaterThan 0
        }
    }

    It 'picks each moment by its hero' {
        $set = $moments | Select-CuratedSet -Count 6 -WarningAction SilentlyContinue
        $heroes = $moments.Hero.PhotoId
        $set.Items.PhotoId | ForEach-Object { $_ | Should -BeIn $heroes }
    }

    It 'takes photos as well, grouped by their MomentId' {
        $rows = $scored | Group-PhotoMoment -PassThru
        $set = $rows | Select-CuratedSet -Count 6 -WarningAction SilentlyContinue
        $set.Count | Should -Be 6
        ($set.Items.MomentId | Sort-Object -Unique).Count | Should -Be 6
    }

    It 'writes the optimizer stage JSON in the contract shape, byte-identical on re-run' {
        $moments | Select-CuratedSet -Count 5 -WarningAction SilentlyContinue | Out-Null
        $json = Get-Content $optimizer -Raw | ConvertFrom-Json
        $json.batch_id | Should -Be 'c1'
        $json.selected_ids.Count | Should -Be 5
        $json.roles[0].role | Should -Be 'opener'
        $json.roles[0].prob | Should -BeGreaterThan 0
        $json.coverage.time_of_day | Should -Be 1
        @($json.marginal_gains.PSObject.Properties).Count | Should -Be 5
        $json.prompts | Should -Not -BeNullOrEmpty
        $before = (Get-FileHash $optimizer).Hash
        $moments | Select-CuratedSet -Count 5 -WarningAction SilentlyContinue | Out-Null
        (Get-FileHash $optimizer).Hash | Should -Be $before
    }

    It 'warns when an emphasised axis is thin' {
        $null = $moments | Select-CuratedSet -Count 4 -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Message | Where-Object { $_ -like 'need more * shots?*' } | Should -Not -BeNullOrEmpty
    }

    It 'gives the top photos by Total with -DiversityWeight 0' {
        $set = $moments | Select-CuratedSet -Count 3 -DiversityWeight 0 -WarningAction SilentlyContinue
        $expected = $moments.Hero | Sort-Object @{ Expression = 'Total'; Descending = $true }, @{ Expression = 'PhotoId' } | Select-Object -First 3 -ExpandProperty PhotoId
        ($set.Items.PhotoId | Sort-Object) | Should -Be ($expected | Sort-Object)
    }

    It 'honours lock-in and exclude from the ingest overrides' {
        $weakest = $moments.Hero | Sort-Object Total | Select-Object -First 1
        $best = $moments.Hero | Sort-Object Total -Descending | Select-Object -First 1
        $locked = @(Import-PhotoBatch $shoot -Recurse -BatchId c2 -Workspace $ws -LockIn $weakest.FileName -ExcludePhoto $best.FileName |
            Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore | Group-PhotoMoment | Select-CuratedSet -Count 2 -WarningAction SilentlyContinue)
        $locked.Items.FileName | Should -Contain $weakest.FileName
        $locked.Items.FileName | Should -Not -Contain $best.FileName
        ($locked.Items | Where-Object FileName -EQ $weakest.FileName).Reasons[0] | Should -Be 'locked in by the user'
    }

    It 'warns when the shoot has fewer candidates than the count asked for' {
        $set = $moments | Select-CuratedSet -Count 40 -WarningVariable warnings -WarningAction SilentlyContinue
        $set.Count | Should -Be $moments.Count
        $warnings.Message | Where-Object { $_ -like "*only $($moments.Count) of the 40 photos asked for could be picked*MaxPerMoment 2*" } | Should -Not -BeNullOrEmpty
    }

    It 'refuses an unknown axis in -AxisEmphasis' {
        { $moments | Select-CuratedSet -Count 2 -AxisEmphasis @{ colour = 1 } -ErrorAction Stop } | Should -Throw -ErrorId 'UnknownAxis*'
    }

    It 'shows the ranked table as its default view' {
        $text = $moments | Select-CuratedSet -Count 3 -WarningAction SilentlyContinue | Out-String -Width 200
        $text | Should -Match 'Rank\s+Role\s+FileName'
        $text | Should -Match 'opener'
        $text | Should -Match 'coverage:'
    }
}
