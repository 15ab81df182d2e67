#requires -Version 7.4
<#
.SYNOPSIS
    Measures the judgment (issue 13) on degraded known-moment shoots of real photographs, calibration and
    held-out parts apart.

.DESCRIPTION
    For each part of tests/Data/judgment-sources.json (calibration, held-out) it builds a degraded
    known-moment shoot (New-PhotoSampleShoot -DegradedFrom/-MustNotDropFrom; cached under -WorkPath, the
    same seed gives the same bytes), runs the real cmdlets
    Import-PhotoBatch | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore -IncludeDropped |
    Group-PhotoMoment | Select-CuratedSet (one pick per moment) | Export-CuratedList -Xmp, and prints:
    bad frames dropped-or-flagged and ranked below every acceptable sibling, acceptable frames dropped,
    moments lost, moments where a bad frame scores at or above an acceptable one, bad heroes, bad picks,
    Spearman(stars, Total) over the picks, resized copies ranked below their original. Definitions:
    docs/algorithms.md#judgment-metrics. Writes the figures as JSON to -OutFile (and to stdout).

.EXAMPLE
    dotnet pwsh ./bench/Measure-Judgment.ps1 -ModulePath ./out/PhotoCuration/PhotoCuration.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $ManifestPath = (Join-Path $PSScriptRoot '../tests/Data/judgment-sources.json'),
    [ValidateSet('calibration', 'held-out', 'both')] [string] $Split = 'both',
    [int] $Seed = 13,
    [string] $WorkPath = (Join-Path ([IO.Path]::GetTempPath()) 'pc-bench-judgment'),
    [string] $OutFile,
    [switch] $Details,
    # Rebuild the shoots instead of reusing those under -WorkPath (after changing the generator).
    [switch] $Fresh,
    # Leaves out the enlarged copy (0.35-0.7x blown up to full size) the bursts otherwise hold: the eleven-frame shoot.
    [switch] $NoEnlarged
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath -Force
Import-Module (Join-Path $PSScriptRoot 'JudgmentMetrics.psm1') -Force

$results = [ordered]@{ seed = $Seed; module_commit = (git -C $PSScriptRoot rev-parse --short HEAD 2>$null) }
foreach ($part in $(if ($Split -eq 'both') { 'calibration', 'held-out' } else { $Split })) {
    $all = @(Get-JudgmentSource -ManifestPath $ManifestPath -Split $part)
    $sources = @($all | Where-Object { Test-Path -LiteralPath $_.path })
    if ($sources.Count -lt $all.Count) {
        Write-Warning "$part`: $($all.Count - $sources.Count) source photo(s) missing; install the Debian packages named in $ManifestPath."
    }
    # The cache is keyed by the sources (in order) and the seed: the generator keeps files that exist.
    $key = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes((($sources | ForEach-Object { "$($_.kind)|$($_.path)" }) -join "`n") + "`n$Seed" + $(if ($NoEnlarged) { '' } else { "`nenlarged" })))).Substring(0, 8).ToLowerInvariant()
    $shoot = Join-Path $WorkPath "shoot-$part-$key"
    if ($Fresh) { Remove-Item -LiteralPath $shoot, "$shoot.judgment.json" -Recurse -Force -ErrorAction SilentlyContinue }
    $made = Measure-Command { $truth = New-JudgmentShoot -Source $sources -Path $shoot -Seed $Seed -Enlarged:(-not $NoEnlarged) }
    # A fresh workspace each time: the figures must come from this build of the module, not a cache.
    $ws = Join-Path $WorkPath "ws-$part"
    Remove-Item -LiteralPath $ws -Recurse -Force -ErrorAction SilentlyContinue
    $ran = Measure-Command { $run = Invoke-JudgmentPipeline -Shoot $shoot -Workspace $ws }
    $figures = Measure-Judgment -Truth $truth -Run $run
    $figures | Add-Member -NotePropertyName Sources -NotePropertyValue $sources.Count
    $figures | Add-Member -NotePropertyName ShootSeconds -NotePropertyValue ([math]::Round($made.TotalSeconds, 1))
    $figures | Add-Member -NotePropertyName PipelineSeconds -NotePropertyValue ([math]::Round($ran.TotalSeconds, 1))
    $results[$part] = $figures

    Write-Host ''
    Write-Host "== $part`: $($sources.Count) sources, $($figures.Moments) moments, $($figures.Frames) frames ($($figures.BadFrames) bad)"
    Write-Host ("   bad dropped/flagged and below every acceptable sibling : {0}%  (target >= 95; gated {1}%)" -f $figures.BadCaughtPercent, $figures.BadGatedPercent)
    Write-Host ("   acceptable frames dropped                              : {0}%  (target <= 1)" -f $figures.AcceptableDroppedPercent)
    Write-Host ("   moments lost                                           : {0}   (target 0)" -f $figures.MomentsLost)
    Write-Host ("   moments where a bad frame scores >= an acceptable one  : {0}   (target 0)" -f $figures.InvertedMoments)
    Write-Host ("   bad heroes / bad picks                                 : {0} / {1} of {2} picks (target 0 / 0)" -f $figures.BadHeroes, $figures.BadPicks, $figures.Picks)
    Write-Host ("   Spearman(stars, Total) over the picks                  : {0}   (target >= 0.9; {1} rated)" -f $figures.SpearmanStarsTotal, $figures.RatedPicks)
    Write-Host ("   resized copies ranked below their original             : {0}%" -f $figures.ResizedBelowOriginalPercent)
    if ($figures.EnlargedFrames) {
        Write-Host ("   enlarged copies ranked below their original            : {0}%  (heroes over their original: {1})" -f $figures.EnlargedBelowOriginalPercent, $figures.EnlargedHeroes)
    }
    Write-Host ("   true moments split by Group-PhotoMoment                : {0}" -f $figures.MomentsSplitByGrouping)
    if ($Details) {
        foreach ($line in $figures.AcceptableDropped) { Write-Host "   dropped acceptable: $line" }
        foreach ($line in $figures.LostMoments) { Write-Host "   lost moment: $line" }
        foreach ($line in $figures.BadHeroNames) { Write-Host "   bad hero: $line" }
        foreach ($line in $figures.BadMissed) { Write-Host "   bad not caught: $line" }
        foreach ($line in $figures.EnlargedNotBelow) { Write-Host "   enlarged not below: $line" }
    }
}
$json = $results | ConvertTo-Json -Depth 5
if ($OutFile) { Set-Content -LiteralPath $OutFile -Value $json }
$json
