# The package users install: packed from the built module as `./build.ps1 -Task Package` packs it,
# published to a file-system repository with Publish-PSResource, installed with Install-PSResource into a
# temporary user module path, imported by name in a fresh pwsh with no build tools on PATH, run on the
# sample shoot; then version N+1 is installed beside it and each imports by -RequiredVersion.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    $script:builtModule = (Resolve-Path $env:PHOTOCURATION_MODULE).ProviderPath
    $script:version = [version](Import-PowerShellDataFile (Join-Path $builtModule 'PhotoCuration.psd1')).ModuleVersion
    $script:bumped = [version]::new($version.Major, $version.Minor, $version.Build + 1)

    $script:root = Join-Path ([IO.Path]::GetTempPath()) "pc-package-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $script:repo = Join-Path $root 'repo'
    # A fresh home for the child shells: PSResourceGet's repository list and the CurrentUser module
    # path both live under it on Linux and macOS, so nothing of the real user's changes.
    $script:userData = Join-Path $root 'home'
    $script:emptyBin = Join-Path $root 'bin'
    New-Item -ItemType Directory -Force -Path $repo, $userData, $emptyBin, (Join-Path $root 'elsewhere') | Out-Null

    $script:package = & (Join-Path $repoRoot 'tools/New-ModulePackage.ps1') -ModulePath $builtModule -DestinationPath (Join-Path $root 'packed')
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
    try { $script:entries = @($zip.Entries | ForEach-Object { [uri]::UnescapeDataString($_.FullName) }) }
    finally { $zip.Dispose() }

    function script:Read-PackageEntry([string] $Name) {
        $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $entry = $zip.Entries | Where-Object { [uri]::UnescapeDataString($_.FullName) -eq $Name } | Select-Object -First 1
            if (-not $entry) { return $null }
            $reader = [IO.StreamReader]::new($entry.Open())
            try { $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
    }

    function script:Invoke-InstalledPwsh([string] $Script) {
        # A fresh pwsh whose user data (repositories, CurrentUser modules) is the test's own and whose
        # PATH holds no dotnet, compiler or other build tool.
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; XDG_CACHE_HOME = $env:XDG_CACHE_HOME; PATH = $env:PATH; PSModulePath = $env:PSModulePath }
        try {
            $env:HOME = $userData
            $env:XDG_DATA_HOME = $env:XDG_CONFIG_HOME = $env:XDG_CACHE_HOME = $null
            $env:PATH = $emptyBin
            $env:PSModulePath = $null
            Invoke-ChildPwsh -Script ("`$ErrorActionPreference = 'Stop'`n" + $Script)
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }
}

AfterAll {
    if ($root -and (Test-Path $root)) { Remove-Item $root -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'The package (tools/New-ModulePackage.ps1, as ./build.ps1 -Task Package makes it)' {
    It 'is named after the manifest''s version and fits the PowerShell Gallery''s 250 MB limit' {
        $package.Name | Should -Be "PhotoCuration.$version.nupkg"
        $package.Length | Should -BeLessThan 250MB
    }

    It 'carries LICENSE, THIRD-PARTY-NOTICES.md, CHANGELOG.md and the licence texts' {
        $entries | Should -Contain 'LICENSE'
        $entries | Should -Contain 'THIRD-PARTY-NOTICES.md'
        $entries | Should -Contain 'CHANGELOG.md'
        $entries | Should -Contain 'licenses/Apache-2.0.txt'
        $entries | Should -Contain 'models/faces/LICENSE'
        (Read-PackageEntry 'LICENSE') | Should -Match 'MIT License'
    }

    It 'names every third-party library and model file it ships in THIRD-PARTY-NOTICES.md' {
        $notices = Read-PackageEntry 'THIRD-PARTY-NOTICES.md'
        $shipped = @($entries | Where-Object { $_ -match '\.(dll|so(\.\d+)*|dylib|onnx)$' } |
            Where-Object { ($_ -split '/')[-1] -notlike 'PhotoCuration.*' })
        $shipped.Count | Should -BeGreaterThan 10
        $unnamed = @($shipped | Where-Object { -not $notices.Contains('`' + ($_ -split '/')[-1] + '`') -and -not $notices.Contains(($_ -replace '^', '`') + '`') })
        $unnamed | Should -BeNullOrEmpty -Because 'every shipped native library and model needs its licence and origin listed'
        # And every licence text the notices point to is in the package.
        foreach ($text in [regex]::Matches($notices, '`(licenses/[^`]+)`') | ForEach-Object { $_.Groups[1].Value }) {
            $entries | Should -Contain $text
        }
    }

    It 'has the manifest''s version, real release notes and no placeholder address in its metadata' {
        $nuspec = [xml](Read-PackageEntry 'PhotoCuration.nuspec')
        $nuspec.package.metadata.version | Should -Be $version.ToString()
        $nuspec.package.metadata.releaseNotes | Should -Match 'Added'
        $manifest = Read-PackageEntry 'PhotoCuration.psd1'
        foreach ($text in $manifest, $nuspec.OuterXml) {
            $text | Should -Not -Match 'example\.(invalid|com|org|net)|localhost|TODO'
        }
        foreach ($uri in [regex]::Matches($manifest, "(?m)^\s*(\w+Uri)\s*=\s*'([^']*)'")) {
            $uri.Groups[2].Value | Should -Match '^https://' -Because "$($uri.Groups[1].Value) must be a real address or left out"
        }
    }
}

# On Windows the CurrentUser module path is the real Documents folder whatever HOME says; the install
# runs where a temporary home isolates it (Linux and macOS, as in CI).
Describe 'Installed with Install-PSResource' -Skip:$IsWindows {
    BeforeAll {
        $script:publishSupportsNupkg = (Get-Command Publish-PSResource).Parameters.ContainsKey('NupkgPath')
        $publish = if ($publishSupportsNupkg) { "Publish-PSResource -NupkgPath '$($package.FullName)' -Repository PhotoCurationTest" }
                   else { "Publish-PSResource -Path '$builtModule' -Repository PhotoCurationTest" }
        $script:install = Invoke-InstalledPwsh @"
Register-PSResourceRepository -Name PhotoCurationTest -Uri '$repo' -Trusted
$publish
Install-PSResource -Name PhotoCuration -Repository PhotoCurationTest -Version '$version' -Scope CurrentUser -TrustRepository -Quiet
`$installed = Get-InstalledPSResource -Name PhotoCuration
'RESULT=' + (@{ Versions = @(`$installed | ForEach-Object { `$_.Version.ToString() }); Path = @(`$installed)[0].InstalledLocation } | ConvertTo-Json -Compress)
"@
    }

    It 'publishes to a file-system repository and installs into the user''s module path' {
        $install.ExitCode | Should -Be 0 -Because $install.StdErr
        $install.Result.Versions | Should -Contain $version.ToString()
        $install.Result.Path | Should -BeLike "$userData*"
    }

    It 'imports by name from any folder, in a fresh pwsh with no build tools on PATH, and curates the sample shoot' {
        $work = Join-Path $root 'elsewhere'
        $run = Invoke-InstalledPwsh @"
Set-Location '$work'
if (Get-Command dotnet -ErrorAction SilentlyContinue) { throw 'dotnet is on PATH' }
Import-Module PhotoCuration
`$module = Get-Module PhotoCuration
New-PhotoSampleShoot -Path ./shoot | Out-Null
`$summary = Invoke-PhotoCuration -Path ./shoot -Recurse -BatchId pkg -Workspace ./ws -Count 5
`$list = Get-Content -Raw ./ws/data/output/pkg/curated_list.json | ConvertFrom-Json
`$faces = @(Get-ChildItem ./ws/intermediateJsons -Recurse -File -Filter 'pkg.json' | Where-Object { `$_.Directory.Name -eq 'faces' })
'RESULT=' + (@{
    Base = `$module.ModuleBase; Version = `$module.Version.ToString()
    Runtime = (Get-PhotoRuntimeInfo | Select-Object -First 1).Version
    Items = @(`$list.items).Count
    Faces = `$faces.Count
    FaceModel = @(Get-PhotoModel | Where-Object { `$_.Path -like "`$(`$module.ModuleBase)*" -and `$_.Path -like '*.onnx' }).Count
    Help = (Get-Help Invoke-PhotoCuration).Synopsis
    View = @(Get-FormatData -TypeName 'PhotoCuration.RuntimeComponent').Count
} | ConvertTo-Json -Compress)
"@
        $run.ExitCode | Should -Be 0 -Because $run.StdErr
        $r = $run.Result
        $r.Base | Should -BeLike "$userData*"
        $r.Version | Should -Be $version.ToString()
        $r.Runtime | Should -Be $version.ToString()
        $r.Items | Should -Be 5
        $r.Faces | Should -Be 1 -Because 'the BlazeFace model is found inside the installed module'
        $r.FaceModel | Should -BeGreaterThan 0
        $r.Help | Should -Match '\w+ \w+' -Because 'the MAML help ships in en-US'
        $r.View | Should -Be 1
    }

    It 'installs version N+1 beside N, and each imports by -RequiredVersion' {
        $next = Join-Path $root 'next/PhotoCuration'
        New-Item -ItemType Directory -Force -Path $next | Out-Null
        Copy-Item (Join-Path $builtModule '*') $next -Recurse
        $manifestPath = Join-Path $next 'PhotoCuration.psd1'
        (Get-Content -Raw $manifestPath) -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$bumped'" | Set-Content -NoNewline $manifestPath

        $run = Invoke-InstalledPwsh @"
Publish-PSResource -Path '$next' -Repository PhotoCurationTest
Install-PSResource -Name PhotoCuration -Repository PhotoCurationTest -Version '$bumped' -Scope CurrentUser -TrustRepository -Quiet
'RESULT=' + (@{ Available = @(Get-Module -ListAvailable PhotoCuration | ForEach-Object { `$_.Version.ToString() }) } | ConvertTo-Json -Compress)
"@
        $run.ExitCode | Should -Be 0 -Because $run.StdErr
        $run.Result.Available | Should -Contain $version.ToString()
        $run.Result.Available | Should -Contain $bumped.ToString()

        foreach ($wanted in $version, $bumped) {
            $import = Invoke-InstalledPwsh @"
Import-Module PhotoCuration -RequiredVersion '$wanted'
'RESULT=' + (@{ Version = (Get-Module PhotoCuration).Version.ToString(); First = (Get-PhotoRuntimeInfo | Select-Object -First 1).Version; Themes = @(Get-PhotoTheme).Count } | ConvertTo-Json -Compress)
"@
            $import.ExitCode | Should -Be 0 -Because $import.StdErr
            $import.Result.Version | Should -Be $wanted.ToString()
            $import.Result.First | Should -Be $wanted.ToString()
            $import.Result.Themes | Should -BeGreaterThan 0
        }
    }
}
