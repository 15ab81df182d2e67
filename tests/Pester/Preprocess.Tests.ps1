# Invoke-Preprocess: derived sizes (checked on the files themselves), EXIF orientation, the content
# cache and byte-identical stage JSON on a re-run, one stage record per batch, early pipeline end,
# progress in a non-interactive session, per-photo errors, and read-only originals.

BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    # Larger than the ranking size, so both derived sizes are real reductions.
    $script:shoot = New-TestShoot (Join-Path $TestDrive 'shoot') -Width 2400 -Height 1600
    $script:ws = Join-Path $TestDrive 'ws'
    $script:before = Get-FolderSnapshot $shoot
    $script:first = @(Import-PhotoBatch $shoot -Recurse -BatchId p1 -Workspace $ws | Invoke-Preprocess -Verbose 4>&1)
    $script:verbose = @($first | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
    $script:photos = @($first | Where-Object { $_ -is [PhotoCuration.Photo] })
    $script:preprocessPath = Join-Path $ws 'intermediateJsons/preprocess/p1.json'
    $script:ingestPath = Join-Path $ws 'intermediateJsons/ingest/p1.json'
    $script:preprocessJson = Get-Content -Raw -LiteralPath $preprocessPath
    $script:ingestJson = Get-Content -Raw -LiteralPath $ingestPath
}

Describe 'Invoke-Preprocess' {
    It 'passes every photo on, in input order, with its Preprocess record' {
        $photos.Count | Should -Be 13
        $photos.FileName | Should -Be (@(1..12 | ForEach-Object { 'IMG_{0:0000}.jpg' -f $_ }) + 'IMG_0003 copy.jpg')
        $photos | ForEach-Object { $_.Preprocess | Should -Not -BeNullOrEmpty }
        @($photos | Where-Object { $_.Preprocess.FromCache }).FileName | Should -Be @('IMG_0003 copy.jpg') -Because 'the workspace was empty; only the exact duplicate reuses its original'
        $copy = $photos | Where-Object FileName -EQ 'IMG_0003 copy.jpg'
        $copy.Preprocess.RankingPath | Should -Be ($photos | Where-Object FileName -EQ 'IMG_0003.jpg').Preprocess.RankingPath
    }

    It 'writes a ranking JPEG of long edge 2048 and a standardized JPEG of long edge 1024 per photo' {
        foreach ($photo in $photos) {
            $p = $photo.Preprocess
            $p.RankingPath | Should -Exist
            $p.StandardizedPath | Should -Exist
            $p.RankingPath | Should -BeLike (Join-Path $ws 'data/rankingInput/*.jpg')
            $p.StandardizedPath | Should -BeLike (Join-Path $ws 'data/input/*.jpg')
            [Math]::Max($p.RankingWidth, $p.RankingHeight) | Should -Be 2048
            [Math]::Max($p.StandardizedWidth, $p.StandardizedHeight) | Should -Be 1024
        }
    }

    It 'records the sizes the files really have' {
        foreach ($photo in $photos) {
            $p = $photo.Preprocess
            $ranking = Get-JpegSize $p.RankingPath
            $std = Get-JpegSize $p.StandardizedPath
            "$($ranking.Width)x$($ranking.Height)" | Should -Be "$($p.RankingWidth)x$($p.RankingHeight)" -Because $p.RankingPath
            "$($std.Width)x$($std.Height)" | Should -Be "$($p.StandardizedWidth)x$($p.StandardizedHeight)" -Because $p.StandardizedPath
            [Math]::Max($ranking.Width, $ranking.Height) | Should -BeLessOrEqual 2048
            [Math]::Max($std.Width, $std.Height) | Should -BeLessOrEqual 1024
        }
        $first = $photos[0].Preprocess
        "$($first.OriginalWidth)x$($first.OriginalHeight) $($first.RankingWidth)x$($first.RankingHeight) $($first.StandardizedWidth)x$($first.StandardizedHeight)" |
            Should -Be '2400x1600 2048x1365 1024x683'
    }

    It 'names derived files by stem and the first 8 hex digits of the photo id' {
        $photo = $photos[0]
        Split-Path -Leaf $photo.Preprocess.RankingPath | Should -Be ('IMG_0001_{0}.jpg' -f $photo.PhotoId.Substring(7, 8))
        Split-Path -Leaf $photo.Preprocess.StandardizedPath | Should -Be ('IMG_0001_{0}_std.jpg' -f $photo.PhotoId.Substring(7, 8))
    }

    It 'applies EXIF orientation: the sideways-stored IMG_0009 comes out portrait' {
        $rotated = $photos | Where-Object FileName -EQ 'IMG_0009.jpg'
        $rotated.Width | Should -BeGreaterThan $rotated.Height   # stored sideways
        $rotated.Exif.Orientation | Should -Be 6
        $p = $rotated.Preprocess
        $p.OriginalHeight | Should -BeGreaterThan $p.OriginalWidth
        $p.Orientation | Should -Be 'Portrait'
        $ranking = Get-JpegSize $p.RankingPath
        $std = Get-JpegSize $p.StandardizedPath
        "$($ranking.Width)x$($ranking.Height)" | Should -Be '1365x2048'
        "$($std.Width)x$($std.Height)" | Should -Be '683x1024'
        $p.ProcessingMethod | Should -Match 'orientation 6'
    }

    It 'writes derived images without EXIF (orientation applied, GPS kept private)' {
        Test-JpegHasExif (Join-Path $shoot 'IMG_0009.jpg') | Should -BeTrue
        foreach ($p in $photos.Preprocess) {
            Test-JpegHasExif $p.RankingPath | Should -BeFalse
            Test-JpegHasExif $p.StandardizedPath | Should -BeFalse
        }
    }

    It 'reports per-stage timing on the verbose stream' {
        ($verbose.Message -join "`n") | Should -Match 'Invoke-Preprocess: 13 photos in [\d.]+ s'
        ($verbose.Message -join "`n") | Should -Match ([regex]::Escape($preprocessPath))
    }

    It 'writes the preprocess stage JSON in the contract shape' {
        $json = $preprocessJson | ConvertFrom-Json
        $json.batch_id | Should -Be 'p1'
        $json.artifacts.Count | Should -Be 12   # the exact duplicate shares its original's artifact
        $a = $json.artifacts[0]
        $a.photo_id | Should -Be $photos[0].PhotoId
        $a.original_uri | Should -Be (ConvertTo-FileUri $photos[0].Path)
        # Derived files are split into folders by the photo id's first two hex digits.
        $shard = $photos[0].PhotoId.Substring(7, 2)
        $a.ranking_uri | Should -Be ('data/rankingInput/' + $shard + '/' + (Split-Path -Leaf $photos[0].Preprocess.RankingPath))
        $a.std_uri | Should -Be ('data/input/' + $shard + '/' + (Split-Path -Leaf $photos[0].Preprocess.StandardizedPath))
        $a.processing_metadata.original_size | Should -Be @(2400, 1600)
        $a.processing_metadata.standardized_size | Should -Be @(1024, 683)
        $a.processing_metadata.processing_method | Should -Not -BeNullOrEmpty
        @($json.errors).Count | Should -Be 0
        ($json.artifacts | Where-Object { $_.original_uri -like '*IMG_0009.jpg' }).processing_metadata.standardized_size | Should -Be @(683, 1024)
    }

    It 'never upscales' {
        $small = New-TestShoot (Join-Path $TestDrive 'small') -Width 640 -Height 427
        $p = (Import-PhotoBatch (Join-Path $small 'IMG_0001.jpg') -Workspace (Join-Path $TestDrive 'small-ws') | Invoke-Preprocess).Preprocess
        "$($p.RankingWidth)x$($p.RankingHeight)" | Should -Be '640x427'
        "$($p.StandardizedWidth)x$($p.StandardizedHeight)" | Should -Be '640x427'
        $size = Get-JpegSize $p.StandardizedPath
        "$($size.Width)x$($size.Height)" | Should -Be '640x427'
    }

    It 'honours -RankingLongEdge and -StandardizedLongEdge' {
        $p = (Import-PhotoBatch (Join-Path $shoot 'IMG_0002.jpg') -Workspace (Join-Path $TestDrive 'sizes-ws') | Invoke-Preprocess -RankingLongEdge 600 -StandardizedLongEdge 300).Preprocess
        "$($p.RankingWidth)x$($p.RankingHeight) $($p.StandardizedWidth)x$($p.StandardizedHeight)" | Should -Be '600x400 300x200'
        $size = Get-JpegSize $p.RankingPath
        "$($size.Width)x$($size.Height)" | Should -Be '600x400'
    }

    It 'refuses a standardized size larger than the ranking size' {
        $photo = Import-PhotoBatch (Join-Path $shoot 'IMG_0002.jpg') -Workspace (Join-Path $TestDrive 'sizes-ws')
        { $photo | Invoke-Preprocess -RankingLongEdge 256 -StandardizedLongEdge 512 -ErrorAction Stop } | Should -Throw -ErrorId 'StandardizedLargerThanRanking,*'
    }
}

Describe 'Cache and determinism' {
    BeforeAll {
        $script:rankingTimes = @($photos | ForEach-Object { (Get-Item -LiteralPath $_.Preprocess.RankingPath).LastWriteTimeUtc })
        $script:again = @(Import-PhotoBatch $shoot -Recurse -BatchId p1 -Workspace $ws | Invoke-Preprocess)
    }

    It 're-runs entirely from the cache' {
        $again.Count | Should -Be 13
        $again.Preprocess.FromCache | Should -Not -Contain $false
        @($again.Preprocess.RankingPath) | Should -Be @($photos.Preprocess.RankingPath)
    }

    It 'does not rewrite the derived images' {
        @($again | ForEach-Object { (Get-Item -LiteralPath $_.Preprocess.RankingPath).LastWriteTimeUtc }) | Should -Be $rankingTimes
    }

    It 'writes a byte-identical preprocess stage JSON' {
        Get-Content -Raw -LiteralPath $preprocessPath | Should -BeExactly $preprocessJson
        [IO.File]::ReadAllBytes($preprocessPath).Length | Should -Be ([Text.Encoding]::UTF8.GetByteCount($preprocessJson))
    }

    It 'writes a byte-identical ingest stage JSON' {
        Get-Content -Raw -LiteralPath $ingestPath | Should -BeExactly $ingestJson
    }

    It 'recomputes a derived image that was damaged' {
        $victim = $photos[1].Preprocess.StandardizedPath
        $good = (Get-FileHash -LiteralPath $victim).Hash
        [IO.File]::WriteAllBytes($victim, [byte[]](1, 2, 3))
        $repaired = Import-PhotoBatch (Join-Path $shoot 'IMG_0002.jpg') -BatchId repair -Workspace $ws | Invoke-Preprocess
        $repaired.Preprocess.FromCache | Should -BeFalse
        (Get-FileHash -LiteralPath $victim).Hash | Should -Be $good
    }

    It 'decodes byte-identical files once and lists the same artifact on every run' {
        # Pairs of identical files side by side reach the parallel workers together.
        $pairs = Join-Path $TestDrive 'pairs'
        New-Item -ItemType Directory $pairs | Out-Null
        $small = New-TestShoot (Join-Path $TestDrive 'pairs-src') -Width 640 -Height 427
        foreach ($n in 1..10) {
            Copy-Item (Join-Path $small ('IMG_{0:0000}.jpg' -f $n)) (Join-Path $pairs ('p{0:00}a.jpg' -f $n))
            Copy-Item (Join-Path $small ('IMG_{0:0000}.jpg' -f $n)) (Join-Path $pairs ('p{0:00}b.jpg' -f $n))
        }
        $pairsWs = Join-Path $TestDrive 'pairs-ws'
        $run1 = @(Import-PhotoBatch $pairs -BatchId pairs -Workspace $pairsWs | Invoke-Preprocess -ThrottleLimit 2)
        $json1 = Get-Content -Raw (Join-Path $pairsWs 'intermediateJsons/preprocess/pairs.json')
        $null = Import-PhotoBatch $pairs -BatchId pairs -Workspace $pairsWs | Invoke-Preprocess -ThrottleLimit 2
        $json2 = Get-Content -Raw (Join-Path $pairsWs 'intermediateJsons/preprocess/pairs.json')
        $run1.Count | Should -Be 20
        @($run1 | Where-Object DuplicateOf).Count | Should -Be 10
        @($run1 | Where-Object { -not $_.Preprocess.FromCache }).Count | Should -Be 10 -Because 'each photo id is decoded once; its duplicate reuses the result'
        @(Get-ChildItem (Join-Path $pairsWs 'data/rankingInput') -File -Recurse).Count | Should -Be 10
        $json2 | Should -BeExactly $json1
    }
}

Describe 'Batches' {
    It 'gives photos from two Import-PhotoBatch calls with different -BatchId each their own stage JSON' {
        $batchWs = Join-Path $TestDrive 'two-batches'
        $a = Join-Path $shoot 'IMG_0001.jpg'
        $b = Join-Path $shoot 'IMG_0005.jpg'
        $out = @(& { Import-PhotoBatch $a -BatchId alpha -Workspace $batchWs; Import-PhotoBatch $b -BatchId beta -Workspace $batchWs } | Invoke-Preprocess)
        $out.Count | Should -Be 2
        $alpha = Get-Content -Raw (Join-Path $batchWs 'intermediateJsons/preprocess/alpha.json') | ConvertFrom-Json
        $beta = Get-Content -Raw (Join-Path $batchWs 'intermediateJsons/preprocess/beta.json') | ConvertFrom-Json
        $alpha.batch_id | Should -Be 'alpha'
        @($alpha.artifacts.photo_id) | Should -Be @((Get-PhotoIdOf $a))
        $beta.batch_id | Should -Be 'beta'
        @($beta.artifacts.photo_id) | Should -Be @((Get-PhotoIdOf $b))
    }

    It 'leaves other batches'' stage JSON alone' {
        Import-PhotoBatch (Join-Path $shoot 'IMG_0001.jpg') -BatchId other -Workspace $ws | Invoke-Preprocess | Out-Null
        Join-Path $ws 'intermediateJsons/preprocess/other.json' | Should -Exist
        Get-Content -Raw -LiteralPath $preprocessPath | Should -BeExactly $preprocessJson
    }

    It 'writes into -Workspace when given, instead of the photo''s own workspace' {
        $elsewhere = Join-Path $TestDrive 'elsewhere'
        $photo = Import-PhotoBatch (Join-Path $shoot 'IMG_0006.jpg') -BatchId moved -Workspace (Join-Path $TestDrive 'origin')
        $done = $photo | Invoke-Preprocess -Workspace $elsewhere
        $done.Preprocess.RankingPath | Should -BeLike (Join-Path $elsewhere 'data/rankingInput/*')
        Join-Path $elsewhere 'intermediateJsons/preprocess/moved.json' | Should -Exist
        Join-Path $TestDrive 'origin/intermediateJsons/preprocess' | Should -Not -Exist
    }
}

Describe 'Early end of the pipeline' {
    BeforeAll {
        $script:earlyWs = Join-Path $TestDrive 'first-ws'
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $script:one = @(Import-PhotoBatch $shoot -Recurse -Workspace $earlyWs -BatchId early | Invoke-Preprocess -ThrottleLimit 2 | Select-Object -First 1)
        $script:seconds = $watch.Elapsed.TotalSeconds
        $script:countNow = @(Get-ChildItem (Join-Path $earlyWs 'data') -Recurse -File -Force -ErrorAction SilentlyContinue).Count
        Start-Sleep -Milliseconds 1500
        $script:countLater = @(Get-ChildItem (Join-Path $earlyWs 'data') -Recurse -File -Force -ErrorAction SilentlyContinue).Count
    }

    It 'Select-Object -First 1 returns one photo and finishes' {
        $one.Count | Should -Be 1
        $one[0].FileName | Should -Be 'IMG_0001.jpg'
        $one[0].Preprocess.StandardizedPath | Should -Exist
        $seconds | Should -BeLessThan 30 -Because 'the workers must stop instead of finishing the batch'
    }

    It 'stops the workers: fewer photos were processed, and nothing is written afterwards' {
        @(Get-ChildItem (Join-Path $earlyWs 'data/input') -File -Recurse).Count | Should -BeLessThan 12
        $countLater | Should -Be $countNow
    }

    It 'leaves no half-written file behind' {
        Get-ChildItem $earlyWs -Recurse -File -Force | Where-Object { $_.Name -like '.*.tmp' } | Should -BeNullOrEmpty
    }

    It 'stops at once on Ctrl+C (PowerShell.Stop) and leaves nothing half-written' {
        $stopWs = Join-Path $TestDrive 'stop-ws'
        $derived = Join-Path $stopWs 'data/input'
        $stop = Stop-WhenWorkStarts -WaitFor $derived -Arguments $env:PHOTOCURATION_MODULE, $shoot, $stopWs -Script {
            param($module, $shoot, $ws)
            Import-Module $module
            Import-PhotoBatch $shoot -Recurse -Workspace $ws -BatchId stopped -ThrottleLimit 1 | Invoke-Preprocess -ThrottleLimit 1
        }
        $stop.StopSeconds | Should -BeLessThan 10
        $stop.State | Should -Be 'Stopped'
        $countNow = @(Get-ChildItem $derived -File).Count
        $countNow | Should -BeLessThan 12
        Start-Sleep -Milliseconds 1000
        @(Get-ChildItem $derived -File).Count | Should -Be $countNow
        Get-ChildItem $stopWs -Recurse -File -Force | Where-Object { $_.Name -like '.*.tmp' } | Should -BeNullOrEmpty
        Join-Path $stopWs 'intermediateJsons/preprocess/stopped.json' | Should -Not -Exist
    }

    It 'resumes from the cache on the next run' {
        $all = @(Import-PhotoBatch $shoot -Recurse -Workspace $earlyWs -BatchId early | Invoke-Preprocess)
        $all.Count | Should -Be 13
        ($all | Where-Object FileName -EQ 'IMG_0001.jpg').Preprocess.FromCache | Should -BeTrue
        @($all | Where-Object { -not $_.Preprocess.FromCache }).Count | Should -BeGreaterThan 0
        Join-Path $earlyWs 'intermediateJsons/preprocess/early.json' | Should -Exist
    }
}

Describe 'Progress' {
    It 'writes progress under one activity per cmdlet, each ending with a Completed record' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($module, $shoot, $ws)
                    $ProgressPreference = 'Continue'
                    Import-Module $module
                    Import-PhotoBatch $shoot -Recurse -Workspace $ws -BatchId progress | Invoke-Preprocess
                }).AddArgument($env:PHOTOCURATION_MODULE).AddArgument($shoot).AddArgument((Join-Path $TestDrive 'progress-ws'))
            $out = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $out.Count | Should -Be 13
            $records = @($ps.Streams.Progress)
            $records | Should -Not -BeNullOrEmpty
            $byActivity = $records | Group-Object ActivityId
            @($byActivity).Count | Should -Be 2
            foreach ($group in $byActivity) {
                @($group.Group.Activity | Select-Object -Unique).Count | Should -Be 1
                $group.Group[-1].RecordType | Should -Be 'Completed'
            }
        }
        finally { $ps.Dispose() }
    }

    It 'does not break a non-interactive session with redirected output' {
        $progressWs = Join-Path $TestDrive 'noninteractive-ws'
        $child = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'Continue'
Import-Module '$env:PHOTOCURATION_MODULE'
`$photos = @(Import-PhotoBatch '$shoot' -Recurse -Workspace '$progressWs' -BatchId ni -ErrorVariable e1 | Invoke-Preprocess -ThrottleLimit 1 -ErrorVariable e2)
'RESULT=' + (@{ Count = `$photos.Count; Errors = @(`$e1).Count + @(`$e2).Count; NonInteractive = [Environment]::GetCommandLineArgs() -contains '-NonInteractive' } | ConvertTo-Json -Compress)
"@
        $child.ExitCode | Should -Be 0 -Because ($child.Output + $child.StdErr -join "`n")
        $child.Result.NonInteractive | Should -BeTrue
        $child.Result.Count | Should -Be 13
        $child.Result.Errors | Should -Be 0
        $child.StdErr | Should -BeNullOrEmpty
    }
}

Describe 'Per-photo errors' {
    BeforeAll {
        $script:errWs = Join-Path $TestDrive 'err-ws'
        $script:work = Join-Path $TestDrive 'changing'
        New-Item -ItemType Directory $work | Out-Null
        Copy-Item (Join-Path $shoot 'IMG_000[1-5].jpg') $work
        New-BadHuffmanJpeg (Join-Path $shoot 'IMG_0006.jpg') (Join-Path $work 'IMG_0006.jpg')   # header fine, pixels undecodable
        $script:imported = @(Import-PhotoBatch $work -Workspace $errWs -BatchId errs)
        # After import: one file changes, one disappears.
        Copy-Item (Join-Path $shoot 'IMG_0007.jpg') (Join-Path $work 'IMG_0002.jpg') -Force
        Remove-Item (Join-Path $work 'IMG_0004.jpg')
        $script:done = @($imported | Invoke-Preprocess -ErrorVariable e -ErrorAction SilentlyContinue)
        $script:errors = @($e)
        $script:json = Get-Content -Raw (Join-Path $errWs 'intermediateJsons/preprocess/errs.json') | ConvertFrom-Json
    }

    It 'imports all six, since the damage is only found by decoding' {
        $imported.Count | Should -Be 6
    }

    It 'reports <Name> once as <Id>, with the file as target' -ForEach @(
        @{ Name = 'IMG_0002.jpg'; Id = 'FileChanged' }
        @{ Name = 'IMG_0004.jpg'; Id = 'FileNotFound' }
        @{ Name = 'IMG_0006.jpg'; Id = 'DecodeFailed' }
    ) {
        $mine = @($errors | Where-Object { $_.TargetObject -eq (Join-Path $work $Name) })
        $mine.Count | Should -Be 1
        $mine[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        "$mine" | Should -Match ([regex]::Escape($Name))
    }

    It 'goes on with the rest' {
        $errors.Count | Should -Be 3
        @($done.FileName) | Should -Be @('IMG_0001.jpg', 'IMG_0003.jpg', 'IMG_0005.jpg')
    }

    It 'lists the errors in the preprocess stage JSON and only the good photos as artifacts' {
        @($json.artifacts.original_uri) | Should -Be @($done.Path | ForEach-Object { ConvertTo-FileUri $_ })
        $json.errors.Count | Should -Be 3
        foreach ($record in $errors) {
            $entry = @($json.errors | Where-Object uri -EQ (ConvertTo-FileUri $record.TargetObject))
            $entry.Count | Should -Be 1
            $entry[0].error_id | Should -Be $record.FullyQualifiedErrorId.Split(',')[0]
            $entry[0].message | Should -Not -BeNullOrEmpty
        }
    }

    It 'refuses an image over -MaxMegapixels before decoding it' {
        $photo = Import-PhotoBatch (Join-Path $shoot 'IMG_0008.jpg') -Workspace $errWs -BatchId mp
        $photo | Invoke-Preprocess -MaxMegapixels 1 -ErrorVariable mpError -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $mpError[0].FullyQualifiedErrorId | Should -BeLike 'PixelLimitExceeded,*'
        $mpError[0].TargetObject | Should -Be (Join-Path $shoot 'IMG_0008.jpg')
    }

    It 'stops at the first failure with -ErrorAction Stop' {
        $caught = $null
        try { $imported | Invoke-Preprocess -Workspace (Join-Path $TestDrive 'stop-ws') -ErrorAction Stop | Out-Null }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'FileChanged,*'
        $caught.TargetObject | Should -Be (Join-Path $work 'IMG_0002.jpg')
    }
}

Describe 'Read-only originals' {
    It 'never wrote, moved or deleted anything under the input folder' {
        ConvertTo-SnapshotText (Get-FolderSnapshot $shoot) | Should -Be (ConvertTo-SnapshotText $before)
    }
}
