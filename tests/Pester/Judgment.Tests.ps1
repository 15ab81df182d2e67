# The judgment targets of issue 13, measured from PowerShell through the real cmdlets on a small
# degraded known-moment shoot of real photographs (calibration part of tests/Data/judgment-sources.json):
# three scenes degraded into bursts of 5 acceptable and 6 bad frames, and the calibration part's real
# must-not-drop photos (low-key, night, silhouette, high-key). Metric definitions:
# docs/algorithms.md#judgment-metrics (bench/JudgmentMetrics.psm1, shared with bench/Measure-Judgment.ps1).
# The photos come from Debian packages that .ci/run installs: without them the tests skip on a
# developer machine and fail in CI ($env:CI or PHOTOCURATION_REQUIRE_PHOTOS=1).

BeforeDiscovery {
    $manifest = Join-Path $PSScriptRoot '../Data/judgment-sources.json'
    $sources = @((Get-Content -LiteralPath $manifest -Raw | ConvertFrom-Json).sources | Where-Object split -EQ 'calibration')
    $script:photosMissing = @($sources | Where-Object { -not (Test-Path -LiteralPath $_.path) }).Count -gt 0
    $script:photosRequired = $env:PHOTOCURATION_REQUIRE_PHOTOS -eq '1' -or ($env:CI -and $env:CI -ne 'false')
}

Describe 'Judgment on a degraded known-moment shoot of real photographs (issue 13)' -Skip:($photosMissing -and -not $photosRequired) {
    BeforeAll {
        Import-Module $env:PHOTOCURATION_MODULE -Force
        Import-Module (Join-Path $PSScriptRoot '../../bench/JudgmentMetrics.psm1') -Force
        $manifest = Join-Path $PSScriptRoot '../Data/judgment-sources.json'
        $calibration = @(Get-JudgmentSource -ManifestPath $manifest -Split calibration)
        $missing = @($calibration | Where-Object { -not (Test-Path -LiteralPath $_.path) })
        if ($missing) { throw "judgment photos missing (install: $(($missing.package | Sort-Object -Unique) -join ' ')): $($missing.path -join ', ')" }
        # CI size: the first three scenes of the calibration part, and all its must-not-drop photos.
        $script:sources = @($calibration | Where-Object kind -EQ 'scene' | Select-Object -First 3) + @($calibration | Where-Object kind -NE 'scene')
        $shoot = Join-Path $TestDrive 'judged'
        $script:truth = New-JudgmentShoot -Source $sources -Path $shoot -Seed 13
        $script:run = Invoke-JudgmentPipeline -Shoot $shoot -Workspace (Join-Path $TestDrive 'ws')
        $script:m = Measure-Judgment -Truth $truth -Run $run
        Write-Host ($m | Select-Object -ExcludeProperty BadMissed, AcceptableDropped, LostMoments, BadPickNames, BadHeroNames | ConvertTo-Json -Compress)
    }

    It 'builds the shoot with its ground truth and scores every frame' {
        $truth.Count | Should -Be (3 * 11 + 2 * ($sources.Count - 3))
        @($run.Scored).Count | Should -Be $truth.Count
        @($truth | Where-Object role -EQ 'bad').Count | Should -Be 18
    }

    It 'drops or flags at least 95% of the bad frames, each below every acceptable sibling' {
        $m.BadCaughtPercent | Should -BeGreaterOrEqual 95 -Because ($m.BadMissed -join '; ')
    }

    It 'drops at most 1% of the acceptable frames' {
        $m.AcceptableDroppedPercent | Should -BeLessOrEqual 1 -Because ($m.AcceptableDropped -join '; ')
    }

    It 'loses no moment' {
        $m.MomentsLost | Should -Be 0 -Because ($m.LostMoments -join '; ')
    }

    It 'scores every acceptable frame above every bad one inside every moment' {
        $m.InvertedMoments | Should -Be 0
    }

    It 'never makes a bad frame a hero or a pick' {
        $m.BadHeroes | Should -Be 0 -Because ($m.BadHeroNames -join '; ')
        $m.BadPicks | Should -Be 0 -Because ($m.BadPickNames -join '; ')
    }

    It 'gives stars that follow Total over the picks (Spearman >= 0.9)' {
        $m.RatedPicks | Should -Be $m.Picks
        $m.SpearmanStarsTotal | Should -Not -BeNullOrEmpty -Because 'the picks must get different stars where their Totals differ'
        $m.SpearmanStarsTotal | Should -BeGreaterOrEqual 0.9
    }
}

Describe 'A grainy scene: grain every frame shares is the scene, not noise (issue 13)' -Skip:($photosMissing -and -not $photosRequired) {
    BeforeAll {
        Import-Module $env:PHOTOCURATION_MODULE -Force
        Import-Module (Join-Path $PSScriptRoot '../../bench/JudgmentMetrics.psm1') -Force
        $manifest = Join-Path $PSScriptRoot '../Data/judgment-sources.json'
        $scene = (Get-JudgmentSource -ManifestPath $manifest -Split calibration | Where-Object kind -EQ 'scene' | Select-Object -First 1).path
        if (-not (Test-Path -LiteralPath $scene)) { throw "judgment photo missing: $scene" }
        # A burst's noise frame (signal-dependent noise, k = 0.10-0.14) becomes the source of a second burst,
        # so every frame of that burst carries the same grain, as a grainy scene does
        # (docs/algorithms.md#scene-grain-inside-a-moment).
        # The generator seeds each source's frames from its full path: a fixed path gives the same draw every run.
        $first = Join-Path ([IO.Path]::GetTempPath()) 'pc-pester-grain-source'
        New-PhotoSampleShoot -Path $first -DegradedFrom $scene -Seed 13 | Out-Null
        $noise = (Get-Content -LiteralPath "$first.judgment.json" -Raw | ConvertFrom-Json).frames | Where-Object variant -EQ 'noise'
        $grainy = Join-Path $first $noise.file
        $shoot = Join-Path $TestDrive 'grainy'
        $script:truth = New-JudgmentShoot -Source @([pscustomobject]@{ kind = 'scene'; path = $grainy }) -Path $shoot -Seed 13
        $script:run = Invoke-JudgmentPipeline -Shoot $shoot -Workspace (Join-Path $TestDrive 'ws-grain')
        $script:m = Measure-Judgment -Truth $truth -Run $run
        $script:byName = @{}
        foreach ($p in $run.Scored) { $byName[$p.FileName] = $p }
        foreach ($f in $truth) { Write-Host ("{0} {1,-16} sigma {2:0.00} {3} {4:0.000} {5}" -f $f.file, $f.variant, $byName[$f.file].Features.NoiseSigma, $byName[$f.file].Score.Verdict, $byName[$f.file].Score.Total, ($byName[$f.file].Score.FlagReasons -join '; ')) }
    }

    # The original, its shifted crop and its +-0.3 EV copy carry the scene's grain as it is. A JPEG q85 copy
    # reads ~1.15x and noise added on top 1.2-1.6x the typical sigma: at the 1.3x band, either may land on
    # the other side (docs/algorithms.md#scene-grain-inside-a-moment), so they are reported, not asserted.
    It 'judges the sharp frames noise as the scene''s grain: no noise flag' {
        foreach ($f in $truth | Where-Object variant -In 'original', 'shift', 'exposure') {
            $score = $byName[$f.file].Score
            $byName[$f.file].Features.NoiseSigma | Should -BeGreaterThan 2.6 -Because "$($f.file) must read as noisy alone for this test to mean anything"
            $score.DropReasons | Should -Not -Contain 'noise' -Because "$($f.file): $($score.FlagReasons -join '; ')"
            $score.SceneNoise | Should -Not -BeNullOrEmpty
            ($score.Components | Where-Object Name -EQ 'noise').Detail | Should -Match "the scene's own grain"
        }
    }

    It 'scores every frame that lost detail or exposure below every kept sharp frame, and heads and picks the moment with a sharp frame' {
        $kept = @($truth | Where-Object role -EQ 'acceptable' | Where-Object { $byName[$_.file].Score.Verdict -eq 'kept' })
        $kept.Count | Should -BeGreaterOrEqual 3
        $lowest = ($kept | ForEach-Object { $byName[$_.file].Score.Total } | Measure-Object -Minimum).Minimum
        foreach ($f in $truth | Where-Object variant -In 'gaussian_blur', 'motion_blur', 'dark_motion_blur', 'underexposed', 'overexposed') {
            $byName[$f.file].Score.Total | Should -BeLessThan $lowest -Because "$($f.file) ($($f.variant)) must score below every kept sharp frame"
        }
        $m.BadHeroes | Should -Be 0 -Because ($m.BadHeroNames -join '; ')
        $m.BadPicks | Should -Be 0 -Because ($m.BadPickNames -join '; ')
    }
}

Describe 'An enlarged copy: upscaling is detected and never beats its original (issue 13)' -Skip:($photosMissing -and -not $photosRequired) {
    BeforeAll {
        Import-Module $env:PHOTOCURATION_MODULE -Force
        Import-Module (Join-Path $PSScriptRoot '../../bench/JudgmentMetrics.psm1') -Force
        $manifest = Join-Path $PSScriptRoot '../Data/judgment-sources.json'
        # Two calibration scenes, each a burst with an enlarged copy (0.35-0.7x blown up to full size).
        $script:scenes = @(Get-JudgmentSource -ManifestPath $manifest -Split calibration | Where-Object kind -EQ 'scene' | Select-Object -First 2)
        foreach ($s in $scenes) { if (-not (Test-Path -LiteralPath $s.path)) { throw "judgment photo missing: $($s.path)" } }
        $shoot = Join-Path $TestDrive 'enlarged'
        $script:truth = New-JudgmentShoot -Source $scenes -Path $shoot -Seed 13 -Enlarged
        $script:run = Invoke-JudgmentPipeline -Shoot $shoot -Workspace (Join-Path $TestDrive 'ws-enlarged')
        $script:m = Measure-Judgment -Truth $truth -Run $run
        $script:byName = @{}
        foreach ($p in $run.Scored) { $byName[$p.FileName] = $p }
        foreach ($f in $truth | Where-Object variant -In 'original', 'enlarged', 'resized') {
            $p = $byName[$f.file]
            Write-Host ("{0} {1,-9} {2}x{3} effective {4} px, {5:0.00} MP, Total {6:0.000} {7}" -f $f.file, $f.variant, $p.Preprocess.OriginalWidth, $p.Preprocess.OriginalHeight, $p.Preprocess.EffectiveLongEdge, $p.Features.Megapixels, $p.Score.Total, ($p.Score.FlagReasons -join '; '))
        }
    }

    It 'records the effective long edge in preprocess: the enlarged copy resolves clearly less than its original, of the same pixel size' {
        foreach ($e in $truth | Where-Object variant -EQ 'enlarged') {
            $original = $byName[$e.ranks_below]; $copy = $byName[$e.file]
            $copy.Preprocess.OriginalWidth | Should -Be $original.Preprocess.OriginalWidth
            $copy.Preprocess.EffectiveLongEdge | Should -BeLessThan $original.Preprocess.EffectiveLongEdge -Because "$($e.file) was enlarged from $($e.parameters.scale)x"
            # From half size or less the measure leaves a clear margin (docs/algorithms.md#effective-resolution:
            # at least 0.11 of the long edge); a 0.6-0.7x enlargement leaks detail above its cutoff and may read close.
            if ($e.parameters.scale -le 0.5) { $copy.Preprocess.EffectiveLongEdge | Should -BeLessThan (0.9 * $original.Preprocess.EffectiveLongEdge) }
            $copy.Features.EffectiveLongEdge | Should -Be $copy.Preprocess.EffectiveLongEdge
            $copy.Features.Megapixels | Should -BeLessThan $original.Features.Megapixels
        }
        $ws = Join-Path $TestDrive 'ws-enlarged'
        $record = Get-ChildItem (Join-Path $ws 'intermediateJsons/preprocess') -Filter *.json | Select-Object -First 1 | Get-Content -Raw | ConvertFrom-Json
        @($record.artifacts | Where-Object { $_.processing_metadata.effective_long_edge -gt 0 }).Count | Should -Be $truth.Count
    }

    It 'scores the enlarged copy below its original, gives its resolution part the effective pixels, and never makes it the hero over its original' {
        $m.EnlargedFrames | Should -Be 2
        $m.EnlargedBelowOriginalPercent | Should -Be 100 -Because ($m.EnlargedNotBelow -join '; ')
        $m.EnlargedHeroes | Should -Be 0
        foreach ($e in $truth | Where-Object variant -EQ 'enlarged') {
            $copy = $byName[$e.file]
            ($copy.Score.Components | Where-Object Name -EQ 'resolution').Detail | Should -Match "detail up to $($copy.Features.EffectiveLongEdge) px of (the )?$($copy.Features.LongEdge)"
            ($copy.Score.Components | Where-Object Name -EQ 'resolution').Value | Should -BeLessThan ($byName[$e.ranks_below].Score.Components | Where-Object Name -EQ 'resolution').Value
        }
    }
}

Describe 'New-PhotoSampleShoot -DegradedFrom' {
    BeforeAll {
        Import-Module $env:PHOTOCURATION_MODULE -Force
        # Sources that need no Debian package: two frames of the rendered sample shoot.
        $rendered = Join-Path $TestDrive 'rendered'
        New-PhotoSampleShoot -Path $rendered -Width 480 -Height 320 | Out-Null
        $script:scene = Join-Path $rendered 'IMG_0001.jpg'
        $script:intent = Join-Path $rendered 'IMG_0010.jpg'
        $script:a = Join-Path $TestDrive 'degraded-a'
        $script:written = @(New-PhotoSampleShoot -Path $a -DegradedFrom $scene -MustNotDropFrom $intent -Seed 4)
    }

    It 'writes one moment of 11 frames per degraded photo, 2 per must-not-drop photo, and the ground truth beside the folder' {
        @(Get-ChildItem $a -File).Count | Should -Be 13
        $written[-1].FullName | Should -Be "$a.judgment.json"
        $truth = Get-Content "$a.judgment.json" -Raw | ConvertFrom-Json
        $truth.seed | Should -Be 4
        @($truth.frames | Where-Object { $_.moment -eq 'j001' -and $_.role -eq 'bad' }).Count | Should -Be 6
        @($truth.frames | Where-Object { $_.moment -eq 'j002' -and $_.role -eq 'acceptable' }).Count | Should -Be 2
        ($truth.frames | Where-Object variant -EQ 'resized').ranks_below | Should -Be ($truth.frames | Where-Object { $_.moment -eq 'j001' -and $_.variant -eq 'original' }).file
    }

    It 'gives the same bytes for the same photos and seed' {
        $b = Join-Path $TestDrive 'degraded-b'
        New-PhotoSampleShoot -Path $b -DegradedFrom $scene -MustNotDropFrom $intent -Seed 4 | Out-Null
        foreach ($file in Get-ChildItem $a -File) { (Get-FileHash (Join-Path $b $file.Name)).Hash | Should -Be (Get-FileHash $file.FullName).Hash -Because $file.Name }
        (Get-FileHash "$b.judgment.json").Hash | Should -Be (Get-FileHash "$a.judgment.json").Hash
    }

    It 'writes nothing with -WhatIf' {
        $c = Join-Path $TestDrive 'degraded-c'
        New-PhotoSampleShoot -Path $c -DegradedFrom $scene -WhatIf | Should -BeNullOrEmpty
        Test-Path $c | Should -BeFalse
    }
}
