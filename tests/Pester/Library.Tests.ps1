# Library-relative originals (issue 18): a run given -Library records its photos as archive:/relative/path
# in the stage JSON and curated_list.json, and later steps resolve them with their own -Library, so the
# library may move (or be mounted elsewhere, on another OS) between the run and the next step.
BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    $script:a = Join-Path $TestDrive 'mount-a'
    $script:b = Join-Path $TestDrive 'mount-b'
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $shoot = Join-Path $a 'Shoot 2019'
    New-PhotoSampleShoot -Path $shoot -Width 600 -Height 400 | Out-Null
    # IMG_0006 as a RAW + JPEG pair (the RAW wraps the camera's JPEG; locked in, so the set holds it); the shoot
    # already holds an exact copy, 'copies/IMG_0003 copy.jpg'.
    New-TestRawFile (Join-Path $shoot 'IMG_0006.CR2') ([IO.File]::ReadAllBytes((Join-Path $shoot 'IMG_0006.jpg'))) -Kind Tiff -Make 'Canon'
    $script:ws = Join-Path $TestDrive 'ws'
    $script:run = Invoke-PhotoCuration -Path 'archive:/Shoot 2019' -Library @{ archive = $a } -Recurse -Workspace $ws -BatchId lib -Count 4 -LockIn 'IMG_0006.CR2' -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
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

Describe 'The later steps of a moved library, each with its own -Library' {
    # The batch was run with the library at mount-a; it now lives at mount-b. A step given -Library @{ archive = mount-b }
    # reads the originals there; without it, the recorded root (gone) is not used and each photo is an UnknownLibrary error.
    BeforeAll {
        # Photos resolved before the move (their Path under mount-a), as a pipeline variable or another machine holds them.
        $script:stale = @(Import-PhotoStage (Join-Path $json 'ingest/lib.json'))
        $script:stale2 = @(Import-PhotoStage (Join-Path $json 'ingest/lib.json'))
        $script:staleSet = Import-PhotoStage (Join-Path $json 'optimizer/lib.json')
        $script:stale3 = @(Import-PhotoStage (Join-Path $json 'ingest/lib.json'))
        $script:staleSet2 = Import-PhotoStage (Join-Path $json 'optimizer/lib.json')
        $script:staleSet3 = Import-PhotoStage (Join-Path $json 'optimizer/lib.json')
        $script:runPreprocess = Get-Content -Raw (Join-Path $json 'preprocess/lib.json') | ConvertFrom-Json
        # A batch file written before the move, naming the photos in the library.
        $script:batchFile = Join-Path $TestDrive 'ingest_input.json'
        $null = New-PhotoBatchInput -Path 'archive:/Shoot 2019' -Library @{ archive = $a } -Recurse -OutFile $batchFile -BatchId libfile
        Move-Item -LiteralPath $a -Destination $b
        $script:newRoot = @{ archive = $b }
        $script:scoring = Get-Content -Raw (Join-Path $json 'scoring/lib.json') | ConvertFrom-Json
        $script:scoredIds = @($scoring.scores.photo_id | Sort-Object -Unique)
        # One UnknownLibrary error per scored photo, naming the -Library to give (a step may add its own follow-on errors).
        function script:Assert-UnknownLibrary($errors) {
            $unknown = @($errors | Where-Object FullyQualifiedErrorId -Like 'UnknownLibrary*')
            $unknown.Count | Should -Be $scoredIds.Count
            foreach ($e in $unknown) {
                $e.FullyQualifiedErrorId | Should -BeLike 'UnknownLibrary*'
                "$e" | Should -Match 'archive:/Shoot 2019/.*-Library @\{ archive = '
            }
        }
    }
    AfterAll { Move-Item -LiteralPath $b -Destination $a }

    It 'Invoke-Preprocess | Get-PhotoFeatures | Find-PhotoFace | Measure-PhotoScore: photos resolved before the move are read at the new place' {
        $fresh = Join-Path $TestDrive 'stages-ws'
        $done = @($stale | Invoke-Preprocess -Library $newRoot -Workspace $fresh | Get-PhotoFeatures -Library $newRoot | Find-PhotoFace -Library $newRoot |
            Measure-PhotoScore -Library $newRoot -IncludeDropped -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $errors | Should -BeNullOrEmpty
        $done.Count | Should -Be $stale.Count
        foreach ($p in $done) {
            $p.Path | Should -BeLike (Join-Path $b '*')
            $p.Preprocess.OriginalPath | Should -Be $p.Path
            Test-Path -LiteralPath $p.Preprocess.StandardizedPath | Should -BeTrue
        }
        (Get-Content -Raw (Join-Path $fresh 'intermediateJsons/preprocess/lib.json') | ConvertFrom-Json).artifacts.original_uri | ForEach-Object { $_ | Should -BeLike 'archive:/Shoot 2019/*' }

        # A library the step has no root for: one UnknownLibrary error per photo, from each of them.
        foreach ($cmdlet in 'Invoke-Preprocess', 'Get-PhotoFeatures', 'Find-PhotoFace', 'Measure-PhotoScore') {
            $null = $stale2 | & $cmdlet -Library @{ studio = $b } -Workspace (Join-Path $TestDrive "unknown-$cmdlet") -ErrorVariable unknown -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            @($unknown).Count | Should -Be $stale2.Count -Because $cmdlet
            $unknown | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'UnknownLibrary*' }
        }
        # Without -Library a photo keeps the Path it came with: the original is no longer there.
        $null = $stale2 | Invoke-Preprocess -Workspace (Join-Path $TestDrive 'stale-ws') -ErrorVariable missing -ErrorAction SilentlyContinue
        @($missing).Count | Should -Be $stale2.Count
        $missing | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'FileNotFound*'; "$_" | Should -BeLike "*$a*" }
    }

    It 'Export-CuratedList: a set resolved before the move copies its picks from the new place with -Library' {
        $out = Join-Path $TestDrive 'stale-set-out'
        $staleSet | Export-CuratedList -OutputPath $out -Workspace $ws -Library $newRoot -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -BeNullOrEmpty
        foreach ($item in $staleSet.Items) {
            $item.Photo.Path | Should -BeLike (Join-Path $b '*')
            $copy = Get-ChildItem $out -File -Filter "*_$($item.Photo.FileName)"
            (Get-FileHash $copy.FullName).Hash | Should -Be (Get-FileHash -LiteralPath $item.Photo.Path).Hash
        }
        # A library the step has no root for: one UnknownLibrary error per pick, and no export.
        $none = Join-Path $TestDrive 'unknown-set-out'
        $staleSet | Export-CuratedList -OutputPath $none -Workspace $ws -Library @{ studio = $b } -Confirm:$false -ErrorVariable unknown -ErrorAction SilentlyContinue
        @($unknown).Count | Should -Be $staleSet.Items.Count
        $unknown | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'UnknownLibrary*' }
        Test-Path (Join-Path $none 'curated_list.json') | Should -BeFalse
    }

    It 'A RAW + JPEG pair and an exact copy: -Library moves every original they name, and derived names and cache entries stay' {
        $pair = @($stale3 | Where-Object CompanionPath)
        $pair.FileName | Should -Be 'IMG_0006.CR2'
        $pair[0].CompanionPath | Should -Be (Join-Path $a 'Shoot 2019/IMG_0006.jpg')
        $copy = @($stale3 | Where-Object DuplicateOf)
        $copy.Count | Should -Be 1
        $copy[0].DuplicateOf | Should -BeLike (Join-Path $a '*')

        # In a copy of the run's workspace: the per-photo stage finds each photo's cache entry (keyed by photo id) and
        # rewrites no derived image; the names it gives are the run's own (the file name of DuplicateOf ?? Path, and the id).
        $cached = Join-Path $TestDrive 'ws-cached'
        Copy-Item -LiteralPath $ws -Destination $cached -Recurse
        $written = @{}; Get-ChildItem (Join-Path $cached 'data') -Recurse -File -Filter '*.jpg' | ForEach-Object { $written[$_.FullName] = $_.LastWriteTimeUtc }
        $done = @($stale3 | Invoke-Preprocess -Library $newRoot -Workspace $cached -ErrorVariable errors -ErrorAction SilentlyContinue)
        $errors | Should -BeNullOrEmpty
        $done.Count | Should -Be $stale3.Count
        $donePair = $done | Where-Object FileName -EQ 'IMG_0006.CR2'
        $donePair.Path | Should -Be (Join-Path $b 'Shoot 2019/IMG_0006.CR2')
        $donePair.CompanionPath | Should -Be (Join-Path $b 'Shoot 2019/IMG_0006.jpg')
        Test-Path -LiteralPath $donePair.CompanionPath | Should -BeTrue
        $doneCopy = $done | Where-Object DuplicateOf
        $doneCopy.DuplicateOf | Should -Be ($copy[0].DuplicateOf.Replace($a, $b))
        Test-Path -LiteralPath $doneCopy.DuplicateOf | Should -BeTrue
        $runStd = @($runPreprocess.artifacts.std_uri | ForEach-Object { Split-Path -Leaf $_ })
        # One artifact per photo id: the exact copy is named after its original, before the move and after it.
        $runStd.Count | Should -Be @($stale3.PhotoId | Sort-Object -Unique).Count
        Split-Path -Leaf $doneCopy.Preprocess.StandardizedPath | Should -BeLike "$([IO.Path]::GetFileNameWithoutExtension($doneCopy.DuplicateOf))_*"
        foreach ($p in $done) { Split-Path -Leaf $p.Preprocess.StandardizedPath | Should -BeIn $runStd }
        Get-ChildItem (Join-Path $cached 'data') -Recurse -File -Filter '*.jpg' | ForEach-Object { $_.LastWriteTimeUtc | Should -Be $written[$_.FullName] -Because $_.Name }

        # Export-CuratedList -Library: the locked-in pair is a pick, copied from the new place with its companion there.
        $out = Join-Path $TestDrive 'pair-set-out'
        $staleSet2 | Export-CuratedList -OutputPath $out -Workspace $ws -Library $newRoot -Confirm:$false -ErrorVariable exportErrors -ErrorAction SilentlyContinue
        $exportErrors | Should -BeNullOrEmpty
        $pick = @($staleSet2.Items | Where-Object { $_.Photo.FileName -eq 'IMG_0006.CR2' })
        $pick.Count | Should -Be 1
        $pick[0].Photo.CompanionPath | Should -Be (Join-Path $b 'Shoot 2019/IMG_0006.jpg')
        $copied = Get-ChildItem $out -File -Filter '*_IMG_0006.CR2'
        (Get-FileHash $copied.FullName).Hash | Should -Be (Get-FileHash -LiteralPath (Join-Path $b 'Shoot 2019/IMG_0006.CR2')).Hash

        # Without -Library the set keeps the paths it was resolved with: each pick's original is gone from there.
        $gone = Join-Path $TestDrive 'pair-set-gone'
        $staleSet3 | Export-CuratedList -OutputPath $gone -Workspace $ws -Confirm:$false -ErrorVariable goneErrors -ErrorAction SilentlyContinue
        @($goneErrors).Count | Should -Be $staleSet3.Items.Count
        $goneErrors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'OriginalNotFound*'; "$_" | Should -BeLike "*$a*no longer exists*" }
        @($goneErrors | Where-Object { "$_" -like '*IMG_0006.CR2*' }).Count | Should -Be 1
    }

    It 'New-PhotoBatchInput writes archive:/…, which Import-PhotoBatch and Invoke-PhotoCuration -BatchFile read at the new place' {
        $uris = @((Get-Content -Raw $batchFile | ConvertFrom-Json).photos.uri)
        # One entry per file: the RAW + JPEG pair is two, paired again when imported.
        $uris.Count | Should -Be ($stale.Count + @($stale | Where-Object CompanionPath).Count)
        $uris | ForEach-Object { $_ | Should -BeLike 'archive:/Shoot 2019/*' }

        $bws = Join-Path $TestDrive 'batchfile-ws'
        $photos = @(Import-PhotoBatch -BatchFile $batchFile -Library $newRoot -Workspace $bws -ErrorVariable errors -ErrorAction SilentlyContinue)
        $errors | Should -BeNullOrEmpty
        $photos.Count | Should -Be $stale.Count
        $photos | ForEach-Object { $_.Path | Should -BeLike (Join-Path $b '*') }
        (Get-Content -Raw (Join-Path $bws 'intermediateJsons/ingest/libfile.json') | ConvertFrom-Json).photo_index.uri | ForEach-Object { $_ | Should -BeLike 'archive:/Shoot 2019/*' }
        $run = Invoke-PhotoCuration -BatchFile $batchFile -Library $newRoot -Workspace (Join-Path $TestDrive 'batchfile-run') -Count 2 -ErrorVariable runErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $runErrors | Should -BeNullOrEmpty
        $run.Imported | Should -Be $stale.Count

        { Import-PhotoBatch -BatchFile $batchFile -Workspace (Join-Path $TestDrive 'batchfile-none') -ErrorAction Stop } | Should -Throw '*-Library @{ archive = *'
        { Invoke-PhotoCuration -BatchFile $batchFile -Workspace (Join-Path $TestDrive 'batchfile-none2') -ErrorAction Stop } | Should -Throw '*-Library @{ archive = *'
    }

    It 'Export-CurationReport: every photo on the page with -Library; without it, one UnknownLibrary error per photo' {
        $page = Join-Path $TestDrive 'moved-review.html'
        $file = Export-CurationReport -Batch lib -Workspace $ws -OutFile $page -Library $newRoot -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -BeNullOrEmpty
        $file.FullName | Should -Be $page
        $html = Get-Content -Raw $page
        $ingest = Get-Content -Raw (Join-Path $json 'ingest/lib.json') | ConvertFrom-Json
        foreach ($entry in $ingest.photo_index | Where-Object { $scoredIds -contains $_.photo_id -and -not $_.duplicate_of }) {
            $html | Should -Match ([regex]::Escape([System.Net.WebUtility]::HtmlEncode(($entry.uri -split '/')[-1])))
        }

        $null = Export-CurationReport -Batch lib -Workspace $ws -OutFile (Join-Path $TestDrive 'unresolved.html') -ErrorVariable missing -ErrorAction SilentlyContinue
        Assert-UnknownLibrary $missing
        @($missing).Count | Should -Be $scoredIds.Count
    }

    It 'Start-CurationReview: an action re-exports the picks, copying a new pick from the moved original; without -Library, UnknownLibrary' {
        $review = Start-CurationReview -Batch lib -Workspace $ws -Library $newRoot -ErrorVariable errors -ErrorAction SilentlyContinue
        try {
            $errors | Should -BeNullOrEmpty
            $token = [regex]::Match((Invoke-WebRequest $review.Url).Content, 'data-token="([0-9a-f]+)"').Groups[1].Value
            $listPath = Join-Path $ws 'data/output/lib/curated_list.json'
            $before = @((Get-Content -Raw $listPath | ConvertFrom-Json).items.photo_id)
            $outsider = @($scoring.scores | Where-Object { $_.photo_id -notin $before -and $_.verdict -ne 'dropped' } | ForEach-Object photo_id)[0]
            $outsider | Should -Not -BeNullOrEmpty
            $answer = Invoke-RestMethod "$($review.Url)api/action" -Method Post -ContentType 'application/json' -Headers @{ 'X-Review-Token' = $token } -Body (@{ action = 'lock'; photo_id = $outsider } | ConvertTo-Json)
            $answer.selected_ids | Should -Contain $outsider
            $item = (Get-Content -Raw $listPath | ConvertFrom-Json).items | Where-Object photo_id -eq $outsider
            $item.artifacts.original | Should -BeLike 'archive:/Shoot 2019/*'
            $original = Join-Path $b ($item.artifacts.original -replace '^archive:/', '')
            $copy = Get-ChildItem (Join-Path $ws 'data/output/lib') -File -Filter "*_$(Split-Path -Leaf $original)"
            (Get-FileHash $copy.FullName).Hash | Should -Be (Get-FileHash -LiteralPath $original).Hash
        }
        finally { $review | Stop-CurationReview }

        $unresolved = Start-CurationReview -Batch lib -Workspace $ws -ErrorVariable missing -ErrorAction SilentlyContinue
        if ($unresolved) { $unresolved | Stop-CurationReview }
        Assert-UnknownLibrary $missing
    }

    It 'Measure-CurationAgreement: matches the decisions beside the moved originals; without -Library, UnknownLibrary' {
        $ingest = Get-Content -Raw (Join-Path $json 'ingest/lib.json') | ConvertFrom-Json
        $rated = @($ingest.photo_index | Where-Object { -not $_.duplicate_of } | Select-Object -First 6)
        $i = 0
        foreach ($entry in $rated) {
            $rating = if ($i++ -lt 2) { 5 } else { 1 }
            $sidecar = [IO.Path]::ChangeExtension((Join-Path $b ($entry.uri -replace '^archive:/', '')), '.xmp')
            Set-Content -LiteralPath $sidecar -Value "<x:xmpmeta xmlns:x=`"adobe:ns:meta/`"><rdf:RDF xmlns:rdf=`"http://www.w3.org/1999/02/22-rdf-syntax-ns#`"><rdf:Description rdf:about=`"`" xmlns:xmp=`"http://ns.adobe.com/xap/1.0/`" xmp:Rating=`"$rating`"/></rdf:RDF></x:xmpmeta>"
        }
        try {
            $agreement = Measure-CurationAgreement -Batch lib -Workspace $ws -Reference 'archive:/Shoot 2019' -Library $newRoot -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $errors | Should -BeNullOrEmpty
            $agreement.Reference | Should -Be @((Join-Path $b 'Shoot 2019'))
            $agreement.PhotoCount | Should -Be $scoredIds.Count
            $agreement.MatchedCount | Should -Be $agreement.PhotoCount
            $agreement.PickCount | Should -Be 2

            $null = Measure-CurationAgreement -Batch lib -Workspace $ws -Reference (Join-Path $b 'Shoot 2019') -ErrorVariable missing -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            Assert-UnknownLibrary $missing
        }
        finally { Get-ChildItem (Join-Path $b 'Shoot 2019') -Filter *.xmp -Recurse | Remove-Item }
    }

    It 'New-PhotoTheme: learns from a shoot named archive:/… and records it library-relative' {
        $ingest = Get-Content -Raw (Join-Path $json 'ingest/lib.json') | ConvertFrom-Json
        foreach ($entry in $ingest.photo_index | Where-Object { -not $_.duplicate_of }) {
            $sidecar = [IO.Path]::ChangeExtension((Join-Path $b ($entry.uri -replace '^archive:/', '')), '.xmp')
            Set-Content -LiteralPath $sidecar -Value "<x:xmpmeta xmlns:x=`"adobe:ns:meta/`"><rdf:RDF xmlns:rdf=`"http://www.w3.org/1999/02/22-rdf-syntax-ns#`"><rdf:Description rdf:about=`"`" xmlns:xmp=`"http://ns.adobe.com/xap/1.0/`" xmp:Rating=`"3`"/></rdf:RDF></x:xmpmeta>"
        }
        try {
            $tws = Join-Path $TestDrive 'taste-ws'
            $learned = New-PhotoTheme -LearnFrom 'archive:/Shoot 2019' -Library $newRoot -Name moved -OutFile (Join-Path $TestDrive 'moved.yaml') -Workspace $tws -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $errors | Should -BeNullOrEmpty
            $learned.Shoots | Should -Be @((Join-Path $b 'Shoot 2019'))
            $batchIngest = Get-ChildItem (Join-Path $tws 'intermediateJsons/ingest') -Filter *.json | Select-Object -First 1
            (Get-Content -Raw $batchIngest.FullName | ConvertFrom-Json).photo_index.uri | ForEach-Object { $_ | Should -BeLike 'archive:/Shoot 2019/*' }

            # Without -Library, archive: is no drive of the shell.
            { New-PhotoTheme -LearnFrom 'archive:/Shoot 2019' -Name moved -OutFile (Join-Path $TestDrive 'unresolved.yaml') -Workspace $tws -ErrorAction Stop -WarningAction SilentlyContinue } |
                Should -Throw "*'archive'*"
        }
        finally { Get-ChildItem (Join-Path $b 'Shoot 2019') -Filter *.xmp -Recurse | Remove-Item }
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
        foreach ($cmdlet in 'Start-CurationReview', 'Export-CurationReport', 'Measure-CurationAgreement', 'New-PhotoTheme', 'New-PhotoBatchInput',
            'Invoke-Preprocess', 'Get-PhotoFeatures', 'Find-PhotoFace', 'Measure-PhotoScore') {
            (Get-Help $cmdlet -Parameter Library | Out-String) | Should -Match 'archive:/relative/path' -Because $cmdlet
            $text | Should -Match ([regex]::Escape($cmdlet)) -Because 'the topic lists every cmdlet that takes -Library'
        }
    }
}
