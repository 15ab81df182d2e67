#requires -Version 7.4
<#
.SYNOPSIS
    Measures Export-CuratedList (first export and an up-to-date repeat) and Import-PhotoStage on a
    large scoring record.

.DESCRIPTION
    1. Export. Renders the sample shoot at -Width x -Height, runs Import | Preprocess | Features | Score,
       makes every photo a pick, and times Export-CuratedList -Xmp -Csv -SidecarsBesideOriginals (copies
       verified against the photo id, sidecars, CSV, JSON), then the same export again (every file
       already right: nothing but the exporter stage JSON is rewritten).
    2. Import. Replicates the first photo's records in the ingest, preprocess, features and scoring
       records under -Count distinct ids and times Import-PhotoStage on the scoring record (the join of
       four records plus a scorecard run per photo to rebuild the score components), with peak memory.

.EXAMPLE
    dotnet pwsh ./bench/Measure-ExportImport.ps1 -ModulePath ./out/PhotoCuration/PhotoCuration.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 5000,
    [int] $Width = 3000,
    [int] $Height = 2000,
    [string] $WorkPath = (Join-Path ([IO.Path]::GetTempPath()) ('pc-bench-export-' + [guid]::NewGuid().ToString('N').Substring(0, 8)))
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath -Force

try {
    # 1. Export.
    New-PhotoSampleShoot -Path "$WorkPath/shoot" -Width $Width -Height $Height | Out-Null
    $photos = @(Import-PhotoBatch "$WorkPath/shoot" -BatchId x -Workspace "$WorkPath/ws" | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore -IncludeDropped)
    $set = [PhotoCuration.CuratedSet]::new()
    $set.BatchId = 'x'
    $set.Workspace = "$WorkPath/ws"
    for ($i = 0; $i -lt $photos.Count; $i++) {
        $item = [PhotoCuration.CuratedItem]::new()
        $item.Sequence = $i + 1
        $item.Photo = $photos[$i]
        $item.Tags = @('time_of_day:' + $photos[$i].Features.TimeOfDay)
        $item.Reasons = @('benchmark pick')
        $set.Items.Add($item)
    }
    $megabytes = [math]::Round(($photos | Measure-Object FileSize -Sum).Sum / 1MB, 1)
    $first = Measure-Command { $set | Export-CuratedList -Xmp -Csv -SidecarsBesideOriginals -Confirm:$false }
    $again = Measure-Command { $set | Export-CuratedList -Xmp -Csv -Confirm:$false }
    "Export-CuratedList: $($photos.Count) picks ($megabytes MB of originals, ${Width}x$Height): first export $([math]::Round($first.TotalMilliseconds)) ms, repeat with every file up to date $([math]::Round($again.TotalMilliseconds)) ms"

    # 2. Import: the records of one photo, $Count times under distinct ids.
    $lists = [ordered]@{ ingest = 'photo_index'; preprocess = 'artifacts'; features = 'artifacts'; scoring = 'scores' }
    $firstId = $photos[0].PhotoId
    foreach ($stage in $lists.Keys) {
        $file = "$WorkPath/ws/intermediateJsons/$stage/x.json"
        $node = [System.Text.Json.Nodes.JsonNode]::Parse((Get-Content -Raw -LiteralPath $file))
        $template = $node[$lists[$stage]][0].ToJsonString()
        $records = [System.Text.Json.Nodes.JsonArray]::new()
        for ($i = 0; $i -lt $Count; $i++) { $records.Add([System.Text.Json.Nodes.JsonNode]::Parse($template.Replace($firstId, ('sha256:{0:x64}' -f $i)))) }
        $node[$lists[$stage]] = $records
        if ($stage -eq 'scoring') { $node['dropped_for_tech'] = [System.Text.Json.Nodes.JsonArray]::new() }
        Set-Content -LiteralPath $file -Value $node.ToJsonString()
    }
    [GC]::Collect()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $imported = @(Import-PhotoStage "$WorkPath/ws/intermediateJsons/scoring/x.json" -IncludeDropped -WarningAction SilentlyContinue)
    $clock.Stop()
    $explained = @($imported | Where-Object { $_.Score.Components.Count -gt 0 }).Count
    "Import-PhotoStage: $($imported.Count) scored photos ($explained with score components) in $($clock.ElapsedMilliseconds) ms; peak working set of this process $([math]::Round((Get-Process -Id $PID).PeakWorkingSet64 / 1MB)) MB"
}
finally {
    Remove-Item -LiteralPath $WorkPath -Recurse -Force -ErrorAction SilentlyContinue
}
