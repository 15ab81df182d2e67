# Export-CuratedList and Import-PhotoStage from PowerShell: files written (and not written), originals
# untouched, XMP and CSV readable by other tools, -WhatIf/-Confirm, and stage records rebuilt into the
# same objects the live pipeline emits.

BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:shoot = New-TestShoot (Join-Path $TestDrive 'shoot') -Width 1200 -Height 800
    $script:ws = Join-Path $TestDrive 'ws'
    $script:live = @(Import-PhotoBatch $shoot -Recurse -BatchId e1 -Workspace $ws -LockIn IMG_0007.jpg | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore -IncludeDropped)
    $script:scoringJson = Join-Path $ws 'intermediateJsons/scoring/e1.json'

    function New-TestCuratedSet {
        # A curated set built by hand from the live scored photos, in the given sequence; export ranks it by quality and rates it.
        param([string[]] $Names)
        $items = for ($i = 0; $i -lt $Names.Count; $i++) {
            $p = $live | Where-Object FileName -EQ $Names[$i] | Select-Object -First 1
            $item = [PhotoCuration.CuratedItem]::new()
            $item.Sequence = $i + 1
            $item.Photo = $p
            $item.MomentId = 'm_{0:0000}' -f ($i + 1)
            $item.Role = if ($i -eq 0) { 'opener' } elseif ($i -eq $Names.Count - 1) { 'closer' } else { 'body' }
            $item.RoleProbability = 0.8
            $item.MarginalGain = 1 / ($i + 1)
            $item.PickOrder = $i + 1
            $item.Tags = @("time_of_day:$($p.Features.TimeOfDay)", "orientation:$($p.Features.Orientation)")
            $item.Axes['time_of_day'] = $p.Features.TimeOfDay
            $item.Reasons = @("hero of moment $($item.MomentId): sharpest of 2 frames", "the only time_of_day:$($p.Features.TimeOfDay) photo in the set")
            $item
        }
        $set = [PhotoCuration.CuratedSet]::new()
        $set.BatchId = 'e1'
        $set.Workspace = $ws
        $set.Theme = 'default'
        foreach ($item in $items) { $set.Items.Add($item) }
        $set.Parameters.Count = $Names.Count
        $set.Parameters.QualityWeight = 0.7
        $set.Parameters.DiversityWeight = 0.3
        $set.Parameters.Seed = 11
        $set
    }
    $script:names = 'IMG_0003.jpg', 'IMG_0005.jpg', 'IMG_0009.jpg', 'IMG_0012.jpg'
}

Describe 'Export-CuratedList' {
    BeforeAll {
        $script:originals = ConvertTo-SnapshotText (Get-FolderSnapshot $shoot)
        $script:out = Join-Path $ws 'data/output/e1'
        $script:created = [DateTimeOffset]::new(2025, 3, 1, 12, 0, 0, [TimeSpan]::Zero)
        $script:files = @(New-TestCuratedSet $names | Export-CuratedList -Xmp -Csv -CreatedAt $created -PassThru)
        $script:doc = Get-Content -Raw (Join-Path $out 'curated_list.json') | ConvertFrom-Json
    }

    It 'writes curated_list.json in the SPEC shape to data/output/batch' {
        $doc.PSObject.Properties.Name | Should -Be @('batch_id', 'version', 'theme_spec_ref', 'items', 'audit')
        $doc.items.Count | Should -Be 4
        $doc.items[0].PSObject.Properties.Name | Should -Be @('photo_id', 'sequence', 'rank', 'rating', 'cluster_id', 'role', 'scores', 'verdict', 'diversity_tags', 'diversity_axes', 'reasons', 'artifacts')
        $doc.items.sequence | Should -Be @(1, 2, 3, 4)
        $byQuality = @($doc.items | Sort-Object @{ Expression = { $_.scores.Total }; Descending = $true }, @{ Expression = 'photo_id' })
        foreach ($i in $doc.items) { $i.rank | Should -Be ([array]::IndexOf($byQuality, $i) + 1) }
        $doc.items[0].scores.PSObject.Properties.Name | Should -Be @('Q_tech', 'Aesthetic', 'Vibe', 'Typography', 'Composition', 'Total')
        $doc.items.role | Should -Be @('opener', 'body', 'body', 'closer')
        $doc.items[0].reasons[0] | Should -Be 'hero of moment m_0001: sharpest of 2 frames'
        Get-Content -Raw (Join-Path $out 'curated_list.json') | Should -Match '"created_at": "2025-03-01T12:00:00\.000Z"'
        $doc.audit.seeds.selection | Should -Be 11
        $doc.audit.llm_tokens | Should -Be 0
    }

    It 'records the per-stage timings of the pipeline in the audit' {
        $doc.audit.stage_timings_ms.PSObject.Properties.Name | Should -Be @('ingest', 'preprocess', 'features', 'scoring')
        foreach ($ms in $doc.audit.stage_timings_ms.PSObject.Properties.Value) { $ms | Should -BeGreaterOrEqual 0 }
        (Get-Content -Raw (Join-Path $ws 'data/cache/timings/e1.json') | ConvertFrom-Json).exporter | Should -BeGreaterOrEqual 0
    }

    It 'copies the originals byte for byte as NN_name and leaves the originals untouched' {
        foreach ($item in $doc.items) {
            $copy = Join-Path $out $item.artifacts.exported
            $original = ($live | Where-Object PhotoId -EQ $item.photo_id | Select-Object -First 1).Path
            (Get-FileHash $copy).Hash | Should -Be (Get-FileHash $original).Hash
        }
        Join-Path $out '01_IMG_0003.jpg' | Should -Exist
        Join-Path $out '04_IMG_0012.jpg' | Should -Exist
        ConvertTo-SnapshotText (Get-FolderSnapshot $shoot) | Should -Be $originals
    }

    It 'writes the same document to the exporter stage JSON' {
        Get-Content -Raw (Join-Path $ws 'intermediateJsons/exporter/e1.json') | Should -BeExactly (Get-Content -Raw (Join-Path $out 'curated_list.json'))
    }

    It 'writes XMP sidecars Lightroom and Bridge read' {
        $xmp = [xml](Get-Content -Raw (Join-Path $out '01_IMG_0003.xmp'))
        $ns = [System.Xml.XmlNamespaceManager]::new($xmp.NameTable)
        $ns.AddNamespace('rdf', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#')
        $ns.AddNamespace('dc', 'http://purl.org/dc/elements/1.1/')
        $d = $xmp.SelectSingleNode('//rdf:Description', $ns)
        $d.GetAttribute('Rating', 'http://ns.adobe.com/xap/1.0/') | Should -Be ([string]$doc.items[0].rating)
        $d.GetAttribute('Label', 'http://ns.adobe.com/xap/1.0/') | Should -Be 'Red'
        $d.GetAttribute('pick', 'http://ns.adobe.com/xmp/1.0/DynamicMedia/') | Should -Be '1'
        @($d.SelectNodes('dc:subject/rdf:Bag/rdf:li', $ns).InnerText) | Should -Contain 'role:opener'
        $d.SelectSingleNode('dc:description/rdf:Alt/rdf:li', $ns).InnerText | Should -BeLike 'Hero of moment m_0001*'
    }

    It 'writes a CSV a spreadsheet (and Import-Csv) reads' {
        $rows = @(Import-Csv (Join-Path $out 'curated_list.csv'))
        $rows.Count | Should -Be 4
        $rows[0].sequence | Should -Be '1'
        $rows[0].rank | Should -Be ([string]$doc.items[0].rank)
        $rows[0].rating | Should -Be ([string]$doc.items[0].rating)
        $rows[0].exported | Should -Be '01_IMG_0003.jpg'
        [double]$rows[0].Total | Should -Be $doc.items[0].scores.Total
    }

    It '-PassThru emits the files written as FileInfo' {
        $files | ForEach-Object { $_ | Should -BeOfType [System.IO.FileInfo] }
        $files.Name | Should -Contain 'curated_list.json'
        $files.Name | Should -Contain '02_IMG_0005.jpg'
        $files.Name | Should -Contain '02_IMG_0005.xmp'
        $files.Name | Should -Contain 'curated_list.csv'
    }

    It 'gives byte-identical files on a re-run with the same clock' {
        $before = ConvertTo-SnapshotText (Get-FolderSnapshot $out)
        New-TestCuratedSet $names | Export-CuratedList -Xmp -Csv -CreatedAt $created
        ConvertTo-SnapshotText (Get-FolderSnapshot $out) | Should -Be $before
    }

    It 'removes its own stale copies when the selection changes, and nothing else' {
        $mine = Join-Path $out 'notes.txt'
        Set-Content -LiteralPath $mine -Value 'mine'
        New-TestCuratedSet 'IMG_0005.jpg', 'IMG_0003.jpg' | Export-CuratedList -CreatedAt $created
        $left = (Get-ChildItem -LiteralPath $out -Force).Name | Sort-Object
        $left | Should -Be @('.photocuration-export.json', '01_IMG_0005.jpg', '02_IMG_0003.jpg', 'curated_list.json', 'notes.txt')
        Get-Content -LiteralPath $mine | Should -Be 'mine'
    }

    It '-OutputPath exports to another folder' {
        $elsewhere = Join-Path $TestDrive 'book'
        New-TestCuratedSet $names | Export-CuratedList -OutputPath $elsewhere -CreatedAt $created
        Join-Path $elsewhere 'curated_list.json' | Should -Exist
        Join-Path $elsewhere '03_IMG_0009.jpg' | Should -Exist
    }
}

Describe 'Export-CuratedList writes only what it is allowed to' {
    BeforeAll {
        # A private copy of the shoot: sidecars are written beside these originals.
        $script:own = Join-Path $TestDrive 'own'
        Copy-Item -LiteralPath $shoot -Destination $own -Recurse
        $script:ownWs = Join-Path $TestDrive 'own-ws'
        $script:ownPhotos = @(Import-PhotoBatch $own -BatchId o1 -Workspace $ownWs | Invoke-Preprocess | Get-PhotoFeatures | Measure-PhotoScore)
        function New-OwnSet {
            $set = New-TestCuratedSet 'IMG_0003.jpg', 'IMG_0005.jpg'
            $set.BatchId = 'o1'
            $set.Workspace = $ownWs
            foreach ($item in $set.Items) { $item.Photo = $ownPhotos | Where-Object FileName -EQ $item.FileName }
            $set
        }
    }

    It 'supports ShouldProcess with ConfirmImpact Medium' {
        $attr = (Get-Command Export-CuratedList).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attr.SupportsShouldProcess | Should -BeTrue
        $attr.ConfirmImpact | Should -Be 'Medium'
    }

    It '-WhatIf writes nothing anywhere and returns nothing' {
        $wsBefore = ConvertTo-SnapshotText (Get-FolderSnapshot $ownWs)
        $shootBefore = ConvertTo-SnapshotText (Get-FolderSnapshot $own)
        $output = New-OwnSet | Export-CuratedList -Xmp -Csv -SidecarsBesideOriginals -PassThru -WhatIf
        $output | Should -BeNullOrEmpty
        ConvertTo-SnapshotText (Get-FolderSnapshot $ownWs) | Should -Be $wsBefore
        ConvertTo-SnapshotText (Get-FolderSnapshot $own) | Should -Be $shootBefore
        Join-Path $ownWs 'data/output/o1' | Should -Not -Exist
    }

    It '-Confirm asks before the first write (a non-interactive session refuses), and nothing is written' {
        { New-OwnSet | Export-CuratedList -Confirm -ErrorAction Stop } | Should -Throw
        Join-Path $ownWs 'data/output/o1' | Should -Not -Exist
    }

    It '-Confirm asks per file: Yes, No, then Yes to All writes exactly what was approved' {
        # A child pwsh without -NonInteractive answers the prompts from its redirected stdin.
        $child = Join-Path $TestDrive 'confirm.ps1'
        $target = Join-Path $TestDrive 'confirm-out'
        Set-Content -LiteralPath $child -Value @'
param($Module, $Workspace, $Photos, $Out)
Import-Module $Module
$p = @(Import-PhotoStage (Join-Path $Workspace 'intermediateJsons/scoring/o1.json'))
$items = for ($i = 0; $i -lt 2; $i++) { $it = [PhotoCuration.CuratedItem]::new(); $it.Sequence = $i + 1; $it.Photo = $p[$i]; $it }
$set = [PhotoCuration.CuratedSet]::new(); $set.BatchId = 'o1'; $set.Workspace = $Workspace; foreach ($it in $items) { $set.Items.Add($it) }
$set | Export-CuratedList -OutputPath $Out -Confirm
'@
        $pwsh = Get-ChildPwsh
        $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-File', $child, $env:PHOTOCURATION_MODULE, $ownWs, $own, $target)) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($info)
        $process.StandardInput.Write("Y`nN`nA`n")
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEnd()
        $process.WaitForExit()
        $process.ExitCode | Should -Be 0 -Because $stderr
        $stdout.Result | Should -Match 'Confirm'
        $names = @(Get-ChildItem -LiteralPath $target -Force).Name | Sort-Object
        $names | Should -Be @('.photocuration-export.json', '01_IMG_0001.jpg', 'curated_list.json')
        (Get-Content -Raw (Join-Path $target '.photocuration-export.json') | ConvertFrom-Json).files.name | Should -Be @('01_IMG_0001.jpg', 'curated_list.json')
    }

    It 'writes sidecars beside the originals only on request, never over an existing one without -Force' {
        $existing = Join-Path $own 'IMG_0005.xmp'
        Set-Content -LiteralPath $existing -Value '<lightroom/>'
        New-OwnSet | Export-CuratedList -Confirm:$false
        Join-Path $own 'IMG_0003.xmp' | Should -Not -Exist

        New-OwnSet | Export-CuratedList -SidecarsBesideOriginals -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'SidecarExists,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errs[0].TargetObject | Should -Be $existing
        Get-Content -LiteralPath $existing | Should -Be '<lightroom/>'
        ([xml](Get-Content -Raw (Join-Path $own 'IMG_0003.xmp'))).xmpmeta | Should -Not -BeNullOrEmpty

        New-OwnSet | Export-CuratedList -SidecarsBesideOriginals -Force
        (Get-Content -Raw $existing) | Should -BeLike '*xmpmeta*'
        # The originals themselves were only read.
        foreach ($p in $ownPhotos) { Get-PhotoIdOf $p.Path | Should -Be $p.PhotoId }
    }
}

Describe 'Import-PhotoStage' {
    It 'rebuilds the scored photos with the same key properties as the live pipeline' {
        $imported = @(Import-PhotoStage $scoringJson -IncludeDropped)
        $imported.Count | Should -Be $live.Count
        for ($i = 0; $i -lt $live.Count; $i++) {
            $a = $live[$i]; $b = $imported[$i]
            $b | Should -BeOfType [PhotoCuration.Photo]
            foreach ($name in 'PhotoId', 'Path', 'FileName', 'BatchId', 'IsLocked', 'IsExcluded', 'DuplicateOf', 'QTech', 'Aesthetic', 'Vibe', 'Typography', 'Composition', 'Total', 'CaptureTime') {
                $b.$name | Should -Be $a.$name -Because "$name of $($a.FileName)"
            }
            $b.Preprocess.StandardizedPath | Should -Be $a.Preprocess.StandardizedPath
            $b.Features.PHash | Should -Be $a.Features.PHash
            $b.Features.SubjectSharpness | Should -Be $a.Features.SubjectSharpness
            $b.Score.IsDropped | Should -Be $a.Score.IsDropped
            $b.Score.Explain() | Should -Be $a.Score.Explain()
        }
    }

    It 'leaves dropped photos out unless -IncludeDropped, and filters like live photos' {
        $kept = @(Import-PhotoStage $scoringJson)
        $kept.Count | Should -Be @($live | Where-Object { -not $_.Score.IsDropped }).Count
        $kept.FileName | Should -Not -Contain 'IMG_0004.jpg'
        $strong = @(Import-PhotoStage $scoringJson | Where-Object QTech -GT 0.6)
        $strong.FileName | Should -Be @($live | Where-Object { -not $_.Score.IsDropped -and $_.QTech -gt 0.6 }).FileName
    }

    It 'feeds Get-PhotoFeatures (from the cache) and Measure-PhotoScore again' {
        $again = @(Import-PhotoStage (Join-Path $ws 'intermediateJsons/preprocess/e1.json') | Get-PhotoFeatures | Measure-PhotoScore -IncludeDropped)
        $again.Features.FromCache | Should -Not -Contain $false
        $again.Total | Should -Be $live.Total
    }

    It 'takes files from Get-ChildItem by FullName and paths with wildcards' {
        @(Get-Item $scoringJson | Import-PhotoStage).Count | Should -Be @(Import-PhotoStage $scoringJson).Count
        @(Import-PhotoStage (Join-Path $ws 'intermediateJsons/ingest/e*.json')).Count | Should -Be $live.Count
    }

    It 'reports a missing earlier stage file against the stage file' {
        $lone = Join-Path $TestDrive 'lone/intermediateJsons/scoring/e1.json'
        New-Item -ItemType Directory -Force (Split-Path $lone) | Out-Null
        Copy-Item $scoringJson $lone
        Import-PhotoStage $lone -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'EarlierStageMissing,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $lone
    }

    It 'reports malformed JSON and an unknown stage, and goes on with the next file' {
        $bad = Join-Path $TestDrive 'bad.json'
        Set-Content -LiteralPath $bad -Value '{ not json'
        $odd = Join-Path $TestDrive 'odd.json'
        Set-Content -LiteralPath $odd -Value '{"stage": "mystery", "batch_id": "e1"}'
        $out = @(Import-PhotoStage $bad, $odd, $scoringJson -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -BeGreaterThan 0
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'MalformedStageJson,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].TargetObject | Should -Be $bad
        $errs[1].FullyQualifiedErrorId | Should -BeLike 'UnknownStage,*'
        $errs[1].TargetObject | Should -Be $odd
    }
}
