BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:shoot = New-TestShoot (Join-Path $TestDrive 'shoot')
    $script:ws = Join-Path $TestDrive 'ws'
}

Describe 'Import-PhotoBatch from a folder' {
    BeforeAll { $script:photos = @(Import-PhotoBatch -Path $shoot -Recurse -BatchId trip -Workspace $ws) }

    It 'imports every frame, in path order' {
        $photos.Count | Should -Be 13
        $photos[0].FileName | Should -Be 'IMG_0001.jpg'
        $photos.BatchId | Select-Object -Unique | Should -Be 'trip'
    }

    It 'gives each photo the SHA-256 of its bytes as id' {
        foreach ($photo in $photos) {
            $photo.PhotoId | Should -Be ('sha256:' + (Get-FileHash -LiteralPath $photo.Path -Algorithm SHA256).Hash.ToLowerInvariant())
        }
    }

    It 'reads the EXIF a curator needs' {
        $first = $photos[0]
        $first.Exif.CaptureTimeLocal | Should -Be ([datetime]'2024-09-14T08:12:05.25')
        $first.Exif.CaptureOffset | Should -Be ([timespan]'02:00:00')
        $first.Exif.CameraModel | Should -Be 'Sample Camera S1'
        $first.Exif.FNumber | Should -Be 2.8
        $first.Exif.ExposureTime | Should -Be 0.004
        $first.Exif.Iso | Should -Be 200
        $first.Exif.GpsLatitude | Should -BeGreaterThan 46.5
        ($photos | Where-Object FileName -EQ 'IMG_0009.jpg').Exif.Orientation | Should -Be 6
    }

    It 'flags the byte-identical copy as a duplicate of the first file' {
        $copy = $photos | Where-Object FileName -EQ 'IMG_0003 copy.jpg'
        $original = $photos | Where-Object FileName -EQ 'IMG_0003.jpg'
        $copy.DuplicateOf | Should -Be $original.Path
        $copy.PhotoId | Should -Be $original.PhotoId
        $original.DuplicateOf | Should -BeNullOrEmpty
    }

    It 'writes the ingest stage JSON in the contract shape' {
        $json = Get-Content -Raw (Join-Path $ws 'intermediateJsons/ingest/trip.json') | ConvertFrom-Json
        $json.batch_id | Should -Be 'trip'
        $json.photo_index.Count | Should -Be 13
        $json.photo_index[0].photo_id | Should -Match '^sha256:[0-9a-f]{64}$'
        $json.photo_index[0].uri | Should -BeLike 'file:///*IMG_0001.jpg'
        (Get-Content -Raw (Join-Path $ws 'intermediateJsons/ingest/trip.json')) | Should -Match '"capture_time": "2024-09-14T08:12:05.25"'
        $json.photo_index[0].exif.capture_offset | Should -Be '+02:00'
        $json.idempotency_key | Should -Match '^[0-9a-f]{64}$'
        $json.PSObject.Properties.Name | Should -Contain 'user_overrides'
        $json.PSObject.Properties.Name | Should -Contain 'errors'
    }
}

Describe 'Import-PhotoBatch from the pipeline and from a batch file' {
    It 'binds Get-ChildItem output' {
        $photos = @(Get-ChildItem $shoot -Recurse -File | Import-PhotoBatch -Workspace $ws -BatchId piped)
        $photos.Count | Should -Be 13
    }

    It 'imports each file once when folders and their files are both piped' {
        $photos = @(Get-ChildItem $shoot -Recurse | Import-PhotoBatch -Workspace $ws -BatchId mixed)
        $photos.Count | Should -Be 13
        ($photos.Path | Select-Object -Unique).Count | Should -Be 13
    }

    It 'round-trips New-PhotoBatchInput with lock-in and exclude' {
        $file = Join-Path $TestDrive 'ingest_input.json'
        $written = New-PhotoBatchInput -Path $shoot -Recurse -OutFile $file -BatchId wedding_a -LockIn IMG_0002.jpg -ExcludePhoto 'IMG_001*'
        $written.FullName | Should -Be $file
        $photos = @(Import-PhotoBatch -BatchFile $file -Workspace $ws)
        $photos.Count | Should -Be 13
        $photos.BatchId | Select-Object -Unique | Should -Be 'wedding_a'
        ($photos | Where-Object IsLocked).FileName | Should -Be 'IMG_0002.jpg'
        ($photos | Where-Object IsExcluded).FileName | Sort-Object | Should -Be @('IMG_0010.jpg', 'IMG_0011.jpg', 'IMG_0012.jpg')
        $json = Get-Content -Raw (Join-Path $ws 'intermediateJsons/ingest/wedding_a.json') | ConvertFrom-Json
        $json.user_overrides.lock_in | Should -Be 'IMG_0002.jpg'
    }

    It 'refuses to overwrite a batch file without -Force' {
        $file = Join-Path $TestDrive 'exists.json'
        Set-Content $file 'keep me'
        { New-PhotoBatchInput -Path $shoot -OutFile $file -ErrorAction Stop } | Should -Throw -ErrorId 'OutFileExists*'
        Get-Content $file | Should -Be 'keep me'
        New-PhotoBatchInput -Path $shoot -OutFile $file -Force | Should -Not -BeNullOrEmpty
    }

    It 'locks by photo id prefix and warns about entries that match nothing' {
        $id = (Get-FileHash (Join-Path $shoot 'IMG_0005.jpg')).Hash.Substring(0, 10).ToLowerInvariant()
        $photos = @(Import-PhotoBatch $shoot -Workspace $ws -BatchId ids -LockIn $id, 'nothing.jpg' -WarningVariable warnings -WarningAction SilentlyContinue)
        ($photos | Where-Object IsLocked).FileName | Should -Be 'IMG_0005.jpg'
        $warnings | Should -Match "nothing.jpg"
    }
}

Describe 'Bad input' {
    BeforeAll {
        $script:bad = Join-Path $TestDrive 'bad'
        New-Item -ItemType Directory -Force $bad | Out-Null
        Copy-Item (Join-Path $shoot 'IMG_0001.jpg') (Join-Path $bad 'good.jpg')
        New-Item -ItemType File (Join-Path $bad 'empty.jpg') | Out-Null
        Set-Content (Join-Path $bad 'notes.jpg') 'this is text, not a photo'
        $bytes = [IO.File]::ReadAllBytes((Join-Path $shoot 'IMG_0002.jpg'))
        [IO.File]::WriteAllBytes((Join-Path $bad 'truncated.jpg'), $bytes[0..($bytes.Length / 2)])
        New-Item -ItemType Directory (Join-Path $bad 'folder.jpg') | Out-Null
        New-PngHeaderOnly -Path (Join-Path $bad 'huge.png') -Width 40000 -Height 40000
        # A real PNG with a .jpg name is fine: the content decides.
        [IO.File]::WriteAllBytes((Join-Path $bad 'png-named.jpg'), [Convert]::FromBase64String('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=='))
        $script:before = Get-FolderSnapshot $bad
        $script:photos = @(Import-PhotoBatch -LiteralPath (@((Get-ChildItem $bad -File).FullName) + (Join-Path $bad 'folder.jpg')) -Workspace (Join-Path $TestDrive 'bad-ws') -BatchId bad -ErrorVariable errs -ErrorAction SilentlyContinue)
        $script:errors = $errs
    }

    It 'keeps the good photos, including a PNG named .jpg' {
        ($photos.FileName | Sort-Object) | Should -Be @('good.jpg', 'png-named.jpg')
        ($photos | Where-Object FileName -EQ 'png-named.jpg').Format | Should -Be 'Png'
    }

    It 'reports <Name> once, with id <Id> and the file as target' -ForEach @(
        @{ Name = 'empty.jpg'; Id = 'EmptyFile'; Category = 'InvalidData' }
        @{ Name = 'notes.jpg'; Id = 'NotAnImage'; Category = 'InvalidData' }
        @{ Name = 'truncated.jpg'; Id = 'TruncatedImage'; Category = 'InvalidData' }
        @{ Name = 'folder.jpg'; Id = 'NotAFile'; Category = 'InvalidArgument' }
        @{ Name = 'huge.png'; Id = 'PixelLimitExceeded'; Category = 'LimitsExceeded' }
    ) {
        $mine = @($errors | Where-Object { $_.TargetObject -eq (Join-Path $bad $Name) })
        $mine.Count | Should -Be 1
        $mine[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $mine[0].CategoryInfo.Category | Should -Be $Category
        $mine[0].Exception.Message | Should -Match ([regex]::Escape($Name))
    }

    It 'lists every error in the stage JSON' {
        $json = Get-Content -Raw (Join-Path $TestDrive 'bad-ws/intermediateJsons/ingest/bad.json') | ConvertFrom-Json
        ($json.errors.error_id | Sort-Object) | Should -Be @('EmptyFile', 'NotAFile', 'NotAnImage', 'PixelLimitExceeded', 'TruncatedImage')
        $json.photo_index.Count | Should -Be 2
    }

    It 'stops at the first bad file with -ErrorAction Stop' {
        { Import-PhotoBatch -LiteralPath (Join-Path $bad 'notes.jpg') -Workspace (Join-Path $TestDrive 'stop-ws') -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotAnImage*'
    }

    It 'reports an unreadable file as permission denied' -Skip:($IsWindows -or (& id -u) -eq '0') {
        $locked = Join-Path $bad 'locked.jpg'
        Copy-Item (Join-Path $shoot 'IMG_0001.jpg') $locked
        & chmod 000 $locked
        try {
            Import-PhotoBatch -LiteralPath $locked -Workspace (Join-Path $TestDrive 'perm-ws') -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $e[0].FullyQualifiedErrorId | Should -BeLike 'AccessDenied,*'
        }
        finally { & chmod 644 $locked; Remove-Item $locked }
    }

    It 'changed nothing in the input folder' {
        $after = Get-FolderSnapshot $bad
        ($after | ConvertTo-Json) | Should -Be ($before | ConvertTo-Json)
    }
}

Describe 'Unusual file names' {
    It 'imports names with spaces, quotes and non-ASCII characters' {
        $dir = Join-Path $TestDrive "Hochzeit Müller 'Juni'"
        New-Item -ItemType Directory -Force $dir | Out-Null
        Copy-Item (Join-Path $shoot 'IMG_0001.jpg') (Join-Path $dir 'Brautpaar am Fluß – 01.jpg')
        Copy-Item (Join-Path $shoot 'IMG_0002.jpg') (Join-Path $dir '写真 [2].jpg')
        $photos = @(Import-PhotoBatch -LiteralPath $dir -Workspace (Join-Path $TestDrive 'names-ws') | Invoke-Preprocess)
        $photos.Count | Should -Be 2
        $photos | ForEach-Object { $_.Preprocess.StandardizedPath | Should -Exist }
        ($photos | Where-Object FileName -EQ '写真 [2].jpg').Preprocess.RankingPath | Should -BeLike '*写真_2_*'
    }
}
