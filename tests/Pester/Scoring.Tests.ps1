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
            $f.Version | Should -Be 'features-2'
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
        $blurred.Score.IsDropped | Should -BeTrue
        $blurred.Score.DropReasons | Should -Contain 'blur'
        $dark.Score.IsDropped | Should -BeTrue
        $dark.Score.DropReasons | Should -Contain 'underexposed'
        @($all | Where-Object { $_.Score.IsDropped }).Count | Should -Be 2
    }

    It 'removes dropped photos from the stream unless -IncludeDropped' {
        $kept = @($photos | Measure-PhotoScore -Theme warm)
        $kept.Count | Should -Be 11
        $kept.FileName | Should -Not -Contain 'IMG_0004.jpg'
    }

    It 'never drops a locked-in photo' {
        $locked = @(Import-PhotoBatch $shoot -Recurse -BatchId lk -Workspace $ws -LockIn IMG_0007.jpg | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore)
        $dark = $locked | Where-Object FileName -EQ 'IMG_0007.jpg'
        $dark | Should -Not -BeNullOrEmpty
        $dark.Score.IsDropped | Should -BeFalse
        $dark.Score.DropReasons | Should -Contain 'underexposed'
    }

    It 'filters by score in the pipeline (Where-Object QTech)' {
        @($all | Where-Object QTech -GT 0.5).Count | Should -Be 11
    }

    It 'explains every score' {
        $text = $all[0].Score.Explain() -join "`n"
        $text | Should -Match '(?m)^QTech\s+sharpness'
        $text | Should -Match '(?m)^Vibe\s+palette_fit'
        $text | Should -Match '#E07A3A'
    }

    It 'writes the scoring stage JSON with the contract keys' {
        $text = Get-Content -Raw (Join-Path $ws 'intermediateJsons/scoring/s1.json')
        $text | Should -Match '"Q_tech":'
        $text | Should -Match '"Total_prelim":'
        $json = $text | ConvertFrom-Json
        $json.scorecard_version | Should -Be 'scorecard-1'
        $json.theme_spec_ref | Should -Be 'warm'
        $json.dropped_for_tech.Count | Should -Be 2
        $id = ($all | Where-Object FileName -EQ 'IMG_0004.jpg').PhotoId
        $json.drop_reasons.$id | Should -Contain 'blur'
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
