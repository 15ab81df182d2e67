BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:shoot = Join-Path $TestDrive 'shoot'
    New-PhotoSampleShoot -Path $shoot -Width 1200 -Height 800 | Out-Null
    $script:ws = Join-Path $TestDrive 'ws'
    New-Item -ItemType Directory -Force (Join-Path $ws 'data/themes') | Out-Null
    Set-Content (Join-Path $ws 'data/themes/warm.yaml') @'
name: warm
palette: ["#E07A3A", "#3A2040", "#F0A050"]
gates: {q_tech_min: 0.30}
'@
    $script:featured = @(Import-PhotoBatch $shoot -Recurse -BatchId s1 -Workspace $ws | Invoke-Preprocess | Get-PhotoFeatures -Verbose 4>&1)
    $script:verbose = $featured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
    $script:photos = @($featured | Where-Object { $_ -is [PhotoCuration.Photo] })
    $script:all = @($photos | Measure-PhotoScore -Theme warm -IncludeDropped)
}

Describe 'Get-PhotoFeatures' {
    It 'measures every photo without a model and leaves model fields null' {
        $photos.Count | Should -Be 13
        foreach ($p in $photos) {
            $f = $p.Features
            $f.Version | Should -Be 'features-5'
            $f.Detail | Should -BeGreaterOrEqual 0
            $f.DetailByDirection.Count | Should -Be 8
            $f.Megapixels | Should -BeGreaterThan 0
            $f.PHash | Should -Match '^[0-9a-f]{16}$'
            $f.Palette.Count | Should -BeGreaterThan 0
            $f.SaliencyPath | Should -Exist
            $f.TimeOfDay | Should -BeIn 'dawn', 'morning', 'midday', 'afternoon', 'golden', 'dusk', 'night'
            $f.ClipIqa | Should -BeNullOrEmpty
            $f.ClipLabels | Should -BeNullOrEmpty
        }
    }

    It 'takes time of day from EXIF and orientation from the pixels' {
        ($photos | Where-Object FileName -EQ 'IMG_0001.jpg').Features.TimeOfDay | Should -Be 'morning'
        ($photos | Where-Object FileName -EQ 'IMG_0001.jpg').Features.TimeOfDaySource | Should -Be 'exif'
        ($photos | Where-Object FileName -EQ 'IMG_0009.jpg').Features.Orientation | Should -Be 'portrait'
    }

    It 'sees the blurred and the underexposed frames' {
        $sharp = ($photos | Where-Object FileName -EQ 'IMG_0003.jpg').Features
        ($photos | Where-Object FileName -EQ 'IMG_0004.jpg').Features.SubjectSharpness | Should -BeLessThan $sharp.SubjectSharpness
        # Detail does not saturate: the sharp frame reads octaves of detail, the blurred one almost none.
        ($photos | Where-Object FileName -EQ 'IMG_0004.jpg').Features.Detail | Should -BeLessThan ($sharp.Detail - 1.5)
        ($photos | Where-Object FileName -EQ 'IMG_0007.jpg').Features.LumaP95 | Should -BeLessThan 0.2
    }

    It 'writes the features stage JSON with model fields null' {
        $json = Get-Content -Raw (Join-Path $ws 'intermediateJsons/features/s1.json') | ConvertFrom-Json
        $json.artifacts.Count | Should -Be 12
        $a = $json.artifacts[0]
        $a.std_uri | Should -BeLike 'data/input/*'
        $a.features.tech.PSObject.Properties.Name | Should -Contain 'clip_iqa'
        $a.features.tech.clip_iqa | Should -BeNullOrEmpty
        $a.features.tech.brisque | Should -BeNullOrEmpty
        $a.features.hashes.phash | Should -Match '^[0-9a-f]{16}$'
    }

    It 're-runs from the cache with identical stage JSON and reports timing' {
        ($verbose.Message -join "`n") | Should -Match 'Get-PhotoFeatures: 13 photos in'
        $before = Get-Content -Raw (Join-Path $ws 'intermediateJsons/features/s1.json')
        $again = @(Import-PhotoBatch $shoot -Recurse -BatchId s1 -Workspace $ws | Invoke-Preprocess | Get-PhotoFeatures)
        $again.Features.FromCache | Should -Not -Contain $false
        Get-Content -Raw (Join-Path $ws 'intermediateJsons/features/s1.json') | Should -BeExactly $before
    }

    It 'reports a photo that was not preprocessed' {
        $raw = Import-PhotoBatch (Join-Path $shoot 'IMG_0001.jpg') -Workspace $ws -BatchId raw
        $raw | Get-PhotoFeatures -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'NotPreprocessed,*'
    }
}

Describe 'Measure-PhotoScore' {
    It 'scores in [0,1] under the theme and drops the blurred and the underexposed frames with reasons' {
        foreach ($p in $all) {
            foreach ($v in $p.QTech, $p.Aesthetic, $p.Vibe, $p.Typography, $p.Composition, $p.Total) { $v | Should -BeGreaterOrEqual 0; $v | Should -BeLessOrEqual 1 }
            $p.Score.Theme | Should -Be 'warm'
        }
        $blurred = $all | Where-Object FileName -EQ 'IMG_0004.jpg'
        $dark = $all | Where-Object FileName -EQ 'IMG_0007.jpg'
        # Both are hopeless (σ 0.9% of the long edge; a frame at 12% brightness is black): dropped.
        $blurred.Score.IsDropped | Should -BeTrue
        $blurred.Score.Verdict | Should -Be 'dropped'
        $blurred.Score.DropReasons | Should -Contain 'blur'
        $blurred.Score.FlagReasons[0] | Should -Match '^blur: subject detail \d\.\d\d octaves'
        $dark.Score.IsDropped | Should -BeTrue
        $dark.Score.DropReasons | Should -Contain 'underexposed'
        @($all | Where-Object { $_.Score.IsDropped }).Count | Should -Be 2
        foreach ($p in $all) { $p.Score.Verdict | Should -BeIn 'kept', 'flagged', 'dropped' }
    }

    It 'flags a doubtful frame instead of dropping it, with the numbers, and the larger frame wins' {
        # The same frame rendered at 480×320 (0.15 MP): flagged for low resolution, not dropped.
        $src = Join-Path $TestDrive 'sizes'
        $small = Join-Path $TestDrive 'small-shoot'
        New-PhotoSampleShoot -Path $small -Width 480 -Height 320 | Out-Null
        New-Item -ItemType Directory -Force $src | Out-Null
        Copy-Item (Join-Path $shoot 'IMG_0003.jpg') (Join-Path $src 'large.jpg')
        Copy-Item (Join-Path $small 'IMG_0003.jpg') (Join-Path $src 'small.jpg')
        $scored = @(Import-PhotoBatch $src -BatchId sizes -Workspace $ws | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore)
        $scored.Count | Should -Be 2 -Because 'a flagged frame stays in the stream'
        $lo = $scored | Where-Object FileName -EQ 'small.jpg'
        $hi = $scored | Where-Object FileName -EQ 'large.jpg'
        $lo.Score.Verdict | Should -Be 'flagged'
        $lo.Score.IsDropped | Should -BeFalse
        $lo.Score.DropReasons | Should -Contain 'low_resolution'
        ($lo.Score.FlagReasons -join ' ') | Should -Match 'low resolution: 0\.15 MP'
        $lo.Score.Explain()[0] | Should -Match '^small\.jpg: flagged \(Q_tech \d\.\d\d, cutoff 0\.30'
        $hi.Score.Verdict | Should -Be 'kept'
        $lo.QTech | Should -BeLessThan $hi.QTech
        $lo.Total | Should -BeLessThan $hi.Total
        $moments = @($scored | Group-PhotoMoment)
        $moments.Count | Should -Be 1
        $moments[0].Hero.FileName | Should -Be 'large.jpg'
        ($moments[0].Rationales | Where-Object FileName -EQ 'small.jpg').Flags | Should -Contain $lo.Score.FlagReasons[0]
        ($moments[0].Rationales | Where-Object FileName -EQ 'small.jpg').Reason | Should -Match 'flagged by the gate: low_resolution'
    }

    It 'removes dropped photos from the stream unless -IncludeDropped' {
        $kept = @($photos | Measure-PhotoScore -Theme warm)
        $kept.Count | Should -Be 11 -Because 'only the two hopeless frames leave the stream'
        $kept.FileName | Should -Not -Contain 'IMG_0004.jpg'
    }

    It 'never drops a locked-in photo' {
        $locked = @(Import-PhotoBatch $shoot -Recurse -BatchId lk -Workspace $ws -LockIn IMG_0007.jpg | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore)
        $dark = $locked | Where-Object FileName -EQ 'IMG_0007.jpg'
        $dark | Should -Not -BeNullOrEmpty
        $dark.Score.IsDropped | Should -BeFalse
        $dark.Score.Verdict | Should -Be 'dropped' -Because 'a locked photo keeps the verdict that says it failed the gate'
        $dark.Score.DropReasons | Should -Contain 'underexposed'
    }

    It 'filters by score in the pipeline (Where-Object QTech)' {
        @($all | Where-Object QTech -GT 0.5).Count | Should -Be 11
    }

    It 'explains every score' {
        $lines = $all[0].Score.Explain()
        $lines[0] | Should -Match "^$([regex]::Escape($all[0].FileName)): (kept|flagged|dropped) \(Q_tech"
        $text = $lines -join "`n"
        $text | Should -Match '(?m)^QTech\s+sharpness.*octaves'
        $text | Should -Match '(?m)^QTech\s+resolution'
        $text | Should -Match '(?m)^Vibe\s+palette_fit'
        $text | Should -Match '#E07A3A'
    }

    It 'writes the scoring stage JSON with the contract keys' {
        $text = Get-Content -Raw (Join-Path $ws 'intermediateJsons/scoring/s1.json')
        $text | Should -Match '"Q_tech":'
        $text | Should -Match '"Total_prelim":'
        $json = $text | ConvertFrom-Json
        $json.scorecard_version | Should -Be 'scorecard-3'
        $json.theme_spec_ref | Should -Be 'warm'
        $json.dropped_for_tech.Count | Should -Be 2
        $id = ($all | Where-Object FileName -EQ 'IMG_0004.jpg').PhotoId
        $json.drop_reasons.$id | Should -Contain 'blur'
        ($json.scores | Where-Object photo_id -EQ $id).verdict | Should -Be 'dropped'
        ($json.scores | Where-Object photo_id -EQ $id).flag_reasons[0] | Should -Match '^blur: '
    }

    It 'stops with a precise error on an invalid theme' {
        Set-Content (Join-Path $ws 'data/themes/broken.yaml') "name: broken`nweights: {vibe: 2}"
        { $photos | Measure-PhotoScore -Theme broken -ErrorAction Stop } | Should -Throw -ExpectedMessage '*broken.yaml:2:*weights.vibe*'
        { $photos | Measure-PhotoScore -Theme nosuch -ErrorAction Stop } | Should -Throw -ErrorId 'ThemeNotFound*'
    }
}

Describe 'Themes' {
    It 'lists the built-in and workspace themes and validates files' {
        Set-Content (Join-Path $ws 'data/themes/broken.yaml') "name: broken`nweights: {vibe: 2}"
        $themes = @(Get-PhotoTheme -Workspace $ws -WarningVariable w -WarningAction SilentlyContinue)
        $w | Should -Match 'broken'
        $themes.Name | Should -Contain 'default'
        $themes.Name | Should -Contain 'warm'
        Test-PhotoTheme warm -Workspace $ws | Should -BeTrue
        Test-PhotoTheme (Join-Path $ws 'data/themes/broken.yaml') -ErrorAction SilentlyContinue | Should -BeFalse
        $issues = @(Test-PhotoTheme (Join-Path $ws 'data/themes/broken.yaml') -PassThru)
        $vibe = $issues | Where-Object Key -EQ 'weights.vibe'
        $vibe | Should -Not -BeNullOrEmpty -Because ($issues | Out-String)
        $vibe.Line | Should -Be 2
        $vibe.Message | Should -Match 'allowed 0 to 1'
    }
}
