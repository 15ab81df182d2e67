BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:shoot = Join-Path $TestDrive 'shoot'
    New-PhotoSampleShoot -Path $shoot -Width 1200 -Height 800 | Out-Null
    $script:ws = Join-Path $TestDrive 'ws'
    $script:scored = @(Import-PhotoBatch $shoot -Recurse -BatchId m1 -Workspace $ws | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore)
    $script:moments = @($scored | Group-PhotoMoment -Verbose 4>&1)
    $script:verbose = @($moments | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    $script:moments = @($moments | Where-Object { $_ -is [PhotoCuration.PhotoMoment] })
    $script:clustering = Join-Path $ws 'intermediateJsons/clustering/m1.json'
}

Describe 'Group-PhotoMoment' {
    It 'groups the bursts of the sample shoot into its moments, in capture order' {
        # Sample plan: mountains burst (1,2,3 + the copy of 3), lake pair (5,6), two forest scenes 40 s
        # apart, portrait pair (10,11), dusk (12); 4 (blurred) and 7 (underexposed) fail the gate.
        $groups = $moments | ForEach-Object { ($_.Members.FileName | Sort-Object) -join ',' }
        $groups | Should -Be @('IMG_0001.jpg,IMG_0002.jpg,IMG_0003.jpg', 'IMG_0005.jpg,IMG_0006.jpg', 'IMG_0008.jpg', 'IMG_0009.jpg', 'IMG_0010.jpg,IMG_0011.jpg', 'IMG_0012.jpg')
        $moments.MomentId | Should -Be @('m_0001', 'm_0002', 'm_0003', 'm_0004', 'm_0005', 'm_0006')
        $starts = $moments.Start
        ($starts | Sort-Object) | Should -Be $starts
    }

    It 'folds the exact duplicate into its original and sets MomentId on every photo' {
        $copy = $scored | Where-Object FileName -EQ 'IMG_0003 copy.jpg'
        $copy.MomentId | Should -Be 'm_0001'
        $moments[0].Count | Should -Be 3
        $json = Get-Content $clustering -Raw | ConvertFrom-Json
        @($json.clusters[0].exact_duplicates.PSObject.Properties).Count | Should -Be 1
        $scored | ForEach-Object { $_.MomentId | Should -Match '^m_\d{4}$' }
    }

    It 'ranks each moment by Total and says why every frame lost' {
        foreach ($m in $moments) {
            $m.Hero.PhotoId | Should -Be $m.Members[0].PhotoId
            $totals = $m.Members.Total
            for ($i = 1; $i -lt $totals.Count; $i++) { $totals[$i] | Should -BeLessOrEqual $totals[$i - 1] }
            $m.Rationales.Count | Should -Be $m.Count
            if ($m.Count -gt 1) {
                $m.Rationales[0].Reason | Should -Match '^hero: best Total_prelim of \d frames'
                $m.Rationales[1..($m.Count - 1)].Reason | ForEach-Object { $_ | Should -Match 'than hero|tied with hero' }
            }
        }
    }

    It 'writes the clustering stage JSON with parameters, links and distances, byte-identical on re-run' {
        $json = Get-Content $clustering -Raw | ConvertFrom-Json
        $json.batch_id | Should -Be 'm1'
        $json.clusters[0].cluster_id | Should -Be 'm_0001'
        $json.clusters[0].members.Count | Should -Be 3
        $json.params.time_gap_seconds | Should -Be 20
        $json.params.max_hash_distance | Should -Be 12
        $json.params.candidate_pairs | Should -BeLessThan $json.params.total_pairs
        $json.clusters[0].links.Count | Should -BeGreaterOrEqual 2
        $json.clusters[0].PSObject.Properties.Name | Should -Contain 'nearest_outside'
        $json.distances.within.pairs | Should -BeGreaterThan 0
        $before = Get-FileHash $clustering
        $scored | Group-PhotoMoment | Out-Null
        (Get-FileHash $clustering).Hash | Should -Be $before.Hash
    }

    It 'reports the distances inside and between moments with -Verbose' {
        $verbose | Where-Object { $_ -match 'hash distance inside moments: \d+ pairs' } | Should -Not -BeNullOrEmpty
        $verbose | Where-Object { $_ -match 'between compared frames of different moments' } | Should -Not -BeNullOrEmpty
    }

    It 'lets -TimeGapSeconds and -MaxHashDistance override the theme' {
        @($scored | Group-PhotoMoment -TimeGapSeconds 1).Count | Should -Be 10
        $strict = @($scored | Group-PhotoMoment -MaxHashDistance 0)
        $json = Get-Content $clustering -Raw | ConvertFrom-Json
        $json.params.max_hash_distance | Should -Be 0
        # With the hash limit at 0 no pair links by hash distance any more; burst frames may still join
        # by the exposure-robust layout rule (docs/algorithms.md#exposure-brackets), which says so.
        $rules = @($json.clusters | ForEach-Object { $_.links } | ForEach-Object rule)
        $rules.Count | Should -BeGreaterThan 0 -Because 'the sample shoot has bursts'
        $rules | Where-Object { $_ -match '^same layout of light' } | Should -Not -BeNullOrEmpty -Because 'burst frames now join by the layout rule alone'
        $rules | Where-Object { $_ -match '^hash distance [\d.]+ ≤ (?!0\b)' } | Should -BeNullOrEmpty
        $rules | Where-Object { $_ -notmatch '^(hash distance 0 ≤ 0|identical pixels|same layout of light)' } | Should -BeNullOrEmpty
        $strict.Count | Should -BeGreaterOrEqual 6
    }

    It 'emits the member photos grouped by moment with -PassThru' {
        $rows = @($scored | Group-PhotoMoment -PassThru)
        $rows.Count | Should -Be 10
        $rows[0].PSObject.TypeNames[0] | Should -Be 'PhotoCuration.Photo#Moment'
        $rows[0].MomentRank | Should -Be 1
        $rows[0].MomentReason | Should -Match '^hero'
        ($rows | Format-Table | Out-String) | Should -Match 'Moment: m_0001'
    }

    It 'reports a photo without features and groups the rest' {
        $bare = [PhotoCuration.Photo]@{ PhotoId = 'sha256:00'; Path = (Join-Path $shoot 'none.jpg'); FileName = 'none.jpg'; BatchId = 'm1' }
        $out = @(@($bare) + $scored | Group-PhotoMoment -Workspace $ws -ErrorVariable err -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 6
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NotMeasured*'
        $err[0].TargetObject | Should -Be $bare.Path
    }

    It 'calibrates the threshold from the shoot with -AutoThreshold and says what it chose' {
        $lines = @($scored | Group-PhotoMoment -AutoThreshold -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $lines | Where-Object { $_ -match 'auto threshold (calibrated|not calibrated)' } | Should -Not -BeNullOrEmpty
        (Get-Content $clustering -Raw | ConvertFrom-Json).params.calibration.note | Should -Not -BeNullOrEmpty
    }
}

Describe 'Group-PhotoMoment on real photographs with known moments' -Skip:(-not (Test-Path /usr/share/backgrounds/mate/nature)) {
    BeforeAll {
        $script:known = Join-Path $TestDrive 'known'
        New-PhotoSampleShoot -Path $known -MomentsFrom /usr/share/backgrounds/mate/nature -MomentCount 8 | Out-Null
        $script:truth = Get-Content "$known.moments.json" -Raw | ConvertFrom-Json -AsHashtable
        $kws = Join-Path $TestDrive 'kws'
        $script:rows = @(Import-PhotoBatch $known -Workspace $kws | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore -IncludeDropped | Group-PhotoMoment -PassThru)
    }

    It 'finds the moments with pairwise F1 of at least 0.95 (crops, shifts, exposure changes, re-encodes, no EXIF)' {
        $pred = @{}
        foreach ($r in $rows) { $pred[$r.FileName] = $r.MomentId }
        $names = @($truth.Keys | Where-Object { $pred.ContainsKey($_) } | Sort-Object)
        $names.Count | Should -Be 56
        $tp = 0; $fp = 0; $fn = 0
        for ($i = 0; $i -lt $names.Count; $i++) {
            for ($j = $i + 1; $j -lt $names.Count; $j++) {
                $same = $truth[$names[$i]] -eq $truth[$names[$j]]
                $said = $pred[$names[$i]] -eq $pred[$names[$j]]
                if ($same -and $said) { $tp++ } elseif ($said) { $fp++ } elseif ($same) { $fn++ }
            }
        }
        $precision = $tp / [math]::Max(1, $tp + $fp)
        $recall = $tp / [math]::Max(1, $tp + $fn)
        $f1 = 2 * $precision * $recall / [math]::Max(1e-9, $precision + $recall)
        $f1 | Should -BeGreaterOrEqual 0.95 -Because "precision $precision, recall $recall"
    }

    It 'shows for each moment the nearest frame it was not grouped with, and why' {
        $json = Get-Content (Join-Path $TestDrive 'kws/intermediateJsons/clustering/known.json') -Raw | ConvertFrom-Json
        $withNeighbour = @($json.clusters | Where-Object { $_.nearest_outside })
        $withNeighbour.Count | Should -BeGreaterThan 0
        $withNeighbour[0].nearest_outside.other_cluster | Should -Match '^m_\d{4}$'
        $withNeighbour[0].nearest_outside.rule | Should -Match 'hash distance [\d.]+ >'
    }
}
