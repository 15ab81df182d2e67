# The review page's agreement with the photographer (issue 19), from PowerShell: a sample shoot curated by
# the real cmdlets, the photographer's ratings written by Debian's exiftool into sidecars of a copy of
# the shoot (5 stars on frames the run left out, a reject on one of its picks), then Export-CurationReport
# and Start-CurationReview with -Reference, checked against Measure-CurationAgreement's own object.
# exiftool comes from .ci/run: without it the tests skip on a developer machine and fail in CI.

BeforeDiscovery {
    $script:exiftoolMissing = -not (Get-Command exiftool -CommandType Application -ErrorAction SilentlyContinue)
    $script:required = $env:CI -and $env:CI -ne 'false'
}

Describe 'The review page with -Reference' -Skip:($exiftoolMissing -and -not $required) {
    BeforeAll {
        Import-Module $env:PHOTOCURATION_MODULE -Force
        $exiftool = (Get-Command exiftool -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
        $shoot = Join-Path $TestDrive 'shoot'
        New-PhotoSampleShoot -Path $shoot -Width 900 -Height 600 | Out-Null
        $script:ws = Join-Path $TestDrive 'ws'
        $run = Invoke-PhotoCuration -Path $shoot -Workspace $ws -BatchId ag -Count 4 -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $picked = @($run.CuratedSet.Items.FileName)
        $script:reference = Join-Path $TestDrive 'lightroom'
        New-Item -ItemType Directory -Path $reference | Out-Null
        Get-ChildItem $shoot -Filter *.jpg | Copy-Item -Destination $reference
        $others = @(Get-ChildItem $reference -Filter *.jpg | Where-Object Name -NotIn $picked | Select-Object -First 3)
        foreach ($file in $others) { & $exiftool -q '-XMP-xmp:Rating=5' ([IO.Path]::ChangeExtension($file.FullName, '.xmp')); if ($LASTEXITCODE) { throw "exiftool failed on $file" } }
        & $exiftool -q '-XMP-xmp:Rating=-1' ([IO.Path]::ChangeExtension((Join-Path $reference $picked[0]), '.xmp')); if ($LASTEXITCODE) { throw 'exiftool failed' }
        $script:measured = Measure-CurationAgreement -Workspace $ws -Batch ag -Reference $reference -ErrorAction SilentlyContinue
        Remove-Item -LiteralPath $measured.ReportPath
        function script:Format-Measure($v) { if ($null -eq $v) { 'n/a' } else { $v.ToString('0.00', [cultureinfo]::InvariantCulture) } }
    }

    AfterAll { Stop-CurationReview -ErrorAction SilentlyContinue }

    It 'Export-CurationReport -Reference shows what Measure-CurationAgreement measures, and writes its report' {
        $file = Export-CurationReport -Batch ag -Workspace $ws -Reference $reference -OutFile (Join-Path $TestDrive 'agreement.html')
        $html = Get-Content -LiteralPath $file.FullName -Raw
        $html | Should -Match '<section id="agreement">'
        $html | Should -Match ([regex]::Escape("$(Format-Measure $measured.Precision) / $(Format-Measure $measured.Recall) / $(Format-Measure $measured.F1)"))
        $html | Should -Match ([regex]::Escape("<tr data-measure=`"pairs`"><th>within-moment pairwise accuracy</th><td>$(Format-Measure $measured.PairwiseAccuracy) ($($measured.PairCount) pairs)</td></tr>"))
        $measured.Disagreements.Count | Should -BeGreaterThan 0
        foreach ($d in @($measured.Disagreements)[0..([math]::Min(11, $measured.Disagreements.Count - 1))]) {
            $html | Should -Match ([regex]::Escape([System.Net.WebUtility]::HtmlEncode($d.FileName)))
            foreach ($r in $d.OurReasons + $d.TheirReasons) { $html | Should -Match ([regex]::Escape("<li>$([System.Net.WebUtility]::HtmlEncode($r))</li>")) }
        }
        Join-Path $ws 'data/agreement/ag.json' | Should -Exist
    }

    It 'Start-CurationReview -Reference serves the same section; without -Reference the report is shown' {
        $review = Start-CurationReview -Batch ag -Workspace $ws -Reference $reference
        try { (Invoke-WebRequest $review.Url).Content | Should -Match '<section id="agreement">' } finally { $review | Stop-CurationReview }
        $review = Start-CurationReview -Batch ag -Workspace $ws
        try { (Invoke-WebRequest $review.Url).Content | Should -Match '<h2>Agreement with the photographer</h2>' } finally { $review | Stop-CurationReview }
    }

    It 'reports a reference that does not exist as one error and still writes the page' {
        $file = Export-CurationReport -Batch ag -Workspace $ws -Reference (Join-Path $TestDrive 'nowhere') -OutFile (Join-Path $TestDrive 'no-reference.html') -ErrorVariable e -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        $file | Should -Not -BeNullOrEmpty
    }
}
