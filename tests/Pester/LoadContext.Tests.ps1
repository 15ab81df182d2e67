# Dependency isolation: the engine and its third-party libraries live in the private 'PhotoCuration'
# AssemblyLoadContext, ONNX Runtime's native library comes from Dependencies/runtimes/<rid>/native, and
# another YamlDotNet loaded first into the session breaks nothing.

BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:moduleBase = (Get-Module PhotoCuration).ModuleBase
    $script:dependencies = Join-Path $moduleBase 'Dependencies'
    $script:components = @(Get-PhotoRuntimeInfo)
}

Describe 'Get-PhotoRuntimeInfo' {
    It '<_> lives in the PhotoCuration load context, loaded from Dependencies' -ForEach @(
        'PhotoCuration.Engine', 'SixLabors.ImageSharp', 'MetadataExtractor', 'YamlDotNet', 'Microsoft.ML.OnnxRuntime'
    ) {
        $component = @($components | Where-Object Name -EQ $_)
        $component.Count | Should -Be 1
        $component[0].LoadContext | Should -Be 'PhotoCuration'
        $component[0].Version | Should -Match '^\d+\.\d+'
        $component[0].Location | Should -BeLike (Join-Path $dependencies '*')
        $component[0].Location | Should -Exist
    }

    It 'lists the module first, with the manifest''s version and the folder it was imported from' {
        $module = Get-Module PhotoCuration
        $components[0].Name | Should -Be 'PhotoCuration'
        $components[0].Version | Should -Be $module.Version.ToString()
        $components[0].Location | Should -Be $module.ModuleBase
        # One version source: the engine assembly carries the manifest's version too.
        ($components | Where-Object Name -EQ 'PhotoCuration.Engine').Version | Should -BeLike "$($module.Version.ToString(3))*"
    }

    It 'reports YamlDotNet 16' {
        ($components | Where-Object Name -EQ 'YamlDotNet').Version | Should -BeLike '16.*'
    }

    It 'loads ONNX Runtime''s native library, with a version, from Dependencies/runtimes/<rid>/native' {
        $native = @($components | Where-Object Name -EQ 'onnxruntime (native)')
        $native.Count | Should -Be 1
        $native[0].Version | Should -Match '^\d+\.\d+\.\d+'
        $native[0].LoadContext | Should -Be 'PhotoCuration'
        $native[0].Detail | Should -Match 'CPUExecutionProvider'
        $native[0].Location | Should -Exist
        $relative = [IO.Path]::GetRelativePath($dependencies, $native[0].Location) -replace '\\', '/'
        $relative | Should -Match '^runtimes/[^/]+/native/[^/]*onnxruntime[^/]*$'
        $rid = ($relative -split '/')[1]
        $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
        $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
        $rid | Should -Be "$os-$arch"
    }

    It 'has the managed ONNX Runtime version match the native one' {
        $managed = [version](($components | Where-Object Name -EQ 'Microsoft.ML.OnnxRuntime').Version)
        $native = [version](($components | Where-Object Name -EQ 'onnxruntime (native)').Version)
        "$($managed.Major).$($managed.Minor)" | Should -Be "$($native.Major).$($native.Minor)"
    }
}

Describe 'Private load context' {
    It 'keeps every assembly loaded from Dependencies in the PhotoCuration context' {
        $fromDependencies = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not $_.IsDynamic -and $_.Location -and $_.Location.StartsWith($dependencies) })
        $fromDependencies.Count | Should -BeGreaterThan 3
        foreach ($assembly in $fromDependencies) {
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name | Should -Be 'PhotoCuration' -Because $assembly.Location
        }
    }

    It 'does not load the engine into the default context' {
        @([System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object { $_.GetName().Name -eq 'PhotoCuration.Engine' }).Count | Should -Be 0
        foreach ($name in 'SixLabors.ImageSharp', 'MetadataExtractor', 'Microsoft.ML.OnnxRuntime') {
            $inDefault = @([System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object { $_.GetName().Name -eq $name })
            $inDefault | Where-Object { $_.Location.StartsWith($dependencies) } | Should -BeNullOrEmpty
        }
    }

    It 'does not let PowerShell resolve engine types' {
        'PhotoCuration.Engine.Ingest.PhotoInspector' -as [type] | Should -BeNullOrEmpty
        { [PhotoCuration.Engine.Ingest.PhotoInspector] } | Should -Throw -ErrorId 'TypeNotFound'
    }

    It 'loads the output types once, in the default context' {
        $contracts = [PhotoCuration.Photo].Assembly
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($contracts).Name | Should -Be 'Default'
        $contracts.Location | Should -Be (Join-Path $moduleBase 'PhotoCuration.Contracts.dll')
        @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'PhotoCuration.Contracts' }).Count | Should -Be 1
    }

    It 'keeps the cmdlet assembly in the default context, at the module root' {
        $cmdlets = (Get-Command Import-PhotoBatch).ImplementingType.Assembly
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($cmdlets).Name | Should -Be 'Default'
        $cmdlets.Location | Should -Be (Join-Path $moduleBase 'PhotoCuration.Cmdlets.dll')
    }

    It 'ships no copy of the contracts assembly under Dependencies (one type identity)' {
        Join-Path $dependencies 'PhotoCuration.Contracts.dll' | Should -Not -Exist
    }
}

Describe 'Dependency conflict' {
    BeforeAll {
        # A fresh process: another module's YamlDotNet 13.7.1 is loaded first, then PhotoCuration.
        $old = $env:PHOTOCURATION_YAMLDOTNET_OLD
        $shoot = Join-Path $TestDrive 'conflict-shoot'
        $ws = Join-Path $TestDrive 'conflict-ws'
        $theme = Join-Path $TestDrive 'autumn.yaml'
        Set-Content -LiteralPath $theme -Encoding utf8 -Value @'
name: autumn-editorial
description: Warm, quiet autumn story
palette: ["#8B4513", "#D2691E", "#F4A460", "#2F4F4F"]
mood: ["warm golden light", "quiet"]
selection:
  count: 12
'@
        $script:child = if ($old -and (Test-Path -LiteralPath $old)) {
            Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$old'
Import-Module '$env:PHOTOCURATION_MODULE'
`$written = @(New-PhotoSampleShoot -Path '$shoot' -Width 320 -Height 214)
`$photos = @(Import-PhotoBatch '$shoot' -Recurse -Workspace '$ws' | Invoke-Preprocess)
`$theme = Get-PhotoTheme -Name '$theme'
`$ours = Get-PhotoRuntimeInfo | Where-Object Name -EQ 'YamlDotNet'
`$yaml = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' })
`$default = @(`$yaml | Where-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name -eq 'Default' })
# The other module's YamlDotNet still works after ours ran.
`$parsed = [YamlDotNet.Serialization.DeserializerBuilder]::new().Build().Deserialize([IO.StringReader]::new('answer: 42'))
'RESULT=' + ([ordered]@{
    Written = `$written.Count
    Photos = `$photos.Count
    Preprocessed = @(`$photos | Where-Object { `$_.Preprocess -and (Test-Path -LiteralPath `$_.Preprocess.StandardizedPath) }).Count
    ThemeName = `$theme.Name
    ThemeCount = `$theme.SelectionCount
    OursVersion = `$ours.Version
    OursContext = `$ours.LoadContext
    DefaultVersions = @(`$default | ForEach-Object { `$_.GetName().Version.ToString() })
    YamlContexts = @(`$yaml | ForEach-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name } | Sort-Object)
    YamlTypeVersion = [YamlDotNet.Serialization.DeserializerBuilder].Assembly.GetName().Version.ToString()
    OldStillWorks = "`$(`$parsed['answer'])"
} | ConvertTo-Json -Compress)
"@
        }
    }

    It 'has the older YamlDotNet to load' {
        $env:PHOTOCURATION_YAMLDOTNET_OLD | Should -Not -BeNullOrEmpty
        $env:PHOTOCURATION_YAMLDOTNET_OLD | Should -Exist
    }

    It 'imports and runs the pipeline after YamlDotNet 13.7.1 was loaded first' {
        $child.ExitCode | Should -Be 0 -Because ($child.Output + $child.StdErr -join "`n")
        $child.Result | Should -Not -BeNullOrEmpty -Because ($child.Output + $child.StdErr -join "`n")
        $child.Result.Written | Should -Be 13
        $child.Result.Photos | Should -Be 13
        $child.Result.Preprocessed | Should -Be 13
    }

    It 'parses theme YAML with its own YamlDotNet 16 in the PhotoCuration context' {
        $child.Result.ThemeName | Should -Be 'autumn-editorial'
        $child.Result.ThemeCount | Should -Be 12
        $child.Result.OursContext | Should -Be 'PhotoCuration'
        $child.Result.OursVersion | Should -BeLike '16.*'
    }

    It 'leaves the other YamlDotNet 13.7.1 alone in the default context' {
        @($child.Result.DefaultVersions) | Should -Be @('13.0.0.0')
        $child.Result.YamlTypeVersion | Should -Be '13.0.0.0'
        @($child.Result.YamlContexts) | Should -Be @('Default', 'PhotoCuration')
        $child.Result.OldStillWorks | Should -Be '42'
    }
}
