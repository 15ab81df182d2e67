# Import-PhotoBatch and New-PhotoBatchInput: folders, the pipeline, batch files, lock-in/exclude, content
# ids and duplicates, the ingest stage JSON, bad input (one error per bad file, the rest goes on), and
# the promise that nothing under the input folders is ever written.

BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:shoot = New-TestShoot (Join-Path $TestDrive 'shoot')
    $script:ws = Join-Path $TestDrive 'ws'
    $script:frames = @(1..12 | ForEach-Object { 'IMG_{0:0000}.jpg' -f $_ }) + 'IMG_0003 copy.jpg'
}

Describe 'Import-PhotoBatch -Path folder -Recurse' {
    BeforeAll {
        $script:photos = @(Import-PhotoBatch -Path $shoot -Recurse -BatchId trip -Workspace $ws)
        $script:ingestPath = Join-Path $ws 'intermediateJsons/ingest/trip.json'
    }

    It 'imports every frame once, in path order' {
        $photos.FileName | Should -Be $frames
        $photos | ForEach-Object { $_ | Should -BeOfType ([PhotoCuration.Photo]) }
    }

    It 'fills the batch-level fields' {
        $photos.BatchId | Select-Object -Unique | Should -Be 'trip'
        $photos.Workspace | Select-Object -Unique | Should -Be $ws
        $photos[0].Path | Should -Be (Join-Path $shoot 'IMG_0001.jpg')
    }

    It 'gives each photo ''sha256:'' + the 64 hex digits of its bytes as id' {
        foreach ($photo in $photos) {
            $photo.PhotoId | Should -MatchExactly '^sha256:[0-9a-f]{64}$'
            $photo.PhotoId | Should -BeExactly ('sha256:' + (Get-FileHash -LiteralPath $photo.Path -Algorithm SHA256).Hash.ToLower())
        }
    }

    It 'records format, size and pixel dimensions from the file' {
        foreach ($photo in $photos) {
            $photo.Format | Should -Be 'Jpeg'
            $photo.FileSize | Should -Be (Get-Item -LiteralPath $photo.Path).Length
            "$($photo.Width)x$($photo.Height)" | Should -Be '320x214'
        }
    }

    It 'reads the EXIF a curator needs' {
        $first = $photos[0]
        $first.Exif.CaptureTimeLocal | Should -Be ([datetime]'2024-09-14T08:12:05.25')
        $first.Exif.CaptureOffset | Should -Be ([timespan]'02:00:00')
        $first.Exif.CameraMake | Should -Be 'PhotoCuration'
        $first.Exif.CameraModel | Should -Be 'Sample Camera S1'
        $first.Exif.LensModel | Should -Be 'Sample 35mm F1.8'
        $first.Exif.FNumber | Should -Be 2.8
        $first.Exif.ExposureTime | Should -Be 0.004
        $first.Exif.FocalLength | Should -Be 35
        $first.Exif.Iso | Should -Be 200
        $first.Exif.GpsLatitude | Should -BeGreaterThan 46.55
        $first.Exif.GpsLatitude | Should -BeLessThan 46.56
        $first.Exif.Warnings | Should -BeNullOrEmpty
        ($photos | Where-Object FileName -EQ 'IMG_0009.jpg').Exif.Orientation | Should -Be 6
        ($photos | Where-Object FileName -EQ 'IMG_0004.jpg').Exif.ExposureTime | Should -Be 0.125
    }

    It 'marks the byte-identical copy as a duplicate of the original''s path' {
        $copy = $photos | Where-Object FileName -EQ 'IMG_0003 copy.jpg'
        $original = $photos | Where-Object FileName -EQ 'IMG_0003.jpg'
        $copy.DuplicateOf | Should -Be $original.Path
        $copy.PhotoId | Should -Be $original.PhotoId
        @($photos | Where-Object DuplicateOf).Count | Should -Be 1
    }

    It 'locks and excludes nothing unless asked' {
        $photos | Where-Object { $_.IsLocked -or $_.IsExcluded } | Should -BeNullOrEmpty
    }

    It 'writes the ingest stage JSON in the contract shape' {
        $text = Get-Content -Raw -LiteralPath $ingestPath
        $json = $text | ConvertFrom-Json
        $json.batch_id | Should -Be 'trip'
        $json.photo_index.Count | Should -Be 13
        for ($i = 0; $i -lt 13; $i++) {
            $json.photo_index[$i].photo_id | Should -Be $photos[$i].PhotoId
            $json.photo_index[$i].uri | Should -Be (ConvertTo-FileUri $photos[$i].Path)
        }
        $json.photo_index[0].exif.capture_offset | Should -Be '+02:00'
        $text | Should -Match '"capture_time": "2024-09-14T08:12:05.25'
        $json.PSObject.Properties.Name | Should -Contain 'theme_spec_ref'
        @($json.user_overrides.lock_in).Count | Should -Be 0
        @($json.user_overrides.exclude).Count | Should -Be 0
        @($json.errors).Count | Should -Be 0
        $json.idempotency_key | Should -Match '^[0-9a-f]{64}$'
        $text | Should -Not -MatchExactly '"[a-z0-9_]*[A-Z][A-Za-z0-9_]*":'   # snake_case keys only
    }

    It 'records the duplicate in the stage JSON' {
        $json = Get-Content -Raw -LiteralPath $ingestPath | ConvertFrom-Json
        $entry = $json.photo_index | Where-Object { $_.uri -like '*copy.jpg' }
        $entry.duplicate_of | Should -Be (ConvertTo-FileUri (Join-Path $shoot 'IMG_0003.jpg'))
    }

    It 'writes byte-identical stage JSON when run again' {
        $before = Get-Content -Raw -LiteralPath $ingestPath
        $null = Import-PhotoBatch -Path $shoot -Recurse -BatchId trip -Workspace $ws
        Get-Content -Raw -LiteralPath $ingestPath | Should -BeExactly $before
    }

    It 'scans only the top folder without -Recurse' {
        @(Import-PhotoBatch -Path $shoot -Workspace $ws).Count | Should -Be 12
    }

    It 'filters file names with -Include and -Exclude' {
        (Import-PhotoBatch $shoot -Recurse -Include 'IMG_000[1-3]*' -Workspace $ws).FileName | Should -Be @('IMG_0001.jpg', 'IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0003 copy.jpg')
        (Import-PhotoBatch $shoot -Recurse -Exclude '*copy*', 'IMG_001*' -Workspace $ws).FileName | Should -Be $frames[0..8]
    }

    It 'names the batch after the folder when no -BatchId is given' {
        (Import-PhotoBatch $shoot -Workspace $ws | Select-Object -First 1).BatchId | Should -Be 'shoot'
        Join-Path $ws 'intermediateJsons/ingest/shoot.json' | Should -Exist
    }

    It 'refuses a batch id that is not a safe file name' {
        { Import-PhotoBatch $shoot -BatchId '../evil' -Workspace $ws -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidBatchId,*'
        Join-Path $TestDrive 'evil.json' | Should -Not -Exist
    }

    It 'reports a -Path that matches nothing and goes on' {
        $result = @(Import-PhotoBatch (Join-Path $TestDrive 'no-such-folder'), (Join-Path $shoot 'IMG_0001.jpg') -Workspace $ws -ErrorVariable e -ErrorAction SilentlyContinue)
        $result.FileName | Should -Be 'IMG_0001.jpg'
        @($e).Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
    }

    It 'reports per-stage timing on the verbose stream' {
        $verbose = Import-PhotoBatch $shoot -Recurse -Workspace $ws -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'Import-PhotoBatch: 13 photos in [\d.]+ s'
        ($verbose.Message -join "`n") | Should -Match '1 exact duplicates'
    }
}

Describe 'Import-PhotoBatch from the pipeline' {
    It 'binds Get-ChildItem -Recurse -File output and finds the same photos as a folder import' {
        $piped = @(Get-ChildItem $shoot -Recurse -File | Import-PhotoBatch -Workspace $ws -BatchId piped)
        $folder = @(Import-PhotoBatch $shoot -Recurse -Workspace $ws -BatchId folder)
        $piped.Count | Should -Be 13
        @($piped | Sort-Object Path | ForEach-Object { "$($_.PhotoId) $($_.Path)" }) | Should -Be @($folder | Sort-Object Path | ForEach-Object { "$($_.PhotoId) $($_.Path)" })
        ($piped | Where-Object FileName -EQ 'IMG_0003 copy.jpg').DuplicateOf | Should -Be (Join-Path $shoot 'IMG_0003.jpg')
        $piped.BatchId | Select-Object -Unique | Should -Be 'piped'
    }

    It 'imports each file once when folders and their files are both piped' {
        $photos = @(Get-ChildItem $shoot -Recurse | Import-PhotoBatch -Recurse -Workspace $ws -BatchId mixed)
        $photos.Count | Should -Be 13
        @($photos.Path | Select-Object -Unique).Count | Should -Be 13
    }

    It 'imports a file named twice once' {
        $file = Join-Path $shoot 'IMG_0001.jpg'
        @(Import-PhotoBatch -LiteralPath $file, $file -Workspace $ws).Count | Should -Be 1
    }

    It 'resolves relative paths and the workspace against the PowerShell location, not the process directory' {
        Push-Location $TestDrive
        try {
            $photos = @(Import-PhotoBatch ./shoot -Workspace ./rel-ws -BatchId rel)
            $photos.Count | Should -Be 12
            $photos[0].Path | Should -Be (Join-Path $shoot 'IMG_0001.jpg')
            $photos[0].Workspace | Should -Be (Join-Path $TestDrive 'rel-ws')
            Join-Path $TestDrive 'rel-ws/intermediateJsons/ingest/rel.json' | Should -Exist
        }
        finally { Pop-Location }
    }

    It 'defaults the workspace to the current location' {
        $here = Join-Path $TestDrive 'here'
        New-Item -ItemType Directory -Force $here | Out-Null
        Push-Location $here
        try {
            $null = Import-PhotoBatch (Join-Path $shoot 'IMG_0001.jpg') -BatchId here
            Join-Path $here 'intermediateJsons/ingest/here.json' | Should -Exist
        }
        finally { Pop-Location }
    }
}

Describe 'Batch files (New-PhotoBatchInput, Import-PhotoBatch -BatchFile)' {
    BeforeAll {
        $script:batchFile = Join-Path $TestDrive 'ingest_input.json'
        $script:written = New-PhotoBatchInput -Path $shoot -Recurse -OutFile $batchFile -BatchId wedding_a -Theme autumn-editorial -LockIn IMG_0002.jpg -ExcludePhoto 'IMG_001*'
        $script:fromFile = @(Import-PhotoBatch -BatchFile $batchFile -Workspace $ws)
        $script:fromFolder = @(Import-PhotoBatch $shoot -Recurse -Workspace $ws -BatchId compare)
    }

    It 'writes ingest_input.json and returns it' {
        $written | Should -BeOfType ([System.IO.FileInfo])
        $written.FullName | Should -Be $batchFile
        $json = Get-Content -Raw -LiteralPath $batchFile | ConvertFrom-Json
        $json.batch_id | Should -Be 'wedding_a'
        $json.theme_spec_ref | Should -Be 'autumn-editorial'
        # The contract's shape: {batch_id, photos: [{uri}], theme_spec_ref, user_overrides: {lock_in, exclude}}.
        $json.PSObject.Properties.Name | Should -Be @('batch_id', 'photos', 'theme_spec_ref', 'user_overrides')
        $json.photos.Count | Should -Be 13
        $json.photos | ForEach-Object { $_.PSObject.Properties.Name | Should -Be 'uri'; $_.uri | Should -BeLike 'file:///*' }
        $json.user_overrides.lock_in | Should -Be 'IMG_0002.jpg'
        $json.user_overrides.exclude | Should -Be 'IMG_001*'
    }

    It 'imports the same photos as the folder it describes' {
        @($fromFile | ForEach-Object { "$($_.PhotoId) $($_.Path)" }) | Should -Be @($fromFolder | ForEach-Object { "$($_.PhotoId) $($_.Path)" })
        $fromFile.BatchId | Select-Object -Unique | Should -Be 'wedding_a'
    }

    It 'applies the file''s lock-in and exclude lists' {
        ($fromFile | Where-Object IsLocked).FileName | Should -Be 'IMG_0002.jpg'
        @(($fromFile | Where-Object IsExcluded).FileName | Sort-Object) | Should -Be @('IMG_0010.jpg', 'IMG_0011.jpg', 'IMG_0012.jpg')
    }

    It 'records theme and overrides in the ingest stage JSON' {
        $json = Get-Content -Raw (Join-Path $ws 'intermediateJsons/ingest/wedding_a.json') | ConvertFrom-Json
        $json.theme_spec_ref | Should -Be 'autumn-editorial'
        $json.user_overrides.lock_in | Should -Be 'IMG_0002.jpg'
        $json.user_overrides.exclude | Should -Be 'IMG_001*'
        ($json.photo_index | Where-Object locked).uri | Should -Be (ConvertTo-FileUri (Join-Path $shoot 'IMG_0002.jpg'))
        @($json.photo_index | Where-Object excluded).Count | Should -Be 3
    }

    It 'adds -LockIn and -ExcludePhoto given on the command line to the file''s lists' {
        $photos = @(Import-PhotoBatch -BatchFile $batchFile -Workspace $ws -LockIn IMG_0005.jpg -ExcludePhoto IMG_0001.jpg)
        @(($photos | Where-Object IsLocked).FileName | Sort-Object) | Should -Be @('IMG_0002.jpg', 'IMG_0005.jpg')
        ($photos | Where-Object IsExcluded).FileName | Should -Contain 'IMG_0001.jpg'
    }

    It 'refuses to overwrite a batch file without -Force' {
        $file = Join-Path $TestDrive 'exists.json'
        Set-Content -LiteralPath $file 'keep me'
        { New-PhotoBatchInput -Path $shoot -OutFile $file -ErrorAction Stop } | Should -Throw -ErrorId 'OutFileExists,*'
        Get-Content -LiteralPath $file | Should -Be 'keep me'
        New-PhotoBatchInput -Path $shoot -OutFile $file -Force | Should -Not -BeNullOrEmpty
        (Get-Content -Raw -LiteralPath $file | ConvertFrom-Json).photos.Count | Should -Be 12
    }

    It 'stops with InvalidBatchFile on a file that is not a batch' {
        $file = Join-Path $TestDrive 'not-a-batch.json'
        Set-Content -LiteralPath $file '{ "batch_id": '
        { Import-PhotoBatch -BatchFile $file -Workspace $ws -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidBatchFile,*'
        { Import-PhotoBatch -BatchFile (Join-Path $TestDrive 'missing.json') -Workspace $ws -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidBatchFile,*'
    }

    It 'reads the seed''s batch shape and the older photo_uris shape alike' {
        $uris = @($fromFolder | Select-Object -First 3 | ForEach-Object { ConvertTo-FileUri $_.Path })
        $seed = Join-Path $TestDrive 'seed.json'
        @{ batch_id = 'seed1'; photos = @($uris | ForEach-Object { @{ uri = $_ } }); theme_spec_ref = $null; user_overrides = @{ lock_in = @('IMG_0002.jpg'); exclude = @() } } |
            ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $seed
        $older = Join-Path $TestDrive 'older.json'
        @{ format = 1; batch_id = 'older1'; photo_uris = $uris } | ConvertTo-Json | Set-Content -LiteralPath $older
        $a = @(Import-PhotoBatch -BatchFile $seed -Workspace $ws)
        $b = @(Import-PhotoBatch -BatchFile $older -Workspace $ws)
        $a.Count | Should -Be 3
        $a.PhotoId | Should -Be $b.PhotoId
        $a[0].BatchId | Should -Be 'seed1'
    }

    It 'refuses an unknown key, a wrong type or an empty photo list, naming the file, the line and the key' {
        $cases = @(
            @{ Json = "{`n  ""batch_id"": ""x"",`n  ""photos"": [{""uri"": ""a.jpg""}],`n  ""lockin"": []`n}"; Line = 4; Key = 'lockin' }
            @{ Json = "{`n  ""batch_id"": ""x"",`n  ""photos"": [`n    {""uri"": 7}`n  ]`n}"; Line = 4; Key = 'photos[0].uri' }
            @{ Json = "{`n  ""batch_id"": ""x"",`n  ""photos"": []`n}"; Line = 3; Key = 'photos' }
            @{ Json = "{`n  ""batch_id"": ""x"",`n  ""photos"": [{""uri"": ""a.jpg""}],`n  ""user_overrides"": {""lock_in"": ""a.jpg""}`n}"; Line = 4; Key = 'user_overrides.lock_in' }
        )
        foreach ($case in $cases) {
            $file = Join-Path $TestDrive 'bad-batch.json'
            Set-Content -LiteralPath $file -Value $case.Json
            $err = $null
            try { Import-PhotoBatch -BatchFile $file -Workspace $ws -ErrorAction Stop | Out-Null } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty -Because $case.Key
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidBatchFile,*'
            # A literal match: '[0]' in a key would be a wildcard class to -BeLike.
            $err.Exception.Message.Contains("'$file', line $($case.Line), key '$($case.Key)'") | Should -BeTrue -Because $err.Exception.Message
        }
    }

    It 'reports a listed photo that has gone as FileNotFound and imports the rest' {
        $dir = Join-Path $TestDrive 'going'
        New-Item -ItemType Directory $dir | Out-Null
        Copy-Item (Join-Path $shoot 'IMG_000[12].jpg') $dir
        $file = Join-Path $TestDrive 'going.json'
        New-PhotoBatchInput -Path $dir -OutFile $file -BatchId going | Out-Null
        Remove-Item (Join-Path $dir 'IMG_0001.jpg')
        $photos = @(Import-PhotoBatch -BatchFile $file -Workspace $ws -ErrorVariable e -ErrorAction SilentlyContinue)
        $photos.FileName | Should -Be 'IMG_0002.jpg'
        @($e).Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'FileNotFound,*'
        $e[0].TargetObject | Should -Be (Join-Path $dir 'IMG_0001.jpg')
    }
}

Describe 'Lock-in and exclude' {
    It 'locks by file name, wildcard, full path and photo id prefix' {
        $id = (Get-FileHash (Join-Path $shoot 'IMG_0005.jpg')).Hash.Substring(0, 10).ToLowerInvariant()
        $photos = @(Import-PhotoBatch $shoot -Workspace $ws -BatchId locks -LockIn 'IMG_0001.jpg', 'IMG_001[01].jpg', (Join-Path $shoot 'IMG_0007.jpg'), $id)
        @(($photos | Where-Object IsLocked).FileName) | Should -Be @('IMG_0001.jpg', 'IMG_0005.jpg', 'IMG_0007.jpg', 'IMG_0010.jpg', 'IMG_0011.jpg')
        $photos | Where-Object IsExcluded | Should -BeNullOrEmpty
    }

    It 'excludes with -ExcludePhoto, and exclude wins over lock-in' {
        $photos = @(Import-PhotoBatch $shoot -Workspace $ws -BatchId excl -LockIn 'IMG_000*' -ExcludePhoto 'IMG_0002.jpg', 'IMG_0012.jpg')
        @(($photos | Where-Object IsExcluded).FileName) | Should -Be @('IMG_0002.jpg', 'IMG_0012.jpg')
        ($photos | Where-Object FileName -EQ 'IMG_0002.jpg').IsLocked | Should -BeFalse
        @(($photos | Where-Object IsLocked).FileName) | Should -Be @('IMG_0001.jpg', 'IMG_0003.jpg', 'IMG_0004.jpg', 'IMG_0005.jpg', 'IMG_0006.jpg', 'IMG_0007.jpg', 'IMG_0008.jpg', 'IMG_0009.jpg')
        $json = Get-Content -Raw (Join-Path $ws 'intermediateJsons/ingest/excl.json') | ConvertFrom-Json
        @($json.user_overrides.exclude) | Should -Be @('IMG_0002.jpg', 'IMG_0012.jpg')
    }

    It 'warns about entries that match no photo' {
        $null = Import-PhotoBatch $shoot -Workspace $ws -BatchId warn -LockIn 'nothing.jpg' -ExcludePhoto 'IMG_0001.jpg' -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'nothing\.jpg'
    }
}

Describe 'Bad input' {
    BeforeAll {
        $script:bad = Join-Path $TestDrive 'bad'
        New-Item -ItemType Directory -Force $bad | Out-Null
        $script:isRoot = -not $IsWindows -and (& id -u) -eq '0'
        Copy-Item (Join-Path $shoot 'IMG_0001.jpg') (Join-Path $bad 'good.jpg')
        New-Item -ItemType File (Join-Path $bad 'empty.jpg') | Out-Null
        Set-Content -LiteralPath (Join-Path $bad 'notes.jpg') -Value 'this is text, not a photo'
        New-TruncatedJpeg (Join-Path $shoot 'IMG_0002.jpg') (Join-Path $bad 'truncated.jpg')
        New-Item -ItemType Directory (Join-Path $bad 'folder.jpg') | Out-Null
        New-TestPng -Path (Join-Path $bad 'png-named.jpg') -Width 64 -Height 40              # a real PNG: accepted
        New-TestPng -Path (Join-Path $bad 'huge.png') -Width 1500 -Height 1000 -HeaderOnly  # 1.5 MP > -MaxMegapixels 1
        New-GarbageJpeg (Join-Path $bad 'garbage.jpg')
        [IO.File]::WriteAllBytes((Join-Path $bad 'phone.heic'), [byte[]]((0, 0, 0, 24) + [Text.Encoding]::ASCII.GetBytes('ftypheic') + [byte[]]::new(64)))
        New-BadExifJpeg (Join-Path $shoot 'IMG_0004.jpg') (Join-Path $bad 'bad-exif.jpg')   # pixels fine, metadata damaged
        if (-not $IsWindows) {
            Copy-Item (Join-Path $shoot 'IMG_0005.jpg') (Join-Path $bad 'locked.jpg')
            & chmod 000 (Join-Path $bad 'locked.jpg')
        }
        $script:before = Get-FolderSnapshot $bad
        $script:inputs = @((Get-ChildItem -LiteralPath $bad -File | Sort-Object Name).FullName) + (Join-Path $bad 'folder.jpg') + (Join-Path $bad 'missing.jpg')
        $script:badWs = Join-Path $TestDrive 'bad-ws'
        $script:photos = @(Import-PhotoBatch -LiteralPath $inputs -MaxMegapixels 1 -Workspace $badWs -BatchId bad -ErrorVariable importErrors -ErrorAction SilentlyContinue)
        $script:errors = @($importErrors)
        $script:preprocessed = @($photos | Invoke-Preprocess -ErrorVariable preprocessErrors -ErrorAction SilentlyContinue)
        $script:preprocessErrors = @($preprocessErrors)
        $script:ingest = Get-Content -Raw (Join-Path $badWs 'intermediateJsons/ingest/bad.json') | ConvertFrom-Json
    }

    AfterAll {
        if (-not $IsWindows -and (Test-Path (Join-Path $bad 'locked.jpg'))) { & chmod 644 (Join-Path $bad 'locked.jpg') }
    }

    It 'keeps the good photos, including a PNG named .jpg and a photo with damaged EXIF' {
        $expected = @('bad-exif.jpg', 'good.jpg', 'png-named.jpg') + @(if ($isRoot) { 'locked.jpg' })
        @($photos.FileName | Sort-Object) | Should -Be ($expected | Sort-Object)
        ($photos | Where-Object FileName -EQ 'png-named.jpg').Format | Should -Be 'Png'
        ($photos | Where-Object FileName -EQ 'png-named.jpg').PhotoId | Should -Be (Get-PhotoIdOf (Join-Path $bad 'png-named.jpg'))
    }

    It 'reports <Name> once, as <Id> (<Category>), with the file as target' -ForEach @(
        @{ Name = 'empty.jpg'; Id = 'EmptyFile'; Category = 'InvalidData' }
        @{ Name = 'notes.jpg'; Id = 'NotAnImage'; Category = 'InvalidData' }
        @{ Name = 'truncated.jpg'; Id = 'TruncatedImage'; Category = 'InvalidData' }
        @{ Name = 'folder.jpg'; Id = 'NotAFile'; Category = 'InvalidArgument' }
        @{ Name = 'missing.jpg'; Id = 'FileNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'huge.png'; Id = 'PixelLimitExceeded'; Category = 'LimitsExceeded' }
        @{ Name = 'garbage.jpg'; Id = 'CorruptImage'; Category = 'InvalidData' }
        @{ Name = 'phone.heic'; Id = 'UnsupportedFormat'; Category = 'InvalidType' }
        @{ Name = 'bad-exif.jpg'; Id = 'CorruptMetadata'; Category = 'InvalidData' }
    ) {
        $path = Join-Path $bad $Name
        $mine = @($errors | Where-Object { $_.TargetObject -eq $path })
        $mine.Count | Should -Be 1
        $mine[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $mine[0].CategoryInfo.Category | Should -Be $Category
        $mine[0].TargetObject | Should -BeOfType ([string])
        "$mine" | Should -Match ([regex]::Escape($Name))
    }

    It 'reports an unreadable file as AccessDenied' -Skip:($IsWindows -or ((& id -u) -eq '0')) {
        # Root reads any file, so this runs only as a normal user.
        $mine = @($errors | Where-Object { $_.TargetObject -eq (Join-Path $bad 'locked.jpg') })
        $mine.Count | Should -Be 1
        $mine[0].FullyQualifiedErrorId | Should -BeLike 'AccessDenied,*'
        $mine[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'reports nothing else' {
        $expected = 9 + $(if ($isRoot) { 0 } else { 1 })
        $errors.Count | Should -Be $expected
        $errors | ForEach-Object { $_.TargetObject | Should -BeLike (Join-Path $bad '*') }
    }

    It 'lists every error in the ingest stage JSON with uri, id and message' {
        $ingest.errors.Count | Should -Be $errors.Count
        foreach ($record in $errors) {
            $id = $record.FullyQualifiedErrorId.Split(',')[0]
            $entry = @($ingest.errors | Where-Object uri -EQ (ConvertTo-FileUri $record.TargetObject))
            $entry.Count | Should -Be 1 -Because "$($record.TargetObject) needs one errors entry"
            $entry[0].error_id | Should -Be $id
            $entry[0].message | Should -Not -BeNullOrEmpty
        }
    }

    It 'indexes only the good photos in the ingest stage JSON' {
        @($ingest.photo_index.uri | Sort-Object) | Should -Be @($photos.Path | ForEach-Object { ConvertTo-FileUri $_ } | Sort-Object)
    }

    It 'preprocesses the good photos' {
        $preprocessErrors | Should -BeNullOrEmpty
        @($preprocessed.FileName | Sort-Object) | Should -Be @($photos.FileName | Sort-Object)
        $preprocessed | ForEach-Object { $_.Preprocess.StandardizedPath | Should -Exist }
    }

    It 'refuses an image over the default limit of 250 MP, and accepts it when the limit is raised' {
        $bomb = Join-Path $TestDrive 'bomb.png'
        New-TestPng -Path $bomb -Width 20000 -Height 20000 -HeaderOnly
        $none = Import-PhotoBatch -LiteralPath $bomb -Workspace $badWs -ErrorVariable e -ErrorAction SilentlyContinue
        $none | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PixelLimitExceeded,*'
        $e[0].Exception.Message | Should -Match '400 MP'
        $photo = Import-PhotoBatch -LiteralPath $bomb -Workspace $badWs -MaxMegapixels 500
        "$($photo.Width)x$($photo.Height)" | Should -Be '20000x20000'
    }

    It 'stops at the first bad file with -ErrorAction Stop' {
        $list = (Join-Path $bad 'good.jpg'), (Join-Path $bad 'notes.jpg'), (Join-Path $bad 'png-named.jpg'), (Join-Path $bad 'empty.jpg')
        $emitted = [System.Collections.Generic.List[object]]::new()
        $caught = $null
        try { Import-PhotoBatch -LiteralPath $list -Workspace (Join-Path $TestDrive 'stop-ws') -ErrorAction Stop | ForEach-Object { $emitted.Add($_) } }
        catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'NotAnImage,*'
        $caught.TargetObject | Should -Be (Join-Path $bad 'notes.jpg')
        @($emitted.FileName) | Should -Be @('good.jpg')
    }

    It 'reports an arithmetic-coded JPEG as an unsupported format, not as a damaged file' {
        $arith = Join-Path $TestDrive 'arithmetic.jpg'
        New-ArithmeticJpeg (Join-Path $shoot 'IMG_0001.jpg') $arith
        Import-PhotoBatch -LiteralPath $arith -Workspace $badWs -ErrorVariable arithError -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @($arithError).Count | Should -Be 1
        $arithError[0].TargetObject | Should -Be $arith
        $arithError[0].FullyQualifiedErrorId | Should -BeLike 'UnsupportedFormat,*' -Because "SOF9 is a valid JPEG process the decoder does not implement: $($arithError[0])"
    }

    It 'wrote, moved and deleted nothing under the input folder' {
        ConvertTo-SnapshotText (Get-FolderSnapshot $bad) | Should -Be (ConvertTo-SnapshotText $before)
    }
}

Describe 'Read-only input' {
    It 'leaves every file under the input folder as it was after Import-PhotoBatch | Invoke-Preprocess' {
        $source = New-TestShoot (Join-Path $TestDrive 'readonly')
        $before = Get-FolderSnapshot $source
        $names = @(Get-ChildItem -LiteralPath $source -Recurse -Force | ForEach-Object FullName | Sort-Object)
        $done = @(Import-PhotoBatch $source -Recurse -Workspace (Join-Path $TestDrive 'readonly-ws') | Invoke-Preprocess)
        $done.Count | Should -Be 13
        ConvertTo-SnapshotText (Get-FolderSnapshot $source) | Should -Be (ConvertTo-SnapshotText $before)
        @(Get-ChildItem -LiteralPath $source -Recurse -Force | ForEach-Object FullName | Sort-Object) | Should -Be $names
    }

    It 'never imports its own derived images when the workspace is inside the input folder' {
        # Run from inside the shoot: the workspace defaults to the current location. A second run must
        # not pick up data/input and data/rankingInput as new photos of the shoot.
        $inside = New-TestShoot (Join-Path $TestDrive 'inside')
        Push-Location $inside
        try {
            $first = @(Import-PhotoBatch . -Recurse -BatchId inside | Invoke-Preprocess)
            $second = @(Import-PhotoBatch . -Recurse -BatchId inside)
        }
        finally { Pop-Location }
        $first.Count | Should -Be 13
        $second.Count | Should -Be 13 -Because "derived images must not be imported: $(($second.Path | Where-Object { $_ -like '*data*' } | Select-Object -First 3) -join ', ')"
    }
}

Describe 'Unusual file names' {
    BeforeAll {
        $script:odd = Join-Path $TestDrive "Hochzeit Müller 'Juni' #1"
        New-Item -ItemType Directory -Force $odd | Out-Null
        $script:oddNames = @('Brautpaar am Fluß – 01.jpg', '写真 [2].jpg', '50% off.jpg', 'ümlaut#3.jpg')
        for ($i = 0; $i -lt $oddNames.Count; $i++) {
            Copy-Item -LiteralPath (Join-Path $shoot ('IMG_{0:0000}.jpg' -f ($i + 1))) -Destination (Join-Path $odd $oddNames[$i])
        }
        $script:oddWs = Join-Path $TestDrive 'names-ws'
    }

    It 'imports and preprocesses names with spaces, brackets, %, # and non-ASCII characters' {
        $photos = @(Import-PhotoBatch -LiteralPath $odd -Workspace $oddWs -BatchId names | Invoke-Preprocess)
        @($photos.FileName | Sort-Object) | Should -Be @($oddNames | Sort-Object)
        foreach ($photo in $photos) {
            $photo.PhotoId | Should -Be (Get-PhotoIdOf $photo.Path)
            $photo.Preprocess.RankingPath | Should -Exist
            $photo.Preprocess.StandardizedPath | Should -Exist
        }
        Split-Path -Leaf ($photos | Where-Object FileName -EQ '写真 [2].jpg').Preprocess.RankingPath | Should -BeLike '写真_2_*.jpg'
    }

    It 'binds such names from Get-ChildItem' {
        @(Get-ChildItem -LiteralPath $odd -File | Import-PhotoBatch -Workspace $oddWs).Count | Should -Be 4
    }

    It 'writes URIs in the stage JSON that lead back to the files' {
        $json = Get-Content -Raw (Join-Path $oddWs 'intermediateJsons/ingest/names.json') | ConvertFrom-Json
        foreach ($entry in $json.photo_index) {
            Test-Path -LiteralPath ([uri]$entry.uri).LocalPath | Should -BeTrue -Because $entry.uri
            Split-Path -Leaf ([uri]$entry.uri).LocalPath | Should -BeIn $oddNames
        }
    }

    It 'round-trips them through a batch file' {
        $file = Join-Path $TestDrive 'names.json'
        New-PhotoBatchInput -Path $odd -OutFile $file -BatchId names2 | Out-Null
        @(Import-PhotoBatch -BatchFile $file -Workspace $oddWs | ForEach-Object FileName | Sort-Object) | Should -Be @($oddNames | Sort-Object)
    }

    It 'writes a batch file for such names piped from Get-ChildItem' {
        # Piped items bind by PSPath, which must be taken literally: '[2]' is part of the name, not a wildcard.
        $file = Join-Path $TestDrive 'names-piped.json'
        Get-ChildItem -LiteralPath $odd -File | New-PhotoBatchInput -OutFile $file -BatchId names3 -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null
        $e | Should -BeNullOrEmpty
        $uris = @((Get-Content -Raw -LiteralPath $file | ConvertFrom-Json).photos.uri)
        @($uris | ForEach-Object { Split-Path -Leaf ([uri]$_).LocalPath } | Sort-Object) | Should -Be @($oddNames | Sort-Object)
    }

    It 'names the default batch id safely after such a folder' {
        (Import-PhotoBatch -LiteralPath $odd -Workspace $oddWs | Select-Object -First 1).BatchId | Should -Be 'Hochzeit_Muller_Juni_1'
    }
}
