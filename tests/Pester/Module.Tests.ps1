# The module as PowerShell sees it: manifest, exported cmdlets, help, parameter metadata and binding,
# -WhatIf, default views, and the sample-shoot generator the other tests build on.

BeforeDiscovery {
    # Test cases are generated from the built module, so it must be imported at discovery time too
    # (BeforeAll runs only afterwards: a -ForEach over Get-Command there would silently yield no tests).
    Import-Module $env:PHOTOCURATION_MODULE -Force
    $common = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name +
        [System.Management.Automation.Internal.ShouldProcessParameters].GetProperties().Name
    $commandCases = @(Get-Command -Module PhotoCuration -CommandType Cmdlet | Sort-Object Name | ForEach-Object {
            @{
                Name       = $_.Name
                Parameters = @($_.Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object)
            }
        })
    if ($commandCases.Count -eq 0) { throw "No cmdlets found in $env:PHOTOCURATION_MODULE." }
}

BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:module = Get-Module PhotoCuration
    $script:manifestPath = Join-Path $env:PHOTOCURATION_MODULE 'PhotoCuration.psd1'
    $script:manifest = Import-PowerShellDataFile $manifestPath
    $script:common = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name +
        [System.Management.Automation.Internal.ShouldProcessParameters].GetProperties().Name
}

Describe 'Module manifest' {
    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path $manifestPath -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -BeNullOrEmpty
        $info.Name | Should -Be 'PhotoCuration'
    }

    It 'targets PowerShell 7.4+ Core with the cmdlet assembly as root module' {
        $manifest.RootModule | Should -Be 'PhotoCuration.Cmdlets.dll'
        [version]$manifest.PowerShellVersion | Should -Be ([version]'7.4')
        @($manifest.CompatiblePSEditions) | Should -Be @('Core')
        Join-Path $env:PHOTOCURATION_MODULE $manifest.RootModule | Should -Exist
    }

    It 'lists its cmdlets explicitly, with no wildcards' {
        $manifest.CmdletsToExport | Should -Not -BeNullOrEmpty
        foreach ($name in $manifest.CmdletsToExport) {
            [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($name) | Should -BeFalse -Because "'$name' must be spelled out"
        }
    }

    It 'exports exactly the cmdlets it lists' {
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'lists every cmdlet class of its assembly' {
        $assembly = [System.Reflection.Assembly]::LoadFrom((Join-Path $env:PHOTOCURATION_MODULE $manifest.RootModule))
        $declared = $assembly.GetExportedTypes() | ForEach-Object {
            $attribute = [System.Attribute]::GetCustomAttribute($_, [System.Management.Automation.CmdletAttribute])
            if ($attribute) { '{0}-{1}' -f $attribute.VerbName, $attribute.NounName }
        }
        @($declared | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'exports no functions, aliases or variables' {
        @($manifest.FunctionsToExport).Count | Should -Be 0
        @($manifest.AliasesToExport).Count | Should -Be 0
        @($manifest.VariablesToExport).Count | Should -Be 0
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
    }

    It 'never lists the isolated dependencies as required or nested (they would load twice)' {
        $listed = @($manifest['RequiredAssemblies']) + @($manifest['NestedModules']) | Where-Object { $_ }
        $dependencies = Get-ChildItem (Join-Path $env:PHOTOCURATION_MODULE 'Dependencies') -Filter *.dll | ForEach-Object Name
        $dependencies | Should -Not -BeNullOrEmpty
        foreach ($entry in $listed) {
            Split-Path -Leaf $entry | Should -Not -BeIn $dependencies
            Join-Path $env:PHOTOCURATION_MODULE $entry | Should -Exist
        }
    }

    It 'processes its format file' {
        $manifest.FormatsToProcess | Should -Contain 'PhotoCuration.format.ps1xml'
        Join-Path $env:PHOTOCURATION_MODULE 'PhotoCuration.format.ps1xml' | Should -Exist
    }

    It 'is tagged for PowerShell Core on every platform' {
        foreach ($tag in 'PSEdition_Core', 'Windows', 'Linux', 'MacOS') {
            $manifest.PrivateData.PSData.Tags | Should -Contain $tag
        }
    }

    It 'has the version of the source manifest, the one version source, in the manifest and the assemblies' {
        $source = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../module/PhotoCuration.psd1')
        $manifest.ModuleVersion | Should -Be $source.ModuleVersion
        $module.Version | Should -Be ([version]$manifest.ModuleVersion)
        $cmdlets = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $module.ModuleBase 'PhotoCuration.Cmdlets.dll')).Version
        $cmdlets.ToString(3) | Should -Be ([version]$manifest.ModuleVersion).ToString(3)
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty -Because 'the build copies the version''s CHANGELOG.md section'
    }

    It 'ships MAML help next to the cmdlet assembly' {
        Join-Path $env:PHOTOCURATION_MODULE 'en-US/PhotoCuration.Cmdlets.dll-Help.xml' | Should -Exist
    }
}

Describe 'Cmdlet <Name>' -ForEach $commandCases {
    BeforeAll {
        $command = Get-Command $Name -CommandType Cmdlet
        $help = Get-Help $Name -Full
        # Parameters one per name, from the default parameter set first (PSScriptAnalyzer's ModuleHelp test).
        $byName = [ordered]@{}
        $sets = @($command.ParameterSets | Where-Object IsDefault) + @($command.ParameterSets | Where-Object { -not $_.IsDefault })
        foreach ($set in $sets) {
            foreach ($p in $set.Parameters) {
                if ($p.Name -notin $common -and -not $byName.Contains($p.Name)) { $byName[$p.Name] = $p }
            }
        }
    }

    It 'uses an approved verb' {
        (Get-Verb).Verb | Should -Contain $command.Verb
    }

    It 'is a sealed class' {
        $command.ImplementingType.IsSealed | Should -BeTrue
    }

    It 'declares its output type' {
        $command.OutputType | Should -Not -BeNullOrEmpty
        foreach ($type in $command.OutputType) { $type.Type | Should -Not -BeNullOrEmpty -Because "[OutputType] '$($type.Name)' must resolve" }
    }

    It 'has real help, not the auto-generated syntax' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike '*`[`<CommonParameters`>`]*'
        $help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($Name))\s"
    }

    It 'has a description' {
        ($help.Description.Text -join ' ').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example, each with code and remarks' {
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        foreach ($example in $help.Examples.Example) {
            $example.Code | Should -Not -BeNullOrEmpty
            ($example.Remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "example '$($example.Code)' needs remarks"
        }
    }

    It 'documents -<_>' -ForEach $Parameters {
        $parameterHelp = $help.Parameters.Parameter | Where-Object Name -EQ $_
        $parameterHelp | Should -Not -BeNullOrEmpty -Because "-$_ must be in the help"
        ($parameterHelp.Description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$_ needs a description"
        $parameterHelp.Required | Should -Be $byName[$_].IsMandatory.ToString().ToLowerInvariant() -Because "the help's Required of -$_ must match the code"
        # Help names a nullable parameter by its underlying type (tools/Write-ModuleHelp.ps1), as Get-Help shows it.
        $type = $byName[$_].ParameterType
        $expected = if ([Nullable]::GetUnderlyingType($type)) { [Nullable]::GetUnderlyingType($type).Name } else { $type.Name }
        $parameterHelp.Type.Name | Should -Be $expected -Because "the help's type of -$_ must match the code"
    }

    It 'documents no parameter that does not exist' {
        foreach ($helpName in @($help.Parameters.Parameter | ForEach-Object Name | Where-Object { $_ })) {
            $command.Parameters.Keys | Should -Contain $helpName
        }
    }
}

Describe 'Parameter metadata' {
    It 'Import-PhotoBatch -Path is positional, takes strings from the pipeline, and is the default set' {
        $command = Get-Command Import-PhotoBatch
        $command.DefaultParameterSet | Should -Be 'Path'
        $p = $command.Parameters['Path'].ParameterSets['Path']
        $p.Position | Should -Be 0
        $p.ValueFromPipeline | Should -BeTrue
        $p.IsMandatory | Should -BeTrue
    }

    It 'Import-PhotoBatch -LiteralPath binds by property name, with aliases PSPath and FullName' {
        $parameter = (Get-Command Import-PhotoBatch).Parameters['LiteralPath']
        $parameter.Aliases | Should -Contain 'PSPath'
        $parameter.Aliases | Should -Contain 'FullName'
        $parameter.ParameterSets['LiteralPath'].ValueFromPipelineByPropertyName | Should -BeTrue
        $parameter.ParameterSets['LiteralPath'].ValueFromPipeline | Should -BeFalse
    }

    It 'Import-PhotoBatch has Path, LiteralPath and BatchFile parameter sets' {
        @((Get-Command Import-PhotoBatch).ParameterSets.Name | Sort-Object) | Should -Be @('BatchFile', 'LiteralPath', 'Path')
        (Get-Command Import-PhotoBatch).Parameters['BatchFile'].ParameterSets['BatchFile'].IsMandatory | Should -BeTrue
    }

    It 'Invoke-Preprocess -InputObject takes Photo objects from the pipeline by value' {
        $parameter = (Get-Command Invoke-Preprocess).Parameters['InputObject']
        $parameter.ParameterType | Should -Be ([PhotoCuration.Photo[]])
        @($parameter.ParameterSets.Values | Where-Object ValueFromPipeline).Count | Should -BeGreaterThan 0
    }

    It 'New-PhotoBatchInput binds piped items by PSPath and FullName' {
        $bound = @((Get-Command New-PhotoBatchInput).Parameters.Values | Where-Object { $_.Aliases -contains 'PSPath' })
        $bound.Count | Should -Be 1
        $bound[0].Aliases | Should -Contain 'FullName'
        @($bound[0].ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName).Count | Should -BeGreaterThan 0
    }

    It '<Command> supports ShouldProcess (it writes user-visible files)' -ForEach @(
        @{ Command = 'New-PhotoBatchInput' }
        @{ Command = 'New-PhotoSampleShoot' }
        @{ Command = 'Export-CuratedList' }
        @{ Command = 'Export-CurationReport' }
        @{ Command = 'Start-CurationReview' }
    ) {
        $attribute = [System.Attribute]::GetCustomAttribute((Get-Command $Command).ImplementingType, [System.Management.Automation.CmdletAttribute])
        $attribute.SupportsShouldProcess | Should -BeTrue
        (Get-Command $Command).Parameters.Keys | Should -Contain 'WhatIf'
        (Get-Command $Command).Parameters.Keys | Should -Contain 'Confirm'
    }

    It '<Command> -<Parameter> <Value> is refused by validation' -ForEach @(
        @{ Command = 'Import-PhotoBatch'; Parameter = 'ThrottleLimit'; Value = 0 }
        @{ Command = 'Import-PhotoBatch'; Parameter = 'MaxMegapixels'; Value = 0 }
        @{ Command = 'Invoke-Preprocess'; Parameter = 'JpegQuality'; Value = 101 }
        @{ Command = 'Invoke-Preprocess'; Parameter = 'RankingLongEdge'; Value = 10 }
        @{ Command = 'New-PhotoSampleShoot'; Parameter = 'Width'; Value = 1 }
    ) {
        $arguments = @{ $Parameter = $Value }
        switch ($Command) {
            'Import-PhotoBatch' { $arguments.Path = $TestDrive; $arguments.Workspace = Join-Path $TestDrive 'v-ws' }
            'Invoke-Preprocess' { $arguments.InputObject = [PhotoCuration.Photo]::new() }
            'New-PhotoSampleShoot' { $arguments.Path = Join-Path $TestDrive 'v-shoot' }
        }
        { & $Command @arguments } | Should -Throw -ErrorId "ParameterArgumentValidationError,*"
    }
}

Describe 'Parameter binding' {
    BeforeAll {
        $script:shoot = New-TestShoot (Join-Path $TestDrive 'bind-shoot')
        $script:first = Join-Path $shoot 'IMG_0001.jpg'
        $script:ws = Join-Path $TestDrive 'bind-ws'
    }

    It 'binds a FileInfo from Get-Item through its PSPath' {
        $photo = Get-Item -LiteralPath $first | Import-PhotoBatch -Workspace $ws
        $photo.Path | Should -Be $first
    }

    It 'binds any object with a FullName property' {
        $photo = [pscustomobject]@{ FullName = $first } | Import-PhotoBatch -Workspace $ws
        $photo.Path | Should -Be $first
    }

    It 'resolves a provider-qualified path' {
        $photo = Import-PhotoBatch -LiteralPath "Microsoft.PowerShell.Core\FileSystem::$first" -Workspace $ws
        $photo.Path | Should -Be $first
    }

    It 'binds strings from the pipeline to -Path, with wildcards' {
        $photos = @((Join-Path $shoot 'IMG_000[1-4].jpg') | Import-PhotoBatch -Workspace $ws)
        $photos.FileName | Should -Be @('IMG_0001.jpg', 'IMG_0002.jpg', 'IMG_0003.jpg', 'IMG_0004.jpg')
    }

    It 'takes photos for Invoke-Preprocess as an argument as well as from the pipeline' {
        $photos = @(Import-PhotoBatch (Join-Path $shoot 'IMG_000[12].jpg') -Workspace $ws)
        $done = @(Invoke-Preprocess -InputObject $photos)
        $done.Count | Should -Be 2
        $done | ForEach-Object { $_ | Should -BeOfType ([PhotoCuration.Photo]) }
    }

    It 'emits the declared output types' {
        Import-PhotoBatch -LiteralPath $first -Workspace $ws | Should -BeOfType ([PhotoCuration.Photo])
        Get-PhotoRuntimeInfo | Select-Object -First 1 | Should -BeOfType ([PhotoCuration.RuntimeComponent])
        New-PhotoBatchInput -Path $shoot -OutFile (Join-Path $TestDrive 'types.json') | Should -BeOfType ([System.IO.FileInfo])
    }

    It '-Theme completes theme names from the workspace data/themes folder' {
        $themeWs = Join-Path $TestDrive 'complete'
        New-Item -ItemType Directory -Force (Join-Path $themeWs 'data/themes') | Out-Null
        Set-Content (Join-Path $themeWs 'data/themes/autumn-editorial.yaml') 'name: autumn-editorial'
        Push-Location $themeWs
        try {
            $line = 'Import-PhotoBatch -Theme aut'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'autumn-editorial'
        }
        finally { Pop-Location }
    }
}

Describe '-WhatIf writes nothing' {
    It 'New-PhotoSampleShoot -WhatIf creates no folder and returns nothing' {
        $target = Join-Path $TestDrive 'whatif-shoot'
        $output = New-PhotoSampleShoot -Path $target -Width 64 -Height 64 -WhatIf
        $output | Should -BeNullOrEmpty
        $target | Should -Not -Exist
    }

    It 'New-PhotoBatchInput -WhatIf writes no file and returns nothing' {
        $shoot = New-TestShoot (Join-Path $TestDrive 'wi')
        $out = Join-Path $TestDrive 'wi.json'
        $output = New-PhotoBatchInput -Path $shoot -OutFile $out -WhatIf
        $output | Should -BeNullOrEmpty
        $out | Should -Not -Exist
    }

    It 'New-PhotoBatchInput -Force -WhatIf leaves an existing file alone' {
        $shoot = New-TestShoot (Join-Path $TestDrive 'wi2')
        $out = Join-Path $TestDrive 'keep.json'
        Set-Content -LiteralPath $out -Value 'keep me'
        New-PhotoBatchInput -Path $shoot -OutFile $out -Force -WhatIf
        Get-Content -LiteralPath $out | Should -Be 'keep me'
    }

    It 'runs without prompting under -Confirm:$false' {
        $shoot = New-TestShoot (Join-Path $TestDrive 'wi3')
        $out = Join-Path $TestDrive 'confirmed.json'
        New-PhotoBatchInput -Path $shoot -OutFile $out -Confirm:$false | Should -Not -BeNullOrEmpty
        $out | Should -Exist
    }
}

Describe 'Default views' {
    BeforeAll {
        $script:shoot = New-TestShoot (Join-Path $TestDrive 'views')
        $script:viewWs = Join-Path $TestDrive 'views-ws'
    }

    It 'every view in the format file selects a type the module defines' {
        $xml = [xml](Get-Content -Raw (Join-Path $env:PHOTOCURATION_MODULE 'PhotoCuration.format.ps1xml'))
        $names = @($xml.Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName)
        $names | Should -Contain 'PhotoCuration.Photo'
        # A view may select a type name extension such as PhotoCuration.Photo#Moment: its base type must exist.
        foreach ($typeName in $names) { ($typeName -split '#')[0] -as [type] | Should -Not -BeNullOrEmpty -Because "view type '$typeName' must exist" }
    }

    It 'shows photos as a table: file name, capture time, camera, exposure first' {
        $text = Import-PhotoBatch $shoot -Workspace $viewWs | Out-String -Width 200
        $text | Should -Match 'FileName\s+Captured\s+Camera\s+Exposure'
        $text | Should -Match 'IMG_0001\.jpg\s+2024-09-14 08:12:05\.25'
        $text | Should -Match '1/250 s f/2\.8 ISO 200'
    }

    It 'shows flags and preprocessed sizes, marking cached results' {
        $null = Import-PhotoBatch $shoot -Recurse -Workspace $viewWs -LockIn IMG_0002.jpg | Invoke-Preprocess
        $text = Import-PhotoBatch $shoot -Recurse -Workspace $viewWs -LockIn IMG_0002.jpg | Invoke-Preprocess | Out-String -Width 250
        $text | Should -Match 'IMG_0002\.jpg.*locked'
        $text | Should -Match 'IMG_0003 copy\.jpg.*duplicate'
        $text | Should -Match 'IMG_0001\.jpg.*320x214/320x214 cached'
    }

    It 'shows a photo''s preprocess record as a list with its orientation' {
        $photo = Import-PhotoBatch (Join-Path $shoot 'IMG_0009.jpg') -Workspace $viewWs | Invoke-Preprocess
        $text = $photo.Preprocess | Out-String -Width 250
        $text | Should -Match 'Original\s*:\s*214x320 \(Portrait\)'
        $text | Should -Match 'Standardized\s*:\s*214x320'
    }

    It 'shows runtime components as a table' {
        Get-PhotoRuntimeInfo | Out-String -Width 200 | Should -Match 'Name\s+Version\s+LoadContext'
    }
}

Describe 'New-PhotoSampleShoot' {
    BeforeAll {
        $script:a = Join-Path $TestDrive 'sample-a'
        $script:written = @(New-PhotoSampleShoot -Path $a -Width 256 -Height 160)
    }

    It 'writes twelve JPEG frames and a byte-identical copy, and returns them' {
        $written.Count | Should -Be 13
        @(Get-ChildItem $a -Recurse -File).Count | Should -Be 13
        foreach ($n in 1..12) { Join-Path $a ('IMG_{0:0000}.jpg' -f $n) | Should -Exist }
        $copy = Join-Path $a 'copies/IMG_0003 copy.jpg'
        (Get-FileHash -LiteralPath $copy).Hash | Should -Be (Get-FileHash -LiteralPath (Join-Path $a 'IMG_0003.jpg')).Hash
    }

    It 'renders at the requested size, storing the portrait frame sideways' {
        $size = Get-JpegSize (Join-Path $a 'IMG_0001.jpg')
        "$($size.Width)x$($size.Height)" | Should -Be '256x160'
        $size = Get-JpegSize (Join-Path $a 'IMG_0009.jpg')
        "$($size.Width)x$($size.Height)" | Should -Be '256x160'
    }

    It 'is deterministic' {
        $b = Join-Path $TestDrive 'sample-b'
        New-PhotoSampleShoot -Path $b -Width 256 -Height 160 | Out-Null
        foreach ($file in Get-ChildItem $a -Recurse -File) {
            $twin = Join-Path $b ([IO.Path]::GetRelativePath($a, $file.FullName))
            (Get-FileHash -LiteralPath $twin).Hash | Should -Be (Get-FileHash -LiteralPath $file.FullName).Hash
        }
    }

    It 'never overwrites an existing file' {
        $c = Join-Path $TestDrive 'sample-c'
        New-Item -ItemType Directory $c | Out-Null
        Set-Content -LiteralPath (Join-Path $c 'IMG_0001.jpg') -Value 'mine'
        $again = @(New-PhotoSampleShoot -Path $c -Width 256 -Height 160)
        Get-Content -LiteralPath (Join-Path $c 'IMG_0001.jpg') | Should -Be 'mine'
        $again.Count | Should -Be 12
        $again.Name | Should -Not -Contain 'IMG_0001.jpg'
    }
}
