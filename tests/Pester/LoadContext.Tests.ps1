BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:dependencies = Join-Path (Get-Module PhotoCuration).ModuleBase 'Dependencies'
}

Describe 'Private load context' {
    BeforeAll { $script:components = Get-PhotoRuntimeInfo }

    It '<_> lives in the PhotoCuration load context' -ForEach 'PhotoCuration.Engine', 'SixLabors.ImageSharp', 'MetadataExtractor', 'YamlDotNet', 'Microsoft.ML.OnnxRuntime' {
        $component = $components | Where-Object Name -EQ $_
        $component.LoadContext | Should -Be 'PhotoCuration'
        $component.Location | Should -BeLike "$dependencies*"
    }

    It 'loads ONNX Runtime''s native library from the Dependencies runtimes native folder' {
        $native = $components | Where-Object Name -EQ 'onnxruntime (native)'
        $native.Version | Should -Match '^\d+\.\d+\.\d+'
        $native.Detail | Should -Match 'CPUExecutionProvider'
        $native.Location | Should -BeLike ([IO.Path]::Combine($dependencies, 'runtimes', '*', 'native', '*'))
        Test-Path $native.Location | Should -BeTrue
    }

    It 'keeps every assembly from Dependencies out of the default context' {
        $fromDependencies = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $_.IsDynamic -and $_.Location -like "$dependencies*" }
        $fromDependencies | Should -Not -BeNullOrEmpty
        foreach ($assembly in $fromDependencies) {
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name | Should -Be 'PhotoCuration' -Because $assembly.FullName
        }
    }

    It 'emits objects whose type lives once, in the default context' {
        $contracts = [PhotoCuration.Photo].Assembly
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($contracts).Name | Should -Be 'Default'
        @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'PhotoCuration.Contracts' }).Count | Should -Be 1
    }
}

Describe 'Dependency conflict' {
    It 'works after another module loaded an older YamlDotNet into the session' {
        $old = $env:PHOTOCURATION_YAMLDOTNET_OLD
        $old | Should -Exist
        $shoot = Join-Path $TestDrive 'conflict-shoot'
        $ws = Join-Path $TestDrive 'conflict-ws'
        $output = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$old'
Import-Module '$env:PHOTOCURATION_MODULE'
New-PhotoSampleShoot -Path '$shoot' -Width 320 -Height 214 | Out-Null
`$photos = @(Import-PhotoBatch '$shoot' -Recurse -Workspace '$ws' | Invoke-Preprocess)
`$theme = Get-PhotoTheme default
`$ours = Get-PhotoRuntimeInfo | Where-Object Name -EQ 'YamlDotNet'
`$default = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' -and [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name -eq 'Default' }
'RESULT=' + (@{ Photos = `$photos.Count; Theme = `$theme.Name; OursVersion = `$ours.Version; OursContext = `$ours.LoadContext; DefaultVersion = `$default.GetName().Version.ToString() } | ConvertTo-Json -Compress)
"@
        $line = $output | Where-Object { $_ -like 'RESULT=*' } | Select-Object -First 1
        $line | Should -Not -BeNullOrEmpty -Because ($output -join "`n")
        $result = $line.Substring(7) | ConvertFrom-Json
        $result.Photos | Should -Be 13
        $result.Theme | Should -Be 'default'
        $result.OursContext | Should -Be 'PhotoCuration'
        $result.OursVersion | Should -BeLike '16.*'
        $result.DefaultVersion | Should -BeLike '13.*'
    }
}
