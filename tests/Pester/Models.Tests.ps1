BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    # The xunit suite's ONNX writer, compiled here: real ONNX models made on the spot, no download.
    $support = Join-Path $PSScriptRoot '../Unit/Support'
    if (-not ('PhotoCuration.Tests.Support.ImmichModelFactory' -as [type])) {
        Add-Type -Path (Join-Path $support 'OnnxModelWriter.cs'), (Join-Path $support 'ImmichModelFactory.cs')
    }
    $script:models = Join-Path $TestDrive 'models'
    $opts = [PhotoCuration.Tests.Support.ImmichModelFactory+Options]::new()
    [PhotoCuration.Tests.Support.ImmichModelFactory]::WriteClipFolder($models, 'ViT-Test__openai', $opts) | Out-Null
    [PhotoCuration.Tests.Support.ImmichModelFactory]::WriteAestheticHead((Join-Path $models 'aesthetic/head.onnx'), 16, 5)
    $script:broken = Join-Path $TestDrive 'broken'
    $bad = [PhotoCuration.Tests.Support.ImmichModelFactory+Options]::new()
    $bad.VisualInput = 'pixel_values'
    [PhotoCuration.Tests.Support.ImmichModelFactory]::WriteClipFolder($broken, 'Bad', $bad) | Out-Null
    $script:shoot = Join-Path $TestDrive 'shoot'
    New-PhotoSampleShoot -Path $shoot -Width 600 -Height 400 | Out-Null
}

Describe 'Get-PhotoModel' {
    It 'lists the CLIP model and the aesthetic head with size, dimension and provider' {
        $found = @(Get-PhotoModel -ModelPath $models -Device Cpu)
        $clip = $found | Where-Object Kind -EQ 'clip' | Select-Object -First 1
        $clip.Name | Should -Be 'ViT-Test__openai'
        $clip.InputSize | Should -Be 224
        $clip.EmbeddingDim | Should -Be 16
        $clip.HasText | Should -BeTrue
        $clip.Provider | Should -Be 'CPU'
        $clip.Selected | Should -BeTrue
        $clip.Source | Should -Be 'ModelPath'
        ($found | Where-Object Kind -EQ 'aesthetic').EmbeddingDim | Should -Be 16
    }

    It 'reports a broken model as an error naming the file and the wrong input' {
        $out = @(Get-PhotoModel -ModelPath $broken -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -BeGreaterOrEqual 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidModel*'
        $errs[0].TargetObject | Should -BeLike '*visual*model.onnx'
        $errs[0].Exception.Message | Should -BeLike "*expected input 'image'*pixel_values*"
        ($out | Where-Object Kind -EQ 'clip').Error | Should -Not -BeNullOrEmpty
    }

    It 'finds models through PHOTOCURATION_MODELS after -ModelPath' {
        $saved = $env:PHOTOCURATION_MODELS
        try {
            $env:PHOTOCURATION_MODELS = $models
            $clip = @(Get-PhotoModel -Device Cpu | Where-Object Kind -EQ 'clip')
            $clip[0].Source | Should -Be 'Environment'
            $clip[0].Selected | Should -BeTrue
            $first = @(Get-PhotoModel -ModelPath $broken -Device Cpu -ErrorAction SilentlyContinue | Where-Object Kind -EQ 'clip')
            $first.Name | Should -Be @('Bad', 'ViT-Test__openai')
            $first[0].Selected | Should -BeTrue
            $first[1].Selected | Should -BeFalse
        }
        finally { $env:PHOTOCURATION_MODELS = $saved }
    }

    It 'warns and reports the CPU when a GPU is requested but absent' {
        $out = @(Get-PhotoModel -ModelPath $models -Device Gpu -WarningVariable warns -WarningAction SilentlyContinue)
        ($out | Where-Object Kind -EQ 'clip').Provider | Should -Be 'CPU'
        $warns.Count | Should -Be 1
        "$($warns[0])" | Should -BeLike '*no GPU provider*'
    }
}

Describe 'Get-PhotoFeatures with models' {
    BeforeAll {
        $script:ws = Join-Path $TestDrive 'ws'
        $script:photos = @(Import-PhotoBatch $shoot -Recurse -BatchId m1 -Workspace $ws | Select-Object -First 3 | Invoke-Preprocess | Get-PhotoFeatures -ModelPath $models -Device Cpu)
    }

    It 'fills the model fields and writes the embedding as .npy with a sidecar' {
        $photos.Count | Should -Be 3
        foreach ($p in $photos) {
            $f = $p.Features
            $f.EmbeddingPath | Should -Exist
            $f.EmbeddingPath | Should -BeLike '*data*emb*.npy'
            [System.IO.Path]::ChangeExtension($f.EmbeddingPath, '.json') | Should -Exist
            $f.EmbeddingModel | Should -Be 'ViT-Test__openai'
            $f.ClipLabels.Count | Should -Be 3
            $f.ClipIqa | Should -BeGreaterOrEqual 0
            $f.SceneType | Should -Not -BeNullOrEmpty
            $f.PeopleCount | Should -BeIn 'none', 'one', 'two', 'group', 'crowd'
            $f.AestheticModel | Should -Not -BeNullOrEmpty
            $f.Brisque | Should -BeNullOrEmpty
        }
        $json = Get-Content (Join-Path $ws 'intermediateJsons/features/m1.json') -Raw | ConvertFrom-Json
        $json.artifacts[0].features.embedding.model | Should -Be 'ViT-Test__openai'
        $json.artifacts[0].features.scene_type | Should -Not -BeNullOrEmpty
        $json.artifacts[0].features.tech.clip_iqa | Should -Not -BeNullOrEmpty
    }

    It 'scores with the model signals blended in' {
        $scored = @($photos | Measure-PhotoScore -IncludeDropped)
        $scored[0].Score.Components.Name | Should -Contain 'clip_iqa'
        $scored[0].Score.Components.Name | Should -Contain 'aesthetic_model'
    }

    It 'measures the mood similarity to the theme given with -Theme and Vibe uses it' {
        $ws3 = Join-Path $TestDrive 'ws3'
        New-Item -ItemType Directory -Force (Join-Path $ws3 'data/themes') | Out-Null
        Set-Content (Join-Path $ws3 'data/themes/moody.yaml') "name: moody`nmood: [`"warm golden light`", `"quiet`"]`n"
        $p = @(Import-PhotoBatch $shoot -Recurse -BatchId m3 -Workspace $ws3 | Select-Object -First 1 | Invoke-Preprocess | Get-PhotoFeatures -ModelPath $models -Theme moody)
        $p[0].Features.MoodSimilarity | Should -Not -BeNullOrEmpty
        $photos[0].Features.MoodSimilarity | Should -BeNullOrEmpty
        $scored = @($p | Measure-PhotoScore -Theme moody -IncludeDropped)
        ($scored[0].Score.Components | Where-Object Name -EQ 'mood').Score | Should -Be 'Vibe'
    }

    It 'stops with a clear error when -ModelPath holds a broken model' {
        { Import-PhotoBatch $shoot -Recurse -BatchId m2 -Workspace (Join-Path $TestDrive 'ws2') | Select-Object -First 1 | Invoke-Preprocess | Get-PhotoFeatures -ModelPath $broken -ErrorAction Stop } |
            Should -Throw -ExpectedMessage "*expected input 'image'*"
    }
}

Describe 'Moments and selection with CLIP embeddings' {
    It 'group by CLIP cosine and select by embedding similarity when every photo has an embedding' {
        $ws = Join-Path $TestDrive 'ws-clip'
        $scored = @(Import-PhotoBatch $shoot -Recurse -BatchId clip -Workspace $ws | Invoke-Preprocess |
            Get-PhotoFeatures -ModelPath $models -Device Cpu | Measure-PhotoScore)
        $scored | ForEach-Object { $_.Features.EmbeddingPath | Should -Exist }
        $moments = @($scored | Group-PhotoMoment)
        $moments.Count | Should -BeGreaterThan 0
        $clustering = Get-Content (Join-Path $ws 'intermediateJsons/clustering/clip.json') -Raw | ConvertFrom-Json
        $clustering.params.similarity | Should -Be 'hashes+palette+clip'
        @($clustering.clusters.links | Where-Object { $null -ne $_.cosine }).Count | Should -BeGreaterThan 0
        $set = $moments | Select-CuratedSet -Count 3 -WarningAction SilentlyContinue
        $set.Parameters.Similarity | Should -Be 'clip'
        (Get-Content (Join-Path $ws 'intermediateJsons/optimizer/clip.json') -Raw | ConvertFrom-Json).params.similarity | Should -Be 'clip'
    }
}

Describe 'BRISQUE with or without CLIP' {
    BeforeAll {
        # A small but valid OpenCV ml::SVM (epsilon-SVR, RBF) and its range file: BRISQUE files, no CLIP model.
        $script:brisqueOnly = Join-Path $TestDrive 'brisque-only'
        $dir = New-Item -ItemType Directory -Force (Join-Path $brisqueOnly 'brisque')
        $zeros = (@('0') * 36) -join ', '
        $halves = (@('0.5') * 36) -join ', '
        $twos = (@('2') * 36) -join ', '
        Set-Content -LiteralPath (Join-Path $dir 'brisque_model_live.yml') -Value @"
%YAML:1.0
---
opencv_ml_svm:
   format: 3
   svmType: EPS_SVR
   kernel:
      type: RBF
      gamma: 5.0000000000000003e-02
   var_count: 36
   sv_total: 2
   support_vectors:
      - [ $zeros ]
      - [ $halves ]
   decision_functions:
      -
         sv_count: 2
         rho: -10.
         alpha: [ 30., 20. ]
"@
        Set-Content -LiteralPath (Join-Path $dir 'brisque_range_live.yml') -Value "%YAML:1.0`n---`nrange: !!opencv-matrix`n   rows: 2`n   cols: 36`n   dt: f`n   data: [ $zeros, $twos ]`n"
    }

    It 'computes BRISQUE when the model folder has BRISQUE files and no CLIP model, and Get-PhotoModel lists it' {
        $all = @(Get-PhotoModel -ModelPath $brisqueOnly)
        # The module ships its face detector (models/faces): listed from the module beside the folder's BRISQUE.
        ($all | Where-Object Kind -EQ 'faces').Source | Should -Be 'Module'
        $listed = @($all | Where-Object Kind -NE 'faces')
        $listed.Count | Should -Be 1
        $listed[0].Kind | Should -Be 'brisque'
        $listed[0].Selected | Should -BeTrue
        $listed[0].Source | Should -Be 'ModelPath'
        $listed[0].Error | Should -BeNullOrEmpty

        $ws = Join-Path $TestDrive 'ws-brisque'
        $photos = @(Import-PhotoBatch $shoot -Recurse -BatchId b1 -Workspace $ws | Select-Object -First 2 | Invoke-Preprocess | Get-PhotoFeatures -ModelPath $brisqueOnly -WarningVariable warns)
        $photos.Count | Should -Be 2
        foreach ($p in $photos) {
            $p.Features.Brisque | Should -Not -BeNullOrEmpty
            $p.Features.Brisque | Should -BeGreaterOrEqual 0
            $p.Features.Brisque | Should -BeLessOrEqual 100
            $p.Features.EmbeddingPath | Should -BeNullOrEmpty
            $p.Features.ClipLabels | Should -BeNullOrEmpty
        }
        $warns.Count | Should -Be 0
        $json = Get-Content (Join-Path $ws 'intermediateJsons/features/b1.json') -Raw | ConvertFrom-Json
        $json.artifacts[0].features.tech.brisque | Should -Be $photos[0].Features.Brisque
    }

    It "finds OpenCV's own BRISQUE files in /usr/share/opencv4/quality last, and uses them" -Skip:(-not (Test-Path '/usr/share/opencv4/quality/brisque_model_live.yml') -and -not $env:CI) {
        '/usr/share/opencv4/quality/brisque_model_live.yml' | Should -Exist -Because 'CI installs opencv-data'
        $saved = $env:PHOTOCURATION_NO_SYSTEM_MODELS, $env:PHOTOCURATION_MODELS
        try {
            $env:PHOTOCURATION_NO_SYSTEM_MODELS = $null
            $env:PHOTOCURATION_MODELS = $null
            $system = @(Get-PhotoModel | Where-Object Kind -EQ 'brisque')
            $system[0].Source | Should -Be 'OpenCV'
            $system[0].Path | Should -Be '/usr/share/opencv4/quality/brisque_model_live.yml'
            $system[0].Selected | Should -BeTrue
            # -ModelPath comes first: its BRISQUE is selected, OpenCV's is listed after it.
            $both = @(Get-PhotoModel -ModelPath $brisqueOnly | Where-Object Kind -EQ 'brisque')
            $both.Source | Should -Be @('ModelPath', 'OpenCV')
            $both[0].Selected | Should -BeTrue
            $both[1].Selected | Should -BeFalse
            ($both | Format-Table | Out-String) | Should -BeLike '*OpenCV*'

            $p = @(Import-PhotoBatch $shoot -Recurse -BatchId b2 -Workspace (Join-Path $TestDrive 'ws-system') | Select-Object -First 1 | Invoke-Preprocess | Get-PhotoFeatures)
            $p[0].Features.Brisque | Should -Not -BeNullOrEmpty
        }
        finally { $env:PHOTOCURATION_NO_SYSTEM_MODELS, $env:PHOTOCURATION_MODELS = $saved }
    }
}
