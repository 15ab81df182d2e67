# Robustness through the cmdlets: RAW files and RAW + JPEG pairs, a child pwsh killed in the middle of
# Invoke-Preprocess and of Get-PhotoFeatures, cache entries damaged by hand, two runs racing on one
# workspace, read-only inputs, and hostile path names.

BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:sample = New-TestShoot (Join-Path $TestDrive 'sample') -Width 640 -Height 427
    function script:JpegOf([string] $Name) { [IO.File]::ReadAllBytes((Join-Path $sample $Name)) }
}

Describe 'RAW files through Import-PhotoBatch | Invoke-Preprocess' {
    BeforeAll {
        $script:raw = Join-Path $TestDrive 'raw'
        New-Item -ItemType Directory -Path $raw | Out-Null
        New-TestRawFile (Join-Path $raw 'IMG_0101.CR2') (JpegOf 'IMG_0001.jpg') -Kind Tiff -Orientation 6 -Make 'Canon'
        New-TestRawFile (Join-Path $raw 'DSC_0102.NEF') (JpegOf 'IMG_0002.jpg') -Kind Tiff -Make 'NIKON'
        New-TestRawFile (Join-Path $raw 'DSCF0103.RAF') (JpegOf 'IMG_0004.jpg') -Kind Raf
        New-TestRawFile (Join-Path $raw 'IMG_0104.CR3') (JpegOf 'IMG_0005.jpg') -Kind Cr3
        # A RAW + JPEG pair of one frame, and a HEIC the module cannot decode.
        New-TestRawFile (Join-Path $raw 'IMG_0105.CR2') (JpegOf 'IMG_0006.jpg') -Kind Tiff -Make 'Canon'
        [IO.File]::WriteAllBytes((Join-Path $raw 'IMG_0105.JPG'), (JpegOf 'IMG_0006.jpg'))
        [IO.File]::WriteAllBytes((Join-Path $raw 'IMG_0106.HEIC'), [byte[]]([byte[]](0, 0, 0, 24) + [byte[]][char[]]'ftypheic' + [byte[]]::new(4) + [byte[]][char[]]'mif1heic' + [byte[]]::new(64)))
        $script:ws = Join-Path $TestDrive 'ws-raw'
        $script:photos = @(Import-PhotoBatch $raw -BatchId raw -Workspace $ws -ErrorVariable importErrors -ErrorAction SilentlyContinue | Invoke-Preprocess)
        $script:importErrors = $importErrors
        $script:ingest = Get-Content -Raw -LiteralPath (Join-Path $ws 'intermediateJsons/ingest/raw.json') | ConvertFrom-Json
    }

    It 'imports each RAW as one photo whose Format names the RAW kind' {
        $photos.FileName | Should -Be @('DSCF0103.RAF', 'DSC_0102.NEF', 'IMG_0101.CR2', 'IMG_0104.CR3', 'IMG_0105.CR2')
        ($photos | ForEach-Object { $_.Format }) | Should -Be @('Raw:RAF', 'Raw:NEF', 'Raw:CR2', 'Raw:CR3', 'Raw:CR2')
        $photos | ForEach-Object { $_.PhotoId | Should -Be (Get-PhotoIdOf $_.Path) }
    }

    It 'reads the EXIF of the RAW itself' {
        $cr2 = $photos | Where-Object FileName -EQ 'IMG_0101.CR2'
        $cr2.Exif.CameraMake | Should -Be 'Canon'
        $cr2.Exif.Orientation | Should -Be 6
        ($photos | Where-Object FileName -EQ 'DSC_0102.NEF').Exif.CameraMake | Should -Be 'NIKON'
    }

    It 'preprocesses each RAW through its embedded JPEG, turned upright by the RAW''s orientation' {
        foreach ($p in $photos) {
            $p.Preprocess.ProcessingMethod | Should -Match 'embedded jpeg 640x427'
            (Get-JpegSize $p.Preprocess.RankingPath).Width | Should -BeIn 427, 640
        }
        $cr2 = ($photos | Where-Object FileName -EQ 'IMG_0101.CR2').Preprocess
        "$($cr2.RankingWidth)x$($cr2.RankingHeight)" | Should -Be '427x640'
        $size = Get-JpegSize $cr2.RankingPath
        "$($size.Width)x$($size.Height)" | Should -Be '427x640'
    }

    It 'imports IMG_0105.CR2 and IMG_0105.JPG as one photo with the JPEG as its companion' {
        $pair = @($photos | Where-Object { $_.FileName -like 'IMG_0105*' })
        $pair.Count | Should -Be 1
        $pair[0].Path | Should -Be (Join-Path $raw 'IMG_0105.CR2')
        $pair[0].CompanionPath | Should -Be (Join-Path $raw 'IMG_0105.JPG')
        $entry = $ingest.photo_index | Where-Object file_name -EQ 'IMG_0105.CR2'
        $entry.companion_uri | Should -Be (ConvertTo-FileUri (Join-Path $raw 'IMG_0105.JPG'))
        @($ingest.photo_index).Count | Should -Be 5
    }

    It 'pairs RAW and JPEG piped one by one from Get-ChildItem, and keeps a JPEG piped alone single' {
        $piped = @(Get-ChildItem -LiteralPath $raw -Filter 'IMG_0105.*' | Import-PhotoBatch -BatchId piped -Workspace (Join-Path $TestDrive 'ws-piped'))
        $piped.Count | Should -Be 1
        $piped[0].CompanionPath | Should -Be (Join-Path $raw 'IMG_0105.JPG')
        $alone = @(Get-ChildItem -LiteralPath $raw -Filter 'IMG_0105.JPG' | Import-PhotoBatch -BatchId alone -Workspace (Join-Path $TestDrive 'ws-alone'))
        $alone.Count | Should -Be 1
        $alone[0].Format | Should -Be 'Jpeg'
        $alone[0].CompanionPath | Should -BeNullOrEmpty
    }

    It 'lets the JPEG stand in for a RAW that cannot be read, and reports the RAW' {
        $broken = Join-Path $TestDrive 'broken-pair'
        New-Item -ItemType Directory -Path $broken | Out-Null
        # A NEF-named TIFF with no JPEG in it at all: no preview to read.
        [IO.File]::WriteAllBytes((Join-Path $broken 'DSC_0300.NEF'), [byte[]](0x49, 0x49, 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        [IO.File]::WriteAllBytes((Join-Path $broken 'DSC_0300.JPG'), (JpegOf 'IMG_0008.jpg'))
        $wsBroken = Join-Path $TestDrive 'ws-broken'
        $result = @(Import-PhotoBatch $broken -BatchId broken -Workspace $wsBroken -ErrorVariable brokenErrors -ErrorAction SilentlyContinue | Invoke-Preprocess)
        $result.Count | Should -Be 1
        $result[0].Path | Should -Be (Join-Path $broken 'DSC_0300.JPG')
        $result[0].CompanionPath | Should -Be (Join-Path $broken 'DSC_0300.NEF')
        $result[0].Preprocess | Should -Not -BeNullOrEmpty
        $brokenErrors.Count | Should -Be 1
        $brokenErrors[0].TargetObject | Should -Be (Join-Path $broken 'DSC_0300.NEF')
        $brokenErrors[0].FullyQualifiedErrorId | Should -BeLike 'UnsupportedFormat*'
        $json = Get-Content -Raw -LiteralPath (Join-Path $wsBroken 'intermediateJsons/ingest/broken.json') | ConvertFrom-Json
        $json.errors[0].uri | Should -Be (ConvertTo-FileUri (Join-Path $broken 'DSC_0300.NEF'))
        $json.errors[0].message | Should -Match 'DSC_0300\.JPG'
    }

    It 'reports the HEIC file once as UnsupportedFormat, naming the file and the format' {
        $importErrors.Count | Should -Be 1
        $importErrors[0].FullyQualifiedErrorId | Should -BeLike 'UnsupportedFormat*'
        $importErrors[0].CategoryInfo.Category | Should -Be 'InvalidType'
        $importErrors[0].TargetObject | Should -Be (Join-Path $raw 'IMG_0106.HEIC')
        "$($importErrors[0])" | Should -Match 'IMG_0106\.HEIC'
        "$($importErrors[0])" | Should -Match 'HEIF/HEIC'
    }
}

Describe 'A process killed in the middle of a stage' {
    BeforeAll {
        # Big enough that each photo takes a noticeable time with one worker, so the kill lands mid-stage.
        $script:big = New-TestShoot (Join-Path $TestDrive 'big') -Width 1800 -Height 1200
        $script:refWs = Join-Path $TestDrive 'reference'
        Import-PhotoBatch $big -Recurse -BatchId k -Workspace $refWs | Invoke-Preprocess | Get-PhotoFeatures | Out-Null
        $script:reference = Get-WorkspaceSnapshot $refWs
        $script:module = $env:PHOTOCURATION_MODULE -replace "'", "''"
        function script:Start-Run([string] $Workspace, [string] $Stages) {
            Start-ChildPwsh "Import-Module '$module'; Import-PhotoBatch '$($big -replace "'", "''")' -Recurse -BatchId k -Workspace '$($Workspace -replace "'", "''")' | $Stages | Out-Null"
        }
        function script:CountFiles([string] $Folder, [string] $Filter) { @(Get-ChildItem -LiteralPath $Folder -Filter $Filter -File -Recurse -ErrorAction SilentlyContinue).Count }
    }

    It 'has a reference run with every output' {
        @($reference.Files | Where-Object { $_ -like 'data/rankingInput/*' }).Count | Should -Be 12
        @($reference.Files | Where-Object { $_ -like 'data/sal/*' }).Count | Should -Be 12
        $reference.TempFiles | Should -BeNullOrEmpty
    }

    It 'resumes Invoke-Preprocess after a kill and ends byte-identical to an uninterrupted run' {
        $ws = Join-Path $TestDrive 'killed-preprocess'
        $child = Start-Run $ws 'Invoke-Preprocess -ThrottleLimit 1'
        $killed = Stop-ChildPwshWhen $child { (CountFiles (Join-Path $ws 'data/rankingInput') '*.jpg') -ge 3 }
        Receive-ChildPwsh $child | Out-Null
        $killed | Should -BeTrue -Because 'the kill must land while Invoke-Preprocess is working'
        Join-Path $ws 'intermediateJsons/preprocess/k.json' | Should -Not -Exist
        CountFiles (Join-Path $ws 'data/rankingInput') '*.jpg' | Should -BeLessThan 12
        # Whatever temporary files the kill left: make them look as old as a crash from last night.
        $left = @((Get-WorkspaceSnapshot $ws).TempFiles)
        $left | ForEach-Object { (Get-Item -LiteralPath (Join-Path $ws $_) -Force).LastWriteTimeUtc = [DateTime]::UtcNow.AddHours(-3) }

        $rerun = @(Import-PhotoBatch $big -Recurse -BatchId k -Workspace $ws | Invoke-Preprocess)
        @($rerun | Where-Object { $_.Preprocess.FromCache }).Count | Should -BeGreaterThan 1 -Because 'photos finished before the kill come from the cache'
        $rerun | Get-PhotoFeatures | Out-Null
        $after = Get-WorkspaceSnapshot $ws
        ($after.Files -join "`n") | Should -Be ($reference.Files -join "`n")
        $preprocessTemp = @($after.TempFiles | Where-Object { $_ -like 'data/rankingInput/*' -or $_ -like 'data/input/*' -or $_ -like 'data/cache/preprocess/*' })
        $preprocessTemp | Should -BeNullOrEmpty -Because "the killed run left $($left.Count) temporary files and the next run clears the old ones"
    }

    It 'resumes Get-PhotoFeatures after a kill and ends byte-identical to an uninterrupted run' {
        $ws = Join-Path $TestDrive 'killed-features'
        Import-PhotoBatch $big -Recurse -BatchId k -Workspace $ws | Invoke-Preprocess | Out-Null
        $child = Start-Run $ws 'Invoke-Preprocess | Get-PhotoFeatures -ThrottleLimit 1'
        $killed = Stop-ChildPwshWhen $child { (CountFiles (Join-Path $ws 'data/sal') '*.png') -ge 3 }
        Receive-ChildPwsh $child | Out-Null
        $killed | Should -BeTrue -Because 'the kill must land while Get-PhotoFeatures is working'
        Join-Path $ws 'intermediateJsons/features/k.json' | Should -Not -Exist

        Import-PhotoBatch $big -Recurse -BatchId k -Workspace $ws | Invoke-Preprocess | Get-PhotoFeatures | Out-Null
        $after = Get-WorkspaceSnapshot $ws
        ($after.Files -join "`n") | Should -Be ($reference.Files -join "`n")
    }

    It 'detects cache entries and derived images damaged by hand, recomputes them, and ends byte-identical' {
        $ws = Join-Path $TestDrive 'damaged'
        Copy-Item -LiteralPath $refWs -Destination $ws -Recurse
        $entries = @(Get-ChildItem -LiteralPath (Join-Path $ws 'data/cache/preprocess') -Recurse -File -Filter *.json | Sort-Object FullName)
        $features = @(Get-ChildItem -LiteralPath (Join-Path $ws 'data/cache/features') -Recurse -File -Filter *.json | Sort-Object FullName)
        # Truncated entry, entry edited to lie about a size, derived image cut short, features entry edited.
        $bytes = [IO.File]::ReadAllBytes($entries[0].FullName)
        [IO.File]::WriteAllBytes($entries[0].FullName, [byte[]]$bytes[0..([int]($bytes.Length / 2))])
        (Get-Content -Raw -LiteralPath $entries[1].FullName) -replace '"ranking_size":\s*\[\s*\d+', '"ranking_size": [7' | Set-Content -LiteralPath $entries[1].FullName -NoNewline
        $ranking = @(Get-ChildItem -LiteralPath (Join-Path $ws 'data/rankingInput') -File -Recurse | Sort-Object Name)[4].FullName
        $rb = [IO.File]::ReadAllBytes($ranking)
        [IO.File]::WriteAllBytes($ranking, [byte[]]$rb[0..1000])
        $text = Get-Content -Raw -LiteralPath $features[0].FullName
        $text.Replace('"sharpness"', '"sharpnesz"') | Set-Content -LiteralPath $features[0].FullName -NoNewline

        $photos = @(Import-PhotoBatch $big -Recurse -BatchId k -Workspace $ws | Invoke-Preprocess)
        @($photos | Where-Object { -not $_.Preprocess.FromCache }).Count | Should -BeGreaterOrEqual 2
        $photos | Get-PhotoFeatures | Out-Null
        $after = Get-WorkspaceSnapshot $ws
        ($after.Files -join "`n") | Should -Be ($reference.Files -join "`n")
    }
}

Describe 'Two runs on one workspace at once' {
    BeforeAll {
        $script:race = New-TestShoot (Join-Path $TestDrive 'race-shoot') -Width 1200 -Height 800
        $script:soloWs = Join-Path $TestDrive 'race-solo'
        Import-PhotoBatch $race -Recurse -BatchId r -Workspace $soloWs | Invoke-Preprocess | Get-PhotoFeatures | Out-Null
        $script:solo = Get-WorkspaceSnapshot $soloWs
    }

    It 'lets two Import | Preprocess | Features runs racing on one workspace both finish with the results of one run' {
        $ws = Join-Path $TestDrive 'race-ws'
        $script = @"
`$photos = @(Import-PhotoBatch '$($race -replace "'", "''")' -Recurse -BatchId r -Workspace `$Workspace | Invoke-Preprocess | Get-PhotoFeatures)
'RESULT=' + (@{ Count = `$photos.Count; WithFeatures = @(`$photos | Where-Object Features).Count } | ConvertTo-Json -Compress)
"@
        $results = Invoke-ConcurrentPhotoRun -Script $script -Workspace $ws -Count 2
        $results.Count | Should -Be 2
        foreach ($r in $results) {
            $r.ExitCode | Should -Be 0 -Because $r.StdErr
            $r.StdErr | Should -BeNullOrEmpty
            $r.Result.Count | Should -Be 13
            $r.Result.WithFeatures | Should -Be 13
        }
        $after = Get-WorkspaceSnapshot $ws
        ($after.Files -join "`n") | Should -Be ($solo.Files -join "`n")
        $after.TempFiles | Should -BeNullOrEmpty
    }
}

Describe 'Two Invoke-PhotoCuration runs at once' {
    It 'both finish on one workspace with the result of one run' {
        $shoot = Join-Path $TestDrive 'race-full'
        New-TestShoot $shoot -Width 800 -Height 533 | Out-Null
        $soloWs = Join-Path $TestDrive 'race-full-solo'
        $solo = Invoke-PhotoCuration -Path $shoot -Recurse -BatchId rf -Workspace $soloWs -Count 4 -WarningAction SilentlyContinue
        $ws = Join-Path $TestDrive 'race-full-ws'
        $script = @"
`$s = Invoke-PhotoCuration -Path '$($shoot -replace "'", "''")' -Recurse -BatchId rf -Workspace `$Workspace -Count 4 -WarningAction SilentlyContinue
'RESULT=' + (@{ Selected = `$s.Selected; Ids = @(`$s.CuratedSet.Items.PhotoId) } | ConvertTo-Json -Compress)
"@
        $results = Invoke-ConcurrentPhotoRun -Script $script -Workspace $ws -Count 2
        foreach ($r in $results) {
            $r.ExitCode | Should -Be 0 -Because $r.StdErr
            $r.Result.Selected | Should -Be 4
            $r.Result.Ids | Should -Be @($solo.CuratedSet.Items.PhotoId)
        }
        foreach ($stage in 'ingest', 'preprocess', 'features', 'scoring', 'clustering', 'optimizer') {
            (Get-FileHash (Join-Path $ws "intermediateJsons/$stage/rf.json")).Hash | Should -Be (Get-FileHash (Join-Path $soloWs "intermediateJsons/$stage/rf.json")).Hash -Because $stage
        }
        $list = Get-Content (Join-Path $ws 'data/output/rf/curated_list.json') -Raw | ConvertFrom-Json
        $list.items.photo_id | Should -Be @($solo.CuratedSet.Items.PhotoId)
    }
}

Describe 'Read-only inputs' {
    It 'changes no input file (bytes, size, times) and writes nothing outside the workspace during a full run' {
        $root = Join-Path $TestDrive 'readonly'
        $in = Join-Path $root 'in'
        New-TestShoot $in -Width 800 -Height 533 | Out-Null
        New-TestRawFile (Join-Path $in 'IMG_0201.CR2') (JpegOf 'IMG_0007.jpg') -Kind Tiff -Orientation 8
        [IO.File]::WriteAllBytes((Join-Path $in 'IMG_0201.JPG'), (JpegOf 'IMG_0007.jpg'))
        New-TruncatedJpeg (Join-Path $in 'IMG_0001.jpg') (Join-Path $in 'cut.jpg')
        # Old, distinct times, so any rewrite or touch would show.
        Get-ChildItem -LiteralPath $in -Recurse -File | ForEach-Object { $_.LastWriteTimeUtc = [datetime]::SpecifyKind([datetime]'2020-01-02T03:04:05', 'Utc') }
        $cwd = Join-Path $root 'cwd'
        New-Item -ItemType Directory -Path $cwd | Out-Null
        $ws = Join-Path $root 'ws'
        $snapshot = {
            @(Get-ChildItem -LiteralPath $root -Recurse -Force | Where-Object { -not $_.FullName.StartsWith($ws) } | Sort-Object FullName | ForEach-Object {
                    if ($_.PSIsContainer) { "dir $($_.FullName)" }
                    else { '{0} {1} {2} {3}' -f $_.FullName, $_.Length, $_.LastWriteTimeUtc.Ticks, (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash }
                }) -join "`n"
        }
        $before = & $snapshot
        Push-Location $cwd
        try {
            $photos = @(Import-PhotoBatch $in -Recurse -BatchId ro -Workspace $ws -ErrorAction SilentlyContinue | Invoke-Preprocess | Get-PhotoFeatures)
            $photos | Measure-PhotoScore | Out-Null
            # The whole chain with export, XMP and CSV, as a studio would run it.
            $summary = Invoke-PhotoCuration -Path $in -Recurse -BatchId ro-full -Workspace $ws -Count 4 -Xmp -Csv -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        }
        finally { Pop-Location }
        $photos.Count | Should -Be 14
        ($photos | Where-Object FileName -EQ 'IMG_0201.CR2').CompanionPath | Should -Be (Join-Path $in 'IMG_0201.JPG')
        Join-Path $ws 'intermediateJsons/scoring/ro.json' | Should -Exist
        $summary.Selected | Should -Be 4
        # Every pick carries its XMP: inside a JPEG/PNG/TIFF/DNG copy, or in a sidecar beside another RAW copy.
        $manifest = Get-Content -Raw (Join-Path $ws 'data/output/ro-full/.photocuration-export.json') | ConvertFrom-Json
        @($manifest.files | Where-Object { $_.embedded_xmp -or $_.name -like '*.xmp' }).Count | Should -Be 4
        (& $snapshot) | Should -Be $before
        Get-ChildItem -LiteralPath $cwd -Force | Should -BeNullOrEmpty
    }
}

Describe 'Hostile and unusual path names' {
    BeforeAll {
        $script:names = Join-Path $TestDrive 'names'
        # A folder path over 260 characters (the old Windows MAX_PATH), then names with quotes,
        # spaces, non-ASCII, and ones that look like paths or commands.
        $script:deep = Join-Path $names (('a' * 90) + '/' + ('b' * 90) + '/' + ('ç' * 60) + ' folder')
        New-Item -ItemType Directory -Path $deep -Force | Out-Null
        $script:files = @(
            "it's ""quoted"".jpg"
            'spaces   and	tab.jpg'
            'фото_日本_😀.jpg'
            'up\..\..\..\escape.jpg'
            '$(Remove-Item).jpg'
            '-Force.jpg'
            (('n' * 200) + '.jpg')
        )
        $i = 0
        foreach ($f in $files) {
            # .NET, not Copy-Item: PowerShell reads '\' as a separator even on Unix, where it is a plain character.
            $target = if ($IsWindows -and $f.Contains('\')) { $f.Replace('\', '_') } else { $f }
            [IO.File]::WriteAllBytes([IO.Path]::Combine($deep, $target), (JpegOf ('IMG_{0:0000}.jpg' -f (++$i))))
        }
        (Join-Path $deep $files[0]).Length | Should -BeGreaterThan 260
        $script:ws = Join-Path $TestDrive 'ws-names'
        $script:photos = @(Import-PhotoBatch -LiteralPath $deep -BatchId names -Workspace $ws | Invoke-Preprocess | Get-PhotoFeatures)
    }

    It 'imports, preprocesses and analyses every file under a path over 260 characters' {
        $photos.Count | Should -Be $files.Count
        $photos | ForEach-Object { $_.Path.Length | Should -BeGreaterThan 260; $_.Preprocess | Should -Not -BeNullOrEmpty; $_.Features | Should -Not -BeNullOrEmpty }
    }

    It 'writes every derived file inside the workspace data folders, with a sanitized name' {
        $data = (Resolve-Path -LiteralPath (Join-Path $ws 'data')).ProviderPath
        foreach ($p in $photos) {
            foreach ($derived in @($p.Preprocess.RankingPath, $p.Preprocess.StandardizedPath)) {
                [IO.Path]::GetFullPath($derived) | Should -BeLike "$data$([IO.Path]::DirectorySeparatorChar)*"
                Split-Path -Leaf $derived | Should -Match '^[\p{L}\p{M}\p{N}_.-]+$'
                [IO.File]::Exists($derived) | Should -BeTrue
            }
        }
        @(Get-ChildItem -LiteralPath $TestDrive -Recurse -File -Filter '*escape*' | Where-Object { -not $_.FullName.StartsWith($deep) -and -not $_.FullName.StartsWith($data) }) | Should -BeNullOrEmpty
    }

    It 'writes stage JSON whose URIs lead back to each file' {
        $ingest = Get-Content -Raw -LiteralPath (Join-Path $ws 'intermediateJsons/ingest/names.json') | ConvertFrom-Json
        @($ingest.photo_index).Count | Should -Be $files.Count
        # [IO.File]::Exists, not Test-Path: PowerShell reads '\' as a separator even on Unix.
        foreach ($entry in $ingest.photo_index) { [IO.File]::Exists(([uri]$entry.uri).LocalPath) | Should -BeTrue -Because $entry.uri }
    }
}
