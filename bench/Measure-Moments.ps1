#requires -Version 7.4
<#
.SYNOPSIS
    Measures moment grouping: quality on a shoot with known moments, and speed at 50,000 photos.

.DESCRIPTION
    1. Quality. Builds a known-moment shoot from real photographs (New-PhotoSampleShoot -MomentsFrom:
       per photograph one moment of seven frames seconds apart — the frame, a 90% crop, a 4% shift,
       +0.5 EV, -0.7 EV, a re-encode, a re-encode without EXIF; every other moment starts 9 s after
       the previous one ends), runs Import | Preprocess | Features | Score | Group-PhotoMoment, and
       reports pairwise precision, recall and F1 of "same moment" over all unordered pairs — with the
       theme threshold and with -AutoThreshold — and the same for findimagedupes (Debian package)
       at its default 90% threshold when it is installed.
    2. Speed. Makes -Count synthetic scored photos (bursts of 1–12 frames seconds apart with hashes a
       few bits apart, 5% without capture time) and times Group-PhotoMoment on them.

.EXAMPLE
    dotnet pwsh ./bench/Measure-Moments.ps1 -ModulePath ./out/PhotoCuration/PhotoCuration.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 50000,
    [string] $SourcePath = '/usr/share/backgrounds/mate/nature',
    [int] $MomentCount = 12,
    [string] $WorkPath = (Join-Path ([IO.Path]::GetTempPath()) 'pc-bench-moments')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath -Force

function Get-PairScore {
    # Pairwise precision/recall/F1 over all unordered pairs of the files in $Truth (imagededup's metric).
    param([hashtable] $Truth, [hashtable] $Predicted)
    $names = @($Truth.Keys | Sort-Object)
    $tp = 0; $fp = 0; $fn = 0
    for ($i = 0; $i -lt $names.Count; $i++) {
        for ($j = $i + 1; $j -lt $names.Count; $j++) {
            $same = $Truth[$names[$i]] -eq $Truth[$names[$j]]
            $a = $Predicted[$names[$i]]; $b = $Predicted[$names[$j]]
            $said = $null -ne $a -and $a -eq $b
            if ($same -and $said) { $tp++ } elseif ($said) { $fp++ } elseif ($same) { $fn++ }
        }
    }
    $p = if ($tp + $fp) { $tp / ($tp + $fp) } else { 1 }
    $r = if ($tp + $fn) { $tp / ($tp + $fn) } else { 1 }
    [pscustomobject]@{ Precision = [math]::Round($p, 4); Recall = [math]::Round($r, 4); F1 = [math]::Round($(if ($p + $r) { 2 * $p * $r / ($p + $r) } else { 0 }), 4); Pairs = $names.Count * ($names.Count - 1) / 2 }
}

$results = [ordered]@{}
if (Test-Path $SourcePath) {
    Remove-Item $WorkPath -Recurse -Force -ErrorAction SilentlyContinue
    $shoot = Join-Path $WorkPath 'known'
    New-PhotoSampleShoot -Path $shoot -MomentsFrom $SourcePath -MomentCount $MomentCount | Out-Null
    $truth = Get-Content "$shoot.moments.json" -Raw | ConvertFrom-Json -AsHashtable
    $scored = @(Import-PhotoBatch $shoot -Workspace (Join-Path $WorkPath 'ws') | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore -IncludeDropped)
    foreach ($auto in $false, $true) {
        $predicted = @{}
        $scored | Group-PhotoMoment -PassThru -AutoThreshold:$auto | ForEach-Object { $predicted[$_.FileName] = $_.MomentId }
        $results[$(if ($auto) { 'photocuration_auto_threshold' } else { 'photocuration' })] = Get-PairScore $truth $predicted
    }
    if (Get-Command findimagedupes -ErrorAction SilentlyContinue) {
        # findimagedupes prints one line per group of similar files (space-separated paths).
        $lines = & findimagedupes -q -t 90% (Get-ChildItem $shoot -File | ForEach-Object FullName)
        $predicted = @{}
        $group = 0
        foreach ($line in $lines) {
            $group++
            foreach ($name in ($line -split ' (?=/)' | ForEach-Object { Split-Path $_ -Leaf })) { $predicted[$name] = "g$group" }
        }
        $results['findimagedupes_90'] = Get-PairScore $truth $predicted
    }
    else {
        Write-Warning 'findimagedupes is not installed (apt-get install findimagedupes): no comparison.'
    }
}

# Speed: synthetic scored photos in bursts.
$random = [Random]::new(42)
$photos = [System.Collections.Generic.List[PhotoCuration.Photo]]::new($Count)
$t = [datetime]'2024-06-01T06:00:00'
while ($photos.Count -lt $Count) {
    $hash = [uint64]$random.NextInt64()
    $burst = $random.Next(1, 13)
    for ($f = 0; $f -lt $burst -and $photos.Count -lt $Count; $f++) {
        $h = $hash
        for ($b = 0; $b -lt $random.Next(0, 5); $b++) { $h = $h -bxor ([uint64]1 -shl $random.Next(0, 64)) }
        $n = $photos.Count
        $photo = [PhotoCuration.Photo]::new()
        $photo.PhotoId = 'sha256:{0:x8}' -f $n
        $photo.FileName = 'P{0:00000}.jpg' -f $n
        $photo.Path = "/synthetic/$($photo.FileName)"
        $photo.BatchId = 'synthetic'
        if ($random.Next(20) -ne 0) { $photo.Exif.CaptureTimeLocal = $t }
        $photo.Features = [PhotoCuration.PhotoFeatures]@{ PHash = $h.ToString('x16'); DHash = $h.ToString('x16'); Palette = @('#808080'); PaletteShares = @(1.0) }
        $photo.Score = [PhotoCuration.PhotoScore]@{ Total = $random.NextDouble() }
        $photos.Add($photo)
        $t = $t.AddSeconds($random.Next(1, 4))
    }
    $t = $t.AddSeconds($random.Next(30, 600))
}
$ws = Join-Path $WorkPath 'speed'
$elapsed = Measure-Command { $script:moments = @($photos | Group-PhotoMoment -Workspace $ws) }
$json = Get-Content (Join-Path $ws 'intermediateJsons/clustering/synthetic.json') -Raw | ConvertFrom-Json
$results['grouping_speed'] = [pscustomobject]@{
    Photos = $Count; Moments = $moments.Count; Seconds = [math]::Round($elapsed.TotalSeconds, 2)
    CandidatePairs = $json.params.candidate_pairs; AllPairs = $json.params.total_pairs
    PeakWorkingSetMB = [math]::Round((Get-Process -Id $PID).PeakWorkingSet64 / 1MB)
}
$results | ConvertTo-Json -Depth 4
