BeforeAll {
    Import-Module $env:PHOTOCURATION_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifestPath = Join-Path $env:PHOTOCURATION_MODULE 'PhotoCuration.psd1'
    $script:commands = Get-Command -Module PhotoCuration
    $script:common = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name +
        [System.Management.Automation.Internal.ShouldProcessParameters].GetProperties().Name
}

Describe 'Module manifest' {
    It 'is valid and targets PowerShell 7.4 Core' {
        $manifest = Test-ModuleManifest $manifestPath
        $manifest.PowerShellVersion | Should -Be ([version]'7.4')
        $manifest.CompatiblePSEditions | Should -Contain 'Core'
    }

    It 'exports exactly the cmdlets it lists, with no wildcards' {
        $data = Import-PowerShellDataFile $manifestPath
        $data.CmdletsToExport | Should -Not -Contain '*'
        ($commands.Name | Sort-Object) | Should -Be ($data.CmdletsToExport | Sort-Object)
        $data.FunctionsToExport.Count | Should -Be 0
        $data.AliasesToExport.Count | Should -Be 0
    }

    It 'has a stamped version' {
        (Import-PowerShellDataFile $manifestPath).ModuleVersion | Should -Not -Be '0.0.0'
    }
}

Describe 'Cmdlet conventions: <_>' -ForEach @(Get-Command -Module PhotoCuration | ForEach-Object Name) {
    BeforeAll {
        $command = Get-Command $_
        $help = Get-Help $_ -Full
    }

    It 'uses an approved verb' {
        (Get-Verb).Verb | Should -Contain $command.Verb
    }

    It 'declares its output type' {
        $command.OutputType.Count | Should -BeGreaterThan 0
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\S+-\S+\s*\['   # not the auto-generated syntax line
        ($help.Description.Text -join ' ') | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example with code and remarks' {
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        foreach ($example in $help.Examples.Example) {
            $example.Code | Should -Not -BeNullOrEmpty
            ($example.Remarks.Text -join '') | Should -Not -BeNullOrEmpty
        }
    }

    It 'documents every parameter' {
        foreach ($name in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $parameterHelp = $help.Parameters.Parameter | Where-Object Name -EQ $name
            ($parameterHelp.Description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
    }
}

Describe 'Parameter binding metadata' {
    It 'Import-PhotoBatch binds piped file-system items by PSPath and FullName' {
        $p = (Get-Command Import-PhotoBatch).Parameters['LiteralPath']
        $p.Aliases | Should -Contain 'PSPath'
        $p.Aliases | Should -Contain 'FullName'
        ($p.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName) | Should -Not -BeNullOrEmpty
    }

    It 'Invoke-Preprocess takes photos from the pipeline by value' {
        $p = (Get-Command Invoke-Preprocess).Parameters['InputObject']
        $p.ParameterType | Should -Be ([PhotoCuration.Photo[]])
        ($p.ParameterSets.Values | Where-Object ValueFromPipeline) | Should -Not -BeNullOrEmpty
    }

    It 'cmdlets that write user-visible files support -WhatIf' {
        (Get-Command New-PhotoBatchInput).Parameters.Keys | Should -Contain 'WhatIf'
        (Get-Command New-PhotoSampleShoot).Parameters.Keys | Should -Contain 'WhatIf'
    }

    It '-Theme completes theme names from data/themes' {
        $ws = Join-Path $TestDrive 'complete'
        New-Item -ItemType Directory -Force (Join-Path $ws 'data/themes') | Out-Null
        Set-Content (Join-Path $ws 'data/themes/autumn-editorial.yaml') 'name: autumn-editorial'
        Push-Location $ws
        try {
            $line = 'Get-PhotoTheme -Name aut'
            $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $completions.CompletionMatches.CompletionText | Should -Contain 'autumn-editorial'
        }
        finally { Pop-Location }
    }
}

Describe '-WhatIf writes nothing' {
    It 'New-PhotoSampleShoot -WhatIf creates no folder' {
        $target = Join-Path $TestDrive 'whatif-shoot'
        New-PhotoSampleShoot -Path $target -WhatIf
        Test-Path $target | Should -BeFalse
    }

    It 'New-PhotoBatchInput -WhatIf writes no file' {
        $shoot = New-TestShoot (Join-Path $TestDrive 'wi')
        $out = Join-Path $TestDrive 'wi.json'
        New-PhotoBatchInput -Path $shoot -OutFile $out -WhatIf
        Test-Path $out | Should -BeFalse
    }
}

Describe 'Default views' {
    It 'shows photos as a table with the columns a photographer reads first' {
        $shoot = New-TestShoot (Join-Path $TestDrive 'views')
        $text = Import-PhotoBatch $shoot -Workspace (Join-Path $TestDrive 'views-ws') | Out-String -Width 200
        $text | Should -Match 'FileName\s+Captured\s+Camera\s+Exposure'
        $text | Should -Match 'IMG_0001\.jpg\s+2024-09-14 08:12:05\.25'
        $text | Should -Match '1/250 s f/2\.8 ISO 200'
    }

    It 'shows runtime components and themes as tables' {
        (Get-PhotoRuntimeInfo | Out-String) | Should -Match 'Name\s+Version\s+LoadContext'
        (Get-PhotoTheme default | Out-String) | Should -Match 'default\s+24\s+0\.3'
    }
}
