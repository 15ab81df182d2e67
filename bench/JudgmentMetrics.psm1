# Judgment metrics of issue 13 on a degraded known-moment shoot (New-PhotoSampleShoot -DegradedFrom):
# shared by bench/Measure-Judgment.ps1 and tests/Pester/Judgment.Tests.ps1. Definitions:
# docs/algorithms.md#judgment-metrics. Works on today's scorecard (IsDropped only) and picks up
# Score.Verdict / FlagReasons and the curated items' Rating when the judgment and selection carry them.

Set-StrictMode -Version Latest

function Get-JudgmentSource {
    <# The sources of tests/Data/judgment-sources.json, optionally of one split and only those installed. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $ManifestPath,
        [ValidateSet('calibration', 'held-out', 'all')] [string] $Split = 'all',
        [switch] $Installed
    )
    $doc = Get-Content -LiteralPath $ManifestPath -Raw | ConvertFrom-Json
    @($doc.sources | Where-Object { ($Split -eq 'all' -or $_.split -eq $Split) -and (-not $Installed -or (Test-Path -LiteralPath $_.path)) })
}

function New-JudgmentShoot {
    <# Writes (or reuses) the degraded shoot of these sources into $Path; returns the ground truth frames. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object[]] $Source,
        [Parameter(Mandatory)] [string] $Path,
        [int] $Seed = 13,
        # Adds an enlarged copy (0.35-0.7x blown up to full size) to every burst.
        [switch] $Enlarged
    )
    $scenes = @($Source | Where-Object kind -EQ 'scene' | ForEach-Object path)
    $intent = @($Source | Where-Object kind -NE 'scene' | ForEach-Object path)
    New-PhotoSampleShoot -Path $Path -DegradedFrom $scenes -MustNotDropFrom $intent -Seed $Seed -Enlarged:$Enlarged | Out-Null
    $folder = (Resolve-Path -LiteralPath $Path).Path.TrimEnd([IO.Path]::DirectorySeparatorChar)
    $truth = Get-Content -LiteralPath "$folder.judgment.json" -Raw | ConvertFrom-Json
    $kinds = @{}
    foreach ($s in $Source) { $kinds[$s.path] = $s.kind }
    foreach ($f in $truth.frames) { if ($kinds.ContainsKey($f.source)) { $f.kind = $kinds[$f.source] } }
    @($truth.frames)
}

function Invoke-JudgmentPipeline {
    <# Runs the real cmdlets on the shoot and returns what the metrics need. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Shoot,
        [Parameter(Mandatory)] [string] $Workspace,
        [int] $Count
    )
    $scored = @(Import-PhotoBatch $Shoot -Workspace $Workspace | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore -IncludeDropped)
    $moments = @($scored | Group-PhotoMoment -WarningAction SilentlyContinue)
    if (-not $Count) { $Count = $moments.Count }
    $set = $moments | Select-CuratedSet -Count $Count -WarningAction SilentlyContinue
    $out = Join-Path $Workspace 'export'
    $set | Export-CuratedList -Xmp -OutputPath $out -CreatedAt ([datetimeoffset]'2024-01-01T00:00:00Z') -WarningAction SilentlyContinue | Out-Null
    [pscustomobject]@{ Scored = $scored; Moments = $moments; Set = $set; ExportPath = $out }
}

function Get-FrameVerdict {
    <# kept / flagged / dropped: dropped when IsDropped, else Score.Verdict where the scorecard has it, else kept. #>
    param($Score)
    # IsDropped wins: a scorecard may carry a Verdict property that its gate does not set yet (default
    # "kept"), while IsDropped is what every gate sets; where both are set they agree.
    if ($null -eq $Score -or $Score.IsDropped) { return 'dropped' }
    $verdict = $Score.PSObject.Properties['Verdict']
    if ($verdict -and $verdict.Value) { "$($verdict.Value)".ToLowerInvariant() } else { 'kept' }
}

function Get-PickStar {
    <# Stars of each pick by file name: the item's Rating where the set has it, else the exported sidecar's xmp:Rating. #>
    param($Set, [string] $ExportPath)
    $stars = @{}
    $json = Join-Path $ExportPath 'curated_list.json'
    $doc = if (Test-Path -LiteralPath $json) { Get-Content -LiteralPath $json -Raw | ConvertFrom-Json } else { $null }
    foreach ($item in $Set.Items) {
        $name = $item.FileName
        $rating = $item.PSObject.Properties['Rating']
        if ($rating -and $null -ne $rating.Value) { $stars[$name] = [double]$rating.Value; continue }
        if (-not $doc) { continue }
        $entry = $doc.items | Where-Object { $_.photo_id -eq $item.PhotoId } | Select-Object -First 1
        if (-not $entry) { continue }
        if ($entry.PSObject.Properties['rating'] -and $null -ne $entry.rating) { $stars[$name] = [double]$entry.rating; continue }
        $exported = $entry.artifacts.exported
        if (-not [IO.Path]::IsPathRooted($exported)) { $exported = Join-Path $ExportPath $exported }
        $sidecar = [IO.Path]::ChangeExtension($exported, '.xmp')
        if (Test-Path -LiteralPath $sidecar) {
            $m = [regex]::Match((Get-Content -LiteralPath $sidecar -Raw), 'xmp:Rating\s*=\s*"(-?\d+)"|<xmp:Rating>(-?\d+)</xmp:Rating>')
            if ($m.Success) { $stars[$name] = [double]$(if ($m.Groups[1].Success) { $m.Groups[1].Value } else { $m.Groups[2].Value }) }
        }
    }
    $stars
}

function Get-AverageRank {
    # Ranks 1..n with ties sharing their average rank (Spearman's rho with ties).
    param([double[]] $Values)
    $order = @(0..($Values.Count - 1) | Sort-Object { $Values[$_] })
    $ranks = [double[]]::new($Values.Count)
    $i = 0
    while ($i -lt $order.Count) {
        $j = $i
        while ($j + 1 -lt $order.Count -and $Values[$order[$j + 1]] -eq $Values[$order[$i]]) { $j++ }
        for ($k = $i; $k -le $j; $k++) { $ranks[$order[$k]] = ($i + $j) / 2 + 1 }
        $i = $j + 1
    }
    $ranks
}

function Get-SpearmanRho {
    <# Pearson correlation of average ranks; $null when fewer than 3 pairs or either side is constant. #>
    param([double[]] $X, [double[]] $Y)
    if ($X.Count -lt 3) { return $null }
    $rx = Get-AverageRank $X; $ry = Get-AverageRank $Y
    $mx = ($rx | Measure-Object -Average).Average; $my = ($ry | Measure-Object -Average).Average
    $sxy = 0.0; $sxx = 0.0; $syy = 0.0
    for ($i = 0; $i -lt $rx.Count; $i++) {
        $sxy += ($rx[$i] - $mx) * ($ry[$i] - $my); $sxx += ($rx[$i] - $mx) * ($rx[$i] - $mx); $syy += ($ry[$i] - $my) * ($ry[$i] - $my)
    }
    if ($sxx -eq 0 -or $syy -eq 0) { return $null }
    $sxy / [math]::Sqrt($sxx * $syy)
}

function Measure-Judgment {
    <# The figures of docs/algorithms.md#judgment-metrics for one shoot and its pipeline run. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object[]] $Truth,
        [Parameter(Mandatory)] $Run
    )
    $byName = @{}
    foreach ($p in $Run.Scored) { $byName[$p.FileName] = $p }
    $rows = foreach ($f in $Truth) {
        $p = $byName[$f.file]
        $score = if ($p) { $p.Score } else { $null }
        $flags = if ($score -and $score.PSObject.Properties['FlagReasons']) { @($score.FlagReasons) } else { @() }
        [pscustomobject]@{
            File = $f.file; Moment = $f.moment; Kind = $f.kind; Role = $f.role; Variant = $f.variant; RanksBelow = $f.ranks_below
            Verdict = Get-FrameVerdict $score
            Total = if ($score) { [double]$score.Total } else { [double]::NegativeInfinity }
            Reasons = @(@(if ($score) { $score.DropReasons } else { 'not scored' }) + $flags | Where-Object { $_ })
        }
    }
    $rowByName = @{}
    foreach ($r in $rows) { $rowByName[$r.File] = $r }
    $bad = @($rows | Where-Object Role -EQ 'bad')
    $good = @($rows | Where-Object Role -EQ 'acceptable')
    $groups = @($rows | Group-Object Moment)

    $caught = 0
    $missed = [System.Collections.Generic.List[object]]::new()
    foreach ($b in $bad) {
        $siblings = @($good | Where-Object Moment -EQ $b.Moment)
        $gated = $b.Verdict -in 'dropped', 'flagged'
        $below = @($siblings | Where-Object { $b.Total -ge $_.Total }).Count -eq 0
        if ($gated -and $below) { $caught++ } else { $missed.Add("$($b.File) $($b.Variant) verdict=$($b.Verdict) total=$([math]::Round($b.Total, 3))") }
    }
    $droppedGood = @($good | Where-Object Verdict -EQ 'dropped')
    $lost = @($groups | Where-Object { @($_.Group | Where-Object Verdict -NE 'dropped').Count -eq 0 } | ForEach-Object Name)
    $inverted = @($groups | Where-Object {
            $g = @($_.Group | Where-Object Role -EQ 'acceptable'); $w = @($_.Group | Where-Object Role -EQ 'bad')
            $g.Count -and $w.Count -and (($w.Total | Measure-Object -Maximum).Maximum -ge ($g.Total | Measure-Object -Minimum).Minimum)
        } | ForEach-Object Name)
    # A bad hero either beat acceptable frames of its predicted moment, or was grouped apart from them
    # (a moment of its own): the detail says which, for whoever fixes it.
    $badHeroes = @($Run.Moments | Where-Object { $_.Hero -and $rowByName[$_.Hero.FileName] -and $rowByName[$_.Hero.FileName].Role -eq 'bad' } | ForEach-Object {
            $with = @($_.Members | Where-Object { $rowByName[$_.FileName] -and $rowByName[$_.FileName].Role -eq 'acceptable' }).Count
            "$($_.Hero.FileName) $($rowByName[$_.Hero.FileName].Variant) hero of $($_.MomentId) ($($_.Members.Count) frames, $with acceptable)"
        })
    $split = @($groups | Where-Object { @($_.Group | ForEach-Object { $f = $_.File; @($Run.Moments | Where-Object { $_.Members.FileName -contains $f })[0].MomentId } | Sort-Object -Unique).Count -gt 1 })
    $picks = @($Run.Set.Items | ForEach-Object FileName)
    $badPicks = @($picks | Where-Object { $rowByName[$_] -and $rowByName[$_].Role -eq 'bad' })
    $stars = Get-PickStar $Run.Set $Run.ExportPath
    $rated = @($picks | Where-Object { $stars.ContainsKey($_) -and $rowByName[$_] })
    $rho = Get-SpearmanRho ([double[]]@($rated | ForEach-Object { $stars[$_] })) ([double[]]@($rated | ForEach-Object { $rowByName[$_].Total }))
    $resized = @($rows | Where-Object { $_.Variant -eq 'resized' -and $_.RanksBelow })
    $resizedBelow = @($resized | Where-Object { $_.Total -lt $rowByName[$_.RanksBelow].Total })
    $enlarged = @($rows | Where-Object { $_.Variant -eq 'enlarged' -and $_.RanksBelow })
    $enlargedBelow = @($enlarged | Where-Object { $_.Total -lt $rowByName[$_.RanksBelow].Total })
    $enlargedHeroes = @($Run.Moments | Where-Object { $_.Hero -and $rowByName[$_.Hero.FileName] -and $rowByName[$_.Hero.FileName].Variant -eq 'enlarged' -and $_.Members.FileName -contains $rowByName[$_.Hero.FileName].RanksBelow } | ForEach-Object { $_.Hero.FileName })
    $pct = { param($n, $d) if ($d) { [math]::Round(100.0 * $n / $d, 1) } else { $null } }

    [pscustomobject][ordered]@{
        Frames                  = $rows.Count
        Moments                 = $groups.Count
        BadFrames               = $bad.Count
        AcceptableFrames        = $good.Count
        BadCaughtPercent        = & $pct $caught $bad.Count
        BadGatedPercent         = & $pct @($bad | Where-Object { $_.Verdict -in 'dropped', 'flagged' }).Count $bad.Count
        AcceptableDroppedPercent = & $pct $droppedGood.Count $good.Count
        AcceptableDropped       = @($droppedGood | ForEach-Object { "$($_.File) $($_.Kind)/$($_.Variant): $($_.Reasons -join ', ')" })
        MomentsLost             = $lost.Count
        LostMoments             = @($lost | ForEach-Object { $m = $_; "$m $(@($rows | Where-Object Moment -EQ $m)[0].Kind)" })
        InvertedMoments         = $inverted.Count
        BadHeroes               = $badHeroes.Count
        BadHeroNames            = $badHeroes
        MomentsSplitByGrouping  = $split.Count
        Picks                   = $picks.Count
        BadPicks                = $badPicks.Count
        BadPickNames            = @($badPicks | ForEach-Object { "$_ $($rowByName[$_].Variant)" })
        SpearmanStarsTotal      = if ($null -ne $rho) { [math]::Round($rho, 3) } else { $null }
        RatedPicks              = $rated.Count
        ResizedBelowOriginalPercent = & $pct $resizedBelow.Count $resized.Count
        EnlargedFrames          = $enlarged.Count
        EnlargedBelowOriginalPercent = & $pct $enlargedBelow.Count $enlarged.Count
        EnlargedHeroes          = $enlargedHeroes.Count
        EnlargedNotBelow        = @($enlarged | Where-Object { $_.Total -ge $rowByName[$_.RanksBelow].Total } | ForEach-Object { "$($_.File) total=$([math]::Round($_.Total, 3)) vs original $($_.RanksBelow) $([math]::Round($rowByName[$_.RanksBelow].Total, 3))" })
        BadMissed               = @($missed)
    }
}

Export-ModuleMember -Function Get-JudgmentSource, New-JudgmentShoot, Invoke-JudgmentPipeline, Measure-Judgment, Get-SpearmanRho
