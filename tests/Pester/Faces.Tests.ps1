BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    # A real portrait from a Debian package (python-matplotlib-data), as .ci/run installs it.
    $script:hopper = '/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg'
    $script:shoot = Join-Path $TestDrive 'shoot'
    New-Item -ItemType Directory -Path $shoot | Out-Null
    Copy-Item -LiteralPath $hopper -Destination (Join-Path $shoot 'hopper.jpg')
    $script:ws = Join-Path $TestDrive 'ws'
}

Describe 'Find-PhotoFace' {
    It 'finds the one face of a real portrait with its six keypoints and records the faces JSON' {
        $photo = @(Import-PhotoBatch $shoot -BatchId f1 -Workspace $ws | Invoke-Preprocess | Get-PhotoFeatures | Find-PhotoFace -Device Cpu)
        $photo.Count | Should -Be 1
        $photo[0] | Should -BeOfType PhotoCuration.Photo
        $photo[0].FaceModel | Should -BeLike 'face_detection_back_256x256_barracuda.onnx@*'
        $photo[0].Faces.Count | Should -Be 1
        $face = $photo[0].Faces[0]
        $face | Should -BeOfType PhotoCuration.PhotoFace
        $face.Keypoints.Count | Should -Be 12
        $face.Confidence | Should -BeGreaterThan 0.7
        $face.EyeState | Should -Be 'unknown'
        ($face | Format-Table | Out-String) | Should -Match 'Conf'
        $json = Get-Content -Raw (Join-Path $ws 'intermediateJsons/faces/f1.json') | ConvertFrom-Json
        $json.stage | Should -Be 'faces'
        $json.artifacts[0].faces.Count | Should -Be 1
        $json.artifacts[0].faces[0].keypoints.Count | Should -Be 12
    }

    It 'reads its faces back with Import-PhotoStage' {
        $imported = @(Import-PhotoStage (Join-Path $ws 'intermediateJsons/faces/f1.json'))
        $imported.Count | Should -Be 1
        $imported[0].Faces.Count | Should -Be 1
        $imported[0].Faces[0].Keypoints.Count | Should -Be 12
    }

    It 'gives no faces and a verbose note, never an error, without a face model' {
        $env:PHOTOCURATION_MODELS = $null
        $empty = Join-Path $TestDrive 'no-models'
        New-Item -ItemType Directory -Path $empty | Out-Null
        $module = Split-Path (Get-Module PhotoCuration).Path
        # Hide the module's own models folder: the face model ships there.
        $shipped = Join-Path $module 'models/faces'
        $hidden = Join-Path $TestDrive 'faces-hidden'
        Move-Item -LiteralPath $shipped -Destination $hidden
        try {
            $verbose = @()
            $photo = @(Import-PhotoBatch $shoot -BatchId f2 -Workspace (Join-Path $TestDrive 'ws2') | Invoke-Preprocess | Find-PhotoFace -ModelPath $empty -Verbose -ErrorVariable errs 4>&1 |
                ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { $verbose += $_.Message } else { $_ } })
            $errs.Count | Should -Be 0
            $photo.Count | Should -Be 1
            $photo[0].Faces.Count | Should -Be 0
            $photo[0].FaceModel | Should -BeNullOrEmpty
            ($verbose -join "`n") | Should -Match 'no face model'
        }
        finally {
            Move-Item -LiteralPath $hidden -Destination $shipped
        }
    }
}

Describe 'Invoke-PhotoCuration with faces' {
    It 'runs the face stage and writes the faces JSON with the portrait''s face' {
        $summary = Invoke-PhotoCuration -Path $shoot -Workspace (Join-Path $TestDrive 'ws3') -BatchId c1 -Count 1 -WarningAction SilentlyContinue
        $summary.StageTimingsMs.Keys | Should -Contain 'faces'
        $json = Get-Content -Raw (Join-Path $TestDrive 'ws3/intermediateJsons/faces/c1.json') | ConvertFrom-Json
        $json.artifacts.Count | Should -Be 1
        $json.artifacts[0].faces.Count | Should -Be 1
        $list = Get-Content -Raw $summary.CuratedListPath | ConvertFrom-Json
        ($list | ConvertTo-Json -Depth 20) | Should -Match '"people_count": "one"'
    }
}
