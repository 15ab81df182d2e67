# Measure-CurationAgreement from PowerShell on a real sample shoot: two real photographs (calibration
# part of tests/Data/judgment-sources.json) degraded into moments of 11 frames, curated by the real
# cmdlets; a photographer's decisions are written by Debian's exiftool into a copy of the shoot: the
# original frame of each moment 5 stars and label Red embedded in the JPEG, every bad frame rejected
# (-1) in a NAME.xmp sidecar, one sidecar damaged. Photos come from Debian packages .ci/run installs:
# without them the tests skip on a developer machine and fail in CI.

BeforeDiscovery {
    $manifest = Join-Path $PSScriptRoot '../Data/judgment-sources.json'
    $sources = @((Get-Content -LiteralPath $manifest -Raw | ConvertFrom-Json).sources | Where-Object { $_.split -eq 'calibration' -and $_.kind -eq 'scene' } | Select-Object -First 2)
    $script:photosMissing = @($sources | Where-Object { -not (Test-Path -LiteralPath $_.path) }).Count -gt 0
    $script:required = $env:PHOTOCURATION_REQUIRE_PHOTOS -eq '1' -or ($env:CI -and $env:CI -ne 'false')
    $script:exiftoolMissing = -not (Get-Command exiftool -CommandType Application -ErrorAction SilentlyContinue)
}

Describe 'Measure-CurationAgreement on a real sample shoot with exiftool-written decisions' -Skip:(($photosMissing -or $exiftoolMissing) -and -not $required) {
    BeforeAll {
        Import-Module $env:PHOTOCURATION_MODULE -Force
        $manifest = Join-Path $PSScriptRoot '../Data/judgment-sources.json'
        $scenes = @((Get-Content -LiteralPath $manifest -Raw | ConvertFrom-Json).sources | Where-Object { $_.split -eq 'calibration' -and $_.kind -eq 'scene' } | Select-Object -First 2 | ForEach-Object path)
        $exiftool = (Get-Command exiftool -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
        $shoot = Join-Path $TestDrive 'shoot'
        New-PhotoSampleShoot -Path $shoot -DegradedFrom $scenes -Seed 19 | Out-Null
        $script:truth = (Get-Content -LiteralPath "$shoot.judgment.json" -Raw | ConvertFrom-Json).frames
        $script:ws = Join-Path $TestDrive 'ws'
        $moments = @(Import-PhotoBatch $shoot -Workspace $ws -BatchId taste | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore -IncludeDropped | Group-PhotoMoment -WarningAction SilentlyContinue)
        $script:set = $moments | Select-CuratedSet -Count 2 -WarningAction SilentlyContinue

        # The photographer's folder: a copy of the shoot, decisions written by exiftool.
        $script:reference = Join-Path $TestDrive 'lightroom'
        Copy-Item -LiteralPath $shoot -Destination $reference -Recurse
        foreach ($frame in $truth) {
            $file = Join-Path $reference $frame.file
            if ($frame.variant -eq 'original') { & $exiftool -q -overwrite_original '-XMP-xmp:Rating=5' '-XMP-xmp:Label=Red' $file }
            elseif ($frame.role -eq 'bad') { & $exiftool -q '-XMP-xmp:Rating=-1' ([IO.Path]::ChangeExtension($file, '.xmp')) }
            if ($LASTEXITCODE -ne 0) { throw "exiftool failed on $file" }
        }
        # One damaged sidecar on an acceptable, unrated frame: one error, the rest is read.
        $script:damaged = ($truth | Where-Object { $_.role -eq 'acceptable' -and $_.variant -ne 'original' } | Select-Object -First 1).file
        Set-Content -LiteralPath (Join-Path $reference ([IO.Path]::ChangeExtension($damaged, '.xmp'))) -Value '<x:xmpmeta><rdf:RDF'

        $script:agreement = Measure-CurationAgreement -Workspace $ws -Batch taste -Reference $reference -ErrorVariable problems -ErrorAction SilentlyContinue
        $script:problems = $problems
        Write-Host ($agreement | Select-Object -ExcludeProperty Moments, Disagreements | ConvertTo-Json -Compress)
    }

    It 'reports the damaged sidecar as one error and reads every other decision' {
        @($problems).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'CorruptMetadata*'
        "$($problems[0].TargetObject)" | Should -BeLike "*$([IO.Path]::GetFileNameWithoutExtension($damaged)).xmp"
        $agreement.MatchedCount | Should -Be ($truth.Count - 1)
    }

    It 'counts the 5-star originals as the picks and the bad frames as rejects' {
        $agreement.PickRule | Should -Be 'top rated tier (rating >= 5)'
        $agreement.PickCount | Should -Be 2
        $agreement.RejectCount | Should -Be 12
        $agreement.SetCount | Should -Be 2
    }

    It 'measures what the definitions say: precision and F1 from the set, pairs and AUCs within their ranges' {
        $picks = @($truth | Where-Object variant -EQ 'original' | ForEach-Object file)
        $hits = @($set.Items | Where-Object { $_.FileName -in $picks }).Count
        $agreement.Precision | Should -Be ($hits / 2)
        $agreement.Recall | Should -Be ($hits / 2)
        $agreement.MomentsWithPicks | Should -Be 2
        $agreement.PairCount | Should -Be 19 -Because 'each original against the 10 other frames of its moment, less the frame whose sidecar is damaged'
        # Every bad frame is flagged or dropped below the acceptable frames of its moment (issue 13).
        $agreement.PickRejectAuc | Should -Be 1
        $agreement.KendallTauB | Should -BeGreaterThan 0.3
    }

    It 'writes the same object as JSON into the workspace, byte-identical on a second run' {
        $agreement.ReportPath | Should -Be (Join-Path $ws 'data/agreement/taste.json')
        $json = Get-Content -LiteralPath $agreement.ReportPath -Raw | ConvertFrom-Json
        $json.pick_count | Should -Be 2
        $json.pairwise_accuracy | Should -Be $agreement.PairwiseAccuracy
        $before = (Get-FileHash -LiteralPath $agreement.ReportPath).Hash
        Measure-CurationAgreement -Workspace $ws -Batch taste -Reference $reference -ErrorAction SilentlyContinue | Out-Null
        (Get-FileHash -LiteralPath $agreement.ReportPath).Hash | Should -Be $before
    }

    It 'lists disagreements with both sides'' reasons' {
        foreach ($d in $agreement.Disagreements) {
            $d.OurReasons | Should -Not -BeNullOrEmpty
            $d.TheirReasons | Should -Not -BeNullOrEmpty
            $d.Gap | Should -BeGreaterOrEqual 0.5
        }
    }
}

Describe 'New-PhotoTheme -LearnFrom on real culled sample shoots' -Skip:(($photosMissing -or $exiftoolMissing) -and -not $required) {
    BeforeAll {
        Import-Module $env:PHOTOCURATION_MODULE -Force
        $manifest = Join-Path $PSScriptRoot '../Data/judgment-sources.json'
        $scenes = @((Get-Content -LiteralPath $manifest -Raw | ConvertFrom-Json).sources | Where-Object { $_.split -eq 'calibration' -and $_.kind -eq 'scene' } | Select-Object -First 2 | ForEach-Object path)
        $exiftool = (Get-Command exiftool -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
        # Two culled shoots, one real photograph each: the original 5 stars in a sidecar, the bad frames rejected.
        $script:shoots = foreach ($i in 0, 1) {
            $shoot = Join-Path $TestDrive "culled$i"
            New-PhotoSampleShoot -Path $shoot -DegradedFrom $scenes[$i] -Seed (30 + $i) | Out-Null
            foreach ($frame in (Get-Content -LiteralPath "$shoot.judgment.json" -Raw | ConvertFrom-Json).frames) {
                $rating = if ($frame.variant -eq 'original') { 5 } elseif ($frame.role -eq 'bad') { -1 } else { $null }
                if ($null -eq $rating) { continue }
                & $exiftool -q "-XMP-xmp:Rating=$rating" ([IO.Path]::ChangeExtension((Join-Path $shoot $frame.file), '.xmp'))
                if ($LASTEXITCODE -ne 0) { throw "exiftool failed on $($frame.file)" }
            }
            $shoot
        }
        $script:unculled = Join-Path $TestDrive 'unculled'
        New-Item -ItemType Directory -Path $unculled | Out-Null
        Copy-Item -LiteralPath (Get-ChildItem $shoots[0] -Filter *.jpg | Select-Object -First 1).FullName -Destination $unculled
        $script:ws = Join-Path $TestDrive 'ws'
        $script:out = Join-Path $TestDrive 'mine.yaml'
        $script:learned = New-PhotoTheme -LearnFrom ($shoots + $unculled) -Name mine -OutFile $out -Workspace $ws -WarningVariable warned -WarningAction SilentlyContinue
        $script:warned = $warned
        Write-Host ($learned | ConvertTo-Json -Compress -Depth 3)
    }

    It 'learns from the two culled shoots and says why the third is left out' {
        $learned.Shoots.Count | Should -Be 2
        # Each original against the other frames of its moment that the gate did not drop (at most 10).
        $learned.Pairs | Should -BeGreaterThan 10
        $learned.Pairs | Should -BeLessOrEqual 20
        @($warned | Where-Object { "$_" -like "*$unculled*not a culled shoot*" }).Count | Should -Be 1
    }

    It 'writes a normal theme file with a comment block, read back by Test-PhotoTheme and Get-PhotoTheme' {
        Test-PhotoTheme $out | Should -BeTrue
        $theme = Get-PhotoTheme $out
        $theme.Name | Should -Be 'mine'
        (Get-Content -LiteralPath $out -TotalCount 1) | Should -BeLike '# Learned by New-PhotoTheme -LearnFrom from 2 culled shoot(s)*'
        (Get-Content -LiteralPath $out -Raw).Contains($learned.Verdict) | Should -BeTrue
        $theme.Weights.QTech | Should -Be $learned.Weights.QTech
        $theme.QTechMin | Should -Be $learned.QTechMin
    }

    It 'follows the adoption rule: learned weights only when the interval of the gain lies above 0' {
        $base = Get-PhotoTheme default
        if ($learned.GainLow -gt 0) {
            $learned.Adopted | Should -BeTrue
            $learned.Weights.Typography | Should -Be $learned.LearnedWeights.Typography
        } else {
            $learned.Adopted | Should -BeFalse
            $learned.Verdict | Should -BeLike 'not adopted*base theme is written unchanged*'
            foreach ($k in 'QTech', 'Aesthetic', 'Vibe', 'Typography', 'Composition') { $learned.Weights.$k | Should -Be $base.Weights.$k }
            $learned.QTechMin | Should -Be $base.QTechMin
        }
        $learned.LearningCurve.Count | Should -Be 1 -Because 'with 2 shoots only 1 training shoot can be held out against'
    }

    It 'writes the same bytes on a second, cached run' {
        $before = (Get-FileHash -LiteralPath $out).Hash
        New-PhotoTheme -LearnFrom $shoots -Name mine -OutFile $out -Workspace $ws -WarningAction SilentlyContinue | Out-Null
        (Get-FileHash -LiteralPath $out).Hash | Should -Be $before
    }
}
