#requires -Version 7.4
<#
.SYNOPSIS
    Packs a built PhotoCuration module folder into the .nupkg that Publish-PSResource and
    Install-PSResource accept.

.DESCRIPTION
    Used by `./build.ps1 -Task Package` and by tests/Pester/Package.Tests.ps1, so the package the test
    installs is made exactly as the release one is. PSResourceGet writes the nuspec from the manifest
    (version, description, tags, release notes), so the manifest stays the one version source.

    With PSResourceGet 1.1 or later (PowerShell 7.5+) Compress-PSResource packs the folder without
    touching the user's repository list. On PowerShell 7.4 (PSResourceGet 1.0) the folder is published
    to a file-system repository registered under a unique name in a temporary folder and unregistered
    afterwards.

    Fails when the package is larger than the PowerShell Gallery accepts (250 MB, the NuGet gallery
    limit it runs on; docs/packaging.md).

.OUTPUTS
    System.IO.FileInfo: the .nupkg written into DestinationPath.
#>
[CmdletBinding()]
[OutputType([System.IO.FileInfo])]
param(
    # The built module folder (out/PhotoCuration); its name must be the module's name.
    [Parameter(Mandatory)] [string] $ModulePath,
    # Folder the .nupkg is written to; created when missing.
    [Parameter(Mandatory)] [string] $DestinationPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# The PowerShell Gallery runs NuGet's gallery server, whose package limit is 250 MB (docs/packaging.md).
$galleryLimitBytes = 250MB

$ModulePath = (Resolve-Path $ModulePath).ProviderPath
$manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'PhotoCuration.psd1')
$version = $manifest.ModuleVersion
New-Item -ItemType Directory -Force -Path $DestinationPath | Out-Null
$DestinationPath = (Resolve-Path $DestinationPath).ProviderPath
$target = Join-Path $DestinationPath "PhotoCuration.$version.nupkg"
Remove-Item $target -ErrorAction SilentlyContinue

Import-Module Microsoft.PowerShell.PSResourceGet
if (Get-Command Compress-PSResource -ErrorAction SilentlyContinue) {
    Compress-PSResource -Path $ModulePath -DestinationPath $DestinationPath
}
else {
    $repoName = "PhotoCurationPack-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $repoPath = Join-Path ([IO.Path]::GetTempPath()) $repoName
    New-Item -ItemType Directory -Path $repoPath | Out-Null
    try {
        Register-PSResourceRepository -Name $repoName -Uri $repoPath -Trusted
        Publish-PSResource -Path $ModulePath -Repository $repoName
        Move-Item (Join-Path $repoPath "PhotoCuration.$version.nupkg") $target
    }
    finally {
        Unregister-PSResourceRepository -Name $repoName -ErrorAction SilentlyContinue
        Remove-Item $repoPath -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# Compress-PSResource names the file after the manifest's version, which PSResourceGet may normalise.
$written = Get-Item $target -ErrorAction SilentlyContinue
if (-not $written) { $written = Get-ChildItem $DestinationPath -Filter "PhotoCuration.$version*.nupkg" | Select-Object -First 1 }
if (-not $written) { throw "No package for PhotoCuration $version was written into $DestinationPath." }
if ($written.Length -gt $galleryLimitBytes) {
    throw ("{0} is {1:N0} MB; the PowerShell Gallery accepts at most {2:N0} MB (docs/packaging.md)." -f $written.Name, ($written.Length / 1MB), ($galleryLimitBytes / 1MB))
}
$written
