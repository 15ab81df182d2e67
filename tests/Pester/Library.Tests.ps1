# Library-relative originals (issue 18): a run given -Library records its photos as archive:/relative/path
# in the stage JSON and curated_list.json, and later steps resolve them with their own -Library, so the
# library may move (or be mounted elsewhere, on another OS) between the run and the next step.
BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    $script:a = Join-Path $TestDrive 'mount-a'
    $script:b = Join-Path $TestDrive 'mount-b'
    New-PhotoSampleShoot -Path (Join-Path $a 'Shoot 2019') -Width 600 -Height 400 | Out-Null
    $script:ws = Join-Path $TestDrive 'ws'
    $script:run = Invoke-PhotoCuration -Path 'archive:/Shoot 2019' -Library @{ archive = $a } -Recurse -Workspace $ws -BatchId lib -Count 4 -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    $script:json = Join-Path $ws 'intermediateJsons'
    $script:firstList = Get-Content -Raw (Join-Path $ws 'data/output/lib/curated_list.json')
}

Describe 'Invoke-PhotoCuration -Library' {
    It 'records every original as archive:/… with forward slashes, in the stage JSON and curated_list.json' {
        $run.Selected | Should -Be 4
        $ingest = Get-Content -Raw (Join-Path $json 'ingest/lib.json') | ConvertFrom-Json
        @($ingest.photo_index.uri | Where-Object { $_ -notlike 'archive:/Shoot 2019/*' }) | Should -BeNullOrEmpty
        $ingest.photo_index.Count | Should -Be $run.Imported
        @($ingest.errors.uri | Where-Object { $_ -and $_ -notlike 'archive:/*' }) | Should -BeNullOrEmpty
        (Get-Content -Raw (Join-Path $json 'preprocess/lib.json') | ConvertFrom-Json).artifacts.original_uri | ForEach-Object { $_ | Should -BeLike 'archive:/Shoot 2019/*' }
        ($firstList | ConvertFrom-Json).items | ForEach-Object { $_.artifacts.original | Should -BeLike 'archive:/Shoot 2019/*' }
        # No stage file names the mount; only the recorded roots do.
        foreach ($file in Get-ChildItem $json -Recurse -File -Filter lib.json | Where-Object { $_.Directory.Name -ne 'library' }) {
            Get-Content -Raw $file.FullName | Should -Not -Match ([regex]::Escape($a)) -Because $file.FullName
        }
        (Get-Content -Raw (Join-Path $json 'library/lib.json') | ConvertFrom-Json).libraries.archive | Should -Be $a
    }

    It 'exports from a separate step after the library moved, with -Library pointing at its new place' {
        Move-Item -LiteralPath $a -Destination $b
        try {
            $errors = @()
            $set = Import-PhotoStage (Join-Path $json 'optimizer/lib.json') -Library @{ archive = $b } -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors | Should -BeNullOrEmpty
            $set | Should -BeOfType PhotoCuration.CuratedSet
            foreach ($item in $set.Items) {
                $item.Photo.Path | Should -BeLike (Join-Path $b '*')
                $item.Photo.LibraryPath | Should -BeLike 'archive:/Shoot 2019/*'
            }
            $out = Join-Path $TestDrive 'moved-out'
            $set | Export-CuratedList -OutputPath $out -Workspace $ws -Confirm:$false -ErrorVariable exportErrors -ErrorAction SilentlyContinue
            $exportErrors | Should -BeNullOrEmpty
            # Each copy is the moved original, byte for byte.
            foreach ($item in $set.Items) {
                $copy = Get-ChildItem $out -File -Filter "*_$($item.Photo.FileName)"
                (Get-FileHash $copy.FullName).Hash | Should -Be (Get-FileHash $item.Photo.Path).Hash
            }
            # The curated list is the run's own, the export date apart: it names the photos in the library, not on a mount.
            $normalize = { param($text) $text -replace '"(\w*(_ms|_at))"\s*:\s*("[^"]*"|[-0-9.eE]+|\{[^}]*\})', '"$1": <t>' }
            (& $normalize (Get-Content -Raw (Join-Path $out 'curated_list.json'))) | Should -BeExactly (& $normalize $firstList)

            # -MarkRejects reads the rejects' originals from the ingest record: through -Library, at the new place.
            $scoring = Get-Content -Raw (Join-Path $json 'scoring/lib.json') | ConvertFrom-Json
            $droppedIds = @($scoring.scores | Where-Object { $_.verdict -eq 'dropped' -and -not $_.locked } | ForEach-Object photo_id)
            $droppedIds.Count | Should -BeGreaterThan 0
            $set | Export-CuratedList -OutputPath (Join-Path $TestDrive 'rejects-out') -Workspace $ws -MarkRejects -Library @{ archive = $b } -Confirm:$false -ErrorVariable rejectErrors -ErrorAction SilentlyContinue
            $rejectErrors | Should -BeNullOrEmpty
            $ingest = Get-Content -Raw (Join-Path $json 'ingest/lib.json') | ConvertFrom-Json
            foreach ($entry in $ingest.photo_index | Where-Object { $droppedIds -contains $_.photo_id }) {
                $local = Join-Path $b ($entry.uri -replace '^archive:/', '')
                [IO.Path]::ChangeExtension($local, '.xmp') | Should -Exist
            }
        }
        finally { Move-Item -LiteralPath $b -Destination $a }
    }

    It 'resolves through the roots the run recorded when a later step is given none' {
        $photos = @(Import-PhotoStage (Join-Path $json 'scoring/lib.json') -IncludeDropped)
        $photos.Count | Should -BeGreaterThan 0
        foreach ($p in $photos) { Test-Path -LiteralPath $p.Path | Should -BeTrue }
    }

    It 'gives one UnknownLibrary error per photo for a library with no root, and goes on' {
        $ingest = Get-Content -Raw (Join-Path $json 'ingest/lib.json') | ConvertFrom-Json
        $ids = @($ingest.photo_index.photo_id | Sort-Object -Unique)
        $photos = @(Import-PhotoStage (Join-Path $json 'ingest/lib.json') -Library @{ studio = $a } -ErrorVariable errors -ErrorAction SilentlyContinue)
        $photos | Should -BeNullOrEmpty
        $errors.Count | Should -Be $ids.Count
        foreach ($e in $errors) {
            $e.FullyQualifiedErrorId | Should -BeLike 'UnknownLibrary*'
            "$e" | Should -Match "archive:/Shoot 2019/.*-Library @\{ archive = "
        }
    }
}

Describe 'Import-PhotoBatch -Library' {
    It 'takes -Path archive:/… and records the photos library-relative, which the next cmdlet keeps' {
        $ws2 = Join-Path $TestDrive 'ws2'
        $photos = @(Import-PhotoBatch -Path 'archive:/Shoot 2019' -Library @{ archive = $a } -Recurse -Workspace $ws2 -BatchId lib2 | Invoke-Preprocess)
        $photos.Count | Should -Be $run.Imported
        $photos[0].LibraryPath | Should -BeLike 'archive:/Shoot 2019/*'
        $photos[0].Path | Should -BeLike (Join-Path $a '*')
        (Get-Content -Raw (Join-Path $ws2 'intermediateJsons/ingest/lib2.json') | ConvertFrom-Json).photo_index.uri | ForEach-Object { $_ | Should -BeLike 'archive:/*' }
        (Get-Content -Raw (Join-Path $ws2 'intermediateJsons/preprocess/lib2.json') | ConvertFrom-Json).artifacts.original_uri | ForEach-Object { $_ | Should -BeLike 'archive:/*' }
    }

    It 'without -Library records file URIs and no library, as before' {
        $ws3 = Join-Path $TestDrive 'ws3'
        $null = @(Import-PhotoBatch -Path (Join-Path $a 'Shoot 2019') -Recurse -Workspace $ws3 -BatchId lib3)
        (Get-Content -Raw (Join-Path $ws3 'intermediateJsons/ingest/lib3.json') | ConvertFrom-Json).photo_index.uri | ForEach-Object { $_ | Should -BeLike 'file:///*' }
        Test-Path (Join-Path $ws3 'intermediateJsons/library') | Should -BeFalse
    }
}

Describe 'about_PhotoCuration_Library' {
    It 'explains the recorded form, how steps resolve it and the UnknownLibrary error' {
        $text = Get-Help about_PhotoCuration_Library | Out-String
        $text | Should -Match 'archive:/2019/Day 1/IMG_0001.jpg'
        $text | Should -Match 'UnknownLibrary'
        $text | Should -Match 'intermediateJsons/library/<batch>.json'
        (Get-Help Import-PhotoStage -Parameter Library | Out-String) | Should -Match 'archive:/relative/path'
        (Get-Help Import-PhotoBatch -Parameter Library | Out-String) | Should -Match 'archive:/relative/path'
    }
}
