BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:shoot = New-TestShoot (Join-Path $TestDrive 'shoot') -Width 2400 -Height 1600
    $script:ws = Join-Path $TestDrive 'ws'
    $script:before = Get-FolderSnapshot $shoot
    $script:first = @(Import-PhotoBatch $shoot -Recurse -BatchId p1 -Workspace $ws | Invoke-Preprocess -Verbose 4>&1)
    $script:verbose = $first | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
    $script:photos = @($first | Where-Object { $_ -is [PhotoCuration.Photo] })
    $script:preprocessJson = Get-Content -Raw (Join-Path $ws 'intermediateJsons/preprocess/p1.json')
    $script:ingestJson = Get-Content -Raw (Join-Path $ws 'intermediateJsons/ingest/p1.json')
}

Describe 'Invoke-Preprocess' {
    It 'writes a ranking image (long edge 2048) and a standardized image (long edge 1024) per photo' {
        $photos.Count | Should -Be 13
        foreach ($photo in $photos) {
            $p = $photo.Preprocess
            $p.RankingPath | Should -Exist
            $p.StandardizedPath | Should -Exist
            [Math]::Max($p.RankingWidth, $p.RankingHeight) | Should -Be 2048
            [Math]::Max($p.StandardizedWidth, $p.StandardizedHeight) | Should -Be 1024
            $p.RankingPath | Should -BeLike (Join-Path $ws 'data/rankingInput/*')
            $p.StandardizedPath | Should -BeLike (Join-Path $ws 'data/input/*')
        }
    }

    It 'names derived files by stem and the first 8 hex digits of the photo id' {
        $photo = $photos[0]
        Split-Path -Leaf $photo.Preprocess.RankingPath | Should -Be ('IMG_0001_{0}.jpg' -f $photo.PhotoId.Substring(7, 8))
    }

    It 'applies EXIF orientation: the sideways-stored frame comes out portrait' {
        $rotated = $photos | Where-Object FileName -EQ 'IMG_0009.jpg'
        $rotated.Width | Should -BeGreaterThan $rotated.Height   # stored sideways
        $rotated.Preprocess.OriginalHeight | Should -BeGreaterThan $rotated.Preprocess.OriginalWidth
        $rotated.Preprocess.StandardizedHeight | Should -Be 1024
        $rotated.Preprocess.ProcessingMethod | Should -Match 'orientation 6'
    }

    It 'never upscales' {
        $small = New-TestShoot (Join-Path $TestDrive 'small') -Width 640 -Height 427
        $p = (Import-PhotoBatch (Join-Path $small 'IMG_0001.jpg') -Workspace (Join-Path $TestDrive 'small-ws') | Invoke-Preprocess).Preprocess
        $p.RankingWidth | Should -Be 640
        $p.StandardizedWidth | Should -Be 640
    }

    It 'reports per-stage timing on the verbose stream' {
        ($verbose.Message -join "`n") | Should -Match 'Invoke-Preprocess: 13 photos in [\d.]+ s'
    }

    It 'writes the preprocess stage JSON in the contract shape' {
        $json = $preprocessJson | ConvertFrom-Json
        $json.batch_id | Should -Be 'p1'
        $json.artifacts.Count | Should -Be 12   # the exact duplicate shares its original's artifact
        $a = $json.artifacts[0]
        $a.ranking_uri | Should -BeLike 'data/rankingInput/IMG_0001_*.jpg'
        $a.std_uri | Should -BeLike 'data/input/IMG_0001_*_std.jpg'
        $a.processing_metadata.original_size | Should -Be @(2400, 1600)
        $a.processing_metadata.standardized_size | Should -Be @(1024, 683)
        $a.processing_metadata.processing_method | Should -Not -BeNullOrEmpty
    }

    It 're-runs from the cache: nothing decoded, identical stage JSON' {
        $rankingTimes = $photos | ForEach-Object { (Get-Item $_.Preprocess.RankingPath).LastWriteTimeUtc }
        $again = @(Import-PhotoBatch $shoot -Recurse -BatchId p1 -Workspace $ws | Invoke-Preprocess)
        $again.Count | Should -Be 13
        $again.Preprocess.FromCache | Should -Not -Contain $false
        ($again | ForEach-Object { (Get-Item $_.Preprocess.RankingPath).LastWriteTimeUtc }) | Should -Be $rankingTimes
        Get-Content -Raw (Join-Path $ws 'intermediateJsons/preprocess/p1.json') | Should -BeExactly $preprocessJson
        Get-Content -Raw (Join-Path $ws 'intermediateJsons/ingest/p1.json') | Should -BeExactly $ingestJson
    }

    It 'recomputes a derived image that was damaged' {
        $victim = $photos[1].Preprocess.StandardizedPath
        $good = (Get-FileHash $victim).Hash
        [IO.File]::WriteAllBytes($victim, [byte[]](1, 2, 3))
        $again = Import-PhotoBatch (Join-Path $shoot 'IMG_0002.jpg') -BatchId repair -Workspace $ws | Invoke-Preprocess
        $again.Preprocess.FromCache | Should -BeFalse
        (Get-FileHash $victim).Hash | Should -Be $good
    }

    It 'keeps separate stage JSON per batch' {
        Import-PhotoBatch (Join-Path $shoot 'IMG_0001.jpg') -BatchId other -Workspace $ws | Invoke-Preprocess | Out-Null
        Join-Path $ws 'intermediateJsons/preprocess/other.json' | Should -Exist
        (Get-Content -Raw (Join-Path $ws 'intermediateJsons/preprocess/p1.json')) | Should -BeExactly $preprocessJson
    }

    It 'stops its workers when the pipeline ends early' {
        $fresh = Join-Path $TestDrive 'first-ws'
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $one = @(Import-PhotoBatch $shoot -Recurse -Workspace $fresh | Invoke-Preprocess | Select-Object -First 1)
        $sw.Stop()
        $one.Count | Should -Be 1
        # Fewer than all photos were decoded: the rest were cancelled.
        @(Get-ChildItem (Join-Path $fresh 'data/input') -File -ErrorAction SilentlyContinue).Count | Should -BeLessThan 12
    }

    It 'stops at once on Ctrl+C (PowerShell.Stop) and leaves no half-written file' {
        $fresh = Join-Path $TestDrive 'stop-ws'
        $ps = [powershell]::Create()
        [void]$ps.AddScript("Import-Module '$env:PHOTOCURATION_MODULE'; Import-PhotoBatch '$shoot' -Recurse -Workspace '$fresh' | Invoke-Preprocess -ThrottleLimit 1")
        $async = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (-not (Test-Path (Join-Path $fresh 'data/input')) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $sw.Stop()
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $sw.Elapsed.TotalSeconds | Should -BeLessThan 5
        $ps.Dispose()
        @(Get-ChildItem $fresh -Recurse -File -Filter '*.tmp' -Force).Count | Should -Be 0
        # The next run resumes: what was finished comes from the cache, the rest is made.
        $resumed = @(Import-PhotoBatch $shoot -Recurse -Workspace $fresh | Invoke-Preprocess)
        $resumed.Count | Should -Be 13
        $resumed.Preprocess.StandardizedPath | ForEach-Object { $_ | Should -Exist }
    }

    It 'reports a photo whose file changed after import' {
        $copy = Join-Path $TestDrive 'changing.jpg'
        Copy-Item (Join-Path $shoot 'IMG_0004.jpg') $copy
        $photo = Import-PhotoBatch -LiteralPath $copy -Workspace (Join-Path $TestDrive 'chg-ws')
        Copy-Item (Join-Path $shoot 'IMG_0005.jpg') $copy -Force
        $photo | Invoke-Preprocess -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'FileChanged,*'
        $e[0].TargetObject | Should -Be $copy
    }

    It 'never wrote to the input folder' {
        $after = Get-FolderSnapshot $shoot
        ($after | ConvertTo-Json) | Should -Be ($before | ConvertTo-Json)
    }
}
