#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks the PhotoCuration module.

.DESCRIPTION
    Tasks:
      Build  Lays out the module in out/PhotoCuration: the cmdlet and contracts assemblies at the root,
             the engine with every dependency (and ONNX Runtime's runtimes/<rid>/native) under
             Dependencies/, the manifest with its version stamped, format views and MAML help.
      Test   Build, then xunit (tests/Unit) and Pester (tests/Pester, in a fresh pwsh against the built
             module). Exits non-zero when any test fails.
      Demo   Build, render a sample shoot into demo/shoot when it is empty, curate it with
             Invoke-PhotoCuration (every stage, XMP and CSV), and print the summary, the curated set,
             the reasons, a moment's ranking and the files written.
      Bench  Build, then bench/Invoke-Benchmark.ps1 (see bench/README.md).
      Package
             Build, then pack out/PhotoCuration into out/packages/PhotoCuration.<version>.nupkg, the
             package Publish-PSResource and Install-PSResource accept (docs/packaging.md).
      Clean  Removes out/ and the build folders.

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Where the demo keeps its sample shoot and workspace.
    [string] $DemoPath = (Join-Path $PSScriptRoot 'demo'),

    # Extra arguments for bench/Invoke-Benchmark.ps1, e.g. @{ Count = 50 }.
    [hashtable] $BenchArgs = @{}
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
$OutDir = Join-Path $Root 'out'
$ModuleDir = Join-Path $OutDir 'PhotoCuration'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Native {
    # Runs a native command and stops the build when it fails.
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-PwshInvocation {
    # The pwsh running this script, as a command for a fresh child process. Under 'dotnet pwsh' the
    # process is dotnet itself, so the child is 'dotnet <PSHOME>/pwsh.dll'.
    $self = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'pwsh') { return , @($self) }
    return , @($self, (Join-Path $PSHOME 'pwsh.dll'))
}

function Invoke-ChildPwsh {
    param([string[]] $Arguments)
    $pwsh = Get-PwshInvocation
    $command = $pwsh[0]
    $all = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive') + $Arguments
    & $command @all | Out-Host
    return $LASTEXITCODE
}

function Get-ModuleVersion {
    # The manifest is the one version source (Directory.Build.props reads the same line).
    return (Import-PowerShellDataFile (Join-Path $Root 'module/PhotoCuration.psd1')).ModuleVersion
}

function Get-ReleaseNote {
    # This version's section of CHANGELOG.md, without its heading, for the manifest's ReleaseNotes.
    param([string] $Version)
    $text = Get-Content -Raw (Join-Path $Root 'CHANGELOG.md')
    $match = [regex]::Match($text, "(?ms)^## \[$([regex]::Escape($Version))\][^\n]*\n(.*?)(?=^## \[|\z)")
    if (-not $match.Success) { throw "CHANGELOG.md has no section '## [$Version]': add one when bumping ModuleVersion." }
    return $match.Groups[1].Value.Trim()
}

function Write-ModuleManifest {
    # The source manifest with ReleaseNotes filled from CHANGELOG.md; the version is left as written.
    param([string] $Destination)
    $version = Get-ModuleVersion
    $notes = (Get-ReleaseNote $version) -replace "'", "''"
    $text = Get-Content -Raw (Join-Path $Root 'module/PhotoCuration.psd1')
    $text = [regex]::Replace($text, "ReleaseNotes\s*=\s*''", { param($m) "ReleaseNotes = '$notes'" })
    Set-Content -NoNewline -Encoding utf8 -Path $Destination -Value $text
}

function Invoke-Build {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $staging = Join-Path $OutDir 'staging'
    if (Test-Path $ModuleDir) { Remove-Item $ModuleDir -Recurse -Force }
    if (Test-Path $staging) { Remove-Item $staging -Recurse -Force }
    $deps = Join-Path $ModuleDir 'Dependencies'

    # Engine: published without a runtime identifier so deps.json and runtimes/<rid>/native stay, which
    # the private load context resolves through AssemblyDependencyResolver.
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/PhotoCuration.Engine'), '-c', $Configuration, '-o', (Join-Path $staging 'engine'), '--nologo', '-v', 'quiet')
    Invoke-Native dotnet @('build', (Join-Path $Root 'src/PhotoCuration.Cmdlets'), '-c', $Configuration, '--nologo', '-v', 'quiet')

    New-Item -ItemType Directory -Force -Path $deps | Out-Null
    Copy-Item -Path (Join-Path $staging 'engine/*') -Destination $deps -Recurse -Force
    # The contracts assembly lives once, at the module root, in the default load context.
    Remove-Item (Join-Path $deps 'PhotoCuration.Contracts.*') -Force -ErrorAction SilentlyContinue
    # Import libraries (.lib) only serve linking native code; nothing loads them.
    Get-ChildItem (Join-Path $deps "runtimes") -Recurse -File -Filter "*.lib" -ErrorAction SilentlyContinue | Remove-Item -Force
    # Mobile runtimes are never used by PowerShell and weigh ~100 MB.
    foreach ($rid in 'android', 'ios', 'maccatalyst', 'browser') {
        Get-ChildItem (Join-Path $deps 'runtimes') -Directory -Filter "$rid*" -ErrorAction SilentlyContinue | Remove-Item -Recurse -Force
    }

    $cmdletBin = Join-Path $Root "src/PhotoCuration.Cmdlets/bin/$Configuration/net8.0"
    foreach ($file in 'PhotoCuration.Cmdlets.dll', 'PhotoCuration.Contracts.dll', 'PhotoCuration.Cmdlets.xml', 'PhotoCuration.Contracts.xml') {
        Copy-Item (Join-Path $cmdletBin $file) $ModuleDir
    }
    Copy-Item (Join-Path $Root 'module/PhotoCuration.format.ps1xml') $ModuleDir
    # The JSON Schema of theme.yaml (editors complete and check themes with it) and the about_ help topics.
    Copy-Item (Join-Path $Root 'module/schemas') $ModuleDir -Recurse -Force
    New-Item -ItemType Directory -Force -Path (Join-Path $ModuleDir 'en-US') | Out-Null
    Copy-Item (Join-Path $Root 'module/en-US/about_*.help.txt') (Join-Path $ModuleDir 'en-US')
    $version = Get-ModuleVersion
    Write-ModuleManifest (Join-Path $ModuleDir 'PhotoCuration.psd1')
    # What a user who installs the package must receive: the project's licence, every shipped
    # component's notice and licence text, and the changelog.
    foreach ($file in 'LICENSE', 'THIRD-PARTY-NOTICES.md', 'CHANGELOG.md') { Copy-Item (Join-Path $Root $file) $ModuleDir }
    Copy-Item (Join-Path $Root 'licenses') $ModuleDir -Recurse -Force
    New-Item -ItemType Directory -Force -Path (Join-Path $ModuleDir 'models') | Out-Null
    Copy-Item (Join-Path $Root 'models/README.md') (Join-Path $ModuleDir 'models') -ErrorAction SilentlyContinue
    # Models the module ships (redistributable, with their LICENSE and NOTICE): the BlazeFace detector.
    Copy-Item (Join-Path $Root 'models/faces') (Join-Path $ModuleDir 'models') -Recurse -Force

    # MAML help from the cmdlets' XML documentation, written in a child pwsh that imports the module.
    $code = Invoke-ChildPwsh @('-File', (Join-Path $Root 'tools/Write-ModuleHelp.ps1'), '-ModulePath', $ModuleDir, '-XmlDocPath', (Join-Path $ModuleDir 'PhotoCuration.Cmdlets.xml'))
    if ($code -ne 0) { throw "Writing help failed (exit $code)." }
    Remove-Item (Join-Path $ModuleDir '*.xml') -Force
    Remove-Item $staging -Recurse -Force
    Write-Host ("Built PhotoCuration {0} into {1} in {2:0.0} s" -f $version, $ModuleDir, $sw.Elapsed.TotalSeconds)
}

function Get-PesterModulePath {
    # Pester comes from NuGet (the PowerShell Gallery is unreachable here): restoring tests/Tools puts
    # it into the global packages folder.
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/Tools/PhotoCuration.TestTools.csproj'), '--nologo', '-v', 'quiet')
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $pester = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester was not restored to $pester." }
    return $pester
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $OutDir 'TestResults'
    New-Item -ItemType Directory -Force -Path $results | Out-Null

    Write-Host "`n=== xunit (tests/Unit) ==="
    $trx = Join-Path $results 'unit.trx'
    Remove-Item $trx -ErrorAction SilentlyContinue
    & dotnet test (Join-Path $Root 'tests/Unit') -c $Configuration --nologo --logger "trx;LogFileName=$trx" --logger 'console;verbosity=normal'
    $unitExit = $LASTEXITCODE
    $unit = @{ Passed = 0; Failed = 0; Skipped = 0 }
    if (Test-Path $trx) {
        $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
        $unit.Passed = [int]$counters.passed
        $unit.Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $unit.Skipped = [int]$counters.notExecuted
    }
    elseif ($unitExit -ne 0) { $unit.Failed = 1 }

    Write-Host "`n=== Pester (tests/Pester) ==="
    $env:PHOTOCURATION_MODULE = $ModuleDir
    $env:PHOTOCURATION_PESTER = Get-PesterModulePath
    $env:PHOTOCURATION_RESULTS = $results
    $env:PHOTOCURATION_YAMLDOTNET_OLD = Join-Path ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim() 'yamldotnet/13.7.1/lib/net6.0/YamlDotNet.dll'
    $pesterExit = Invoke-ChildPwsh @('-File', (Join-Path $Root 'tests/Pester/Invoke-PesterTests.ps1'))
    $pester = @{ Passed = 0; Failed = 0; Skipped = 0 }
    $summary = Join-Path $results 'pester-summary.json'
    if (Test-Path $summary) { $s = Get-Content -Raw $summary | ConvertFrom-Json; $pester = @{ Passed = $s.Passed; Failed = $s.Failed; Skipped = $s.Skipped } }
    elseif ($pesterExit -ne 0) { $pester.Failed = 1 }

    $passed = $unit.Passed + $pester.Passed
    $failed = $unit.Failed + $pester.Failed
    $skipped = $unit.Skipped + $pester.Skipped
    Write-Host ("`nxunit: {0} passed, {1} failed, {2} skipped" -f $unit.Passed, $unit.Failed, $unit.Skipped)
    Write-Host ("Pester: {0} passed, {1} failed, {2} skipped" -f $pester.Passed, $pester.Failed, $pester.Skipped)
    Write-Host ("Total: {0} passed, {1} failed, {2} skipped" -f $passed, $failed, $skipped)
    if ($failed -gt 0 -or $unitExit -ne 0 -or $pesterExit -ne 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $shoot = Join-Path $DemoPath 'shoot'
    $workspace = Join-Path $DemoPath 'workspace'
    $script = @"
`$ErrorActionPreference = 'Continue'
Import-Module '$ModuleDir'
if (-not (Test-Path '$shoot') -or -not (Get-ChildItem '$shoot' -Recurse -File | Select-Object -First 1)) {
    Write-Host 'Rendering the sample shoot into $shoot ...'
    New-PhotoSampleShoot -Path '$shoot' | Out-Null
}
Write-Host "`nInvoke-PhotoCuration -Path '$shoot' -Recurse -BatchId demo -Workspace '$workspace' -Count 5 -Xmp -Csv -Verbose`n"
`$showVerbose = { process { if (`$_ -is [System.Management.Automation.VerboseRecord]) { Write-Host "VERBOSE: `$(`$_.Message)" -ForegroundColor DarkGray } else { `$_ } } }
`$summary = Invoke-PhotoCuration -Path '$shoot' -Recurse -BatchId demo -Workspace '$workspace' -Count 5 -Xmp -Csv -Verbose 4>&1 | & `$showVerbose
`$summary | Format-List | Out-String -Width 160 | Write-Host
Write-Host 'The curated set (the default view of a CuratedSet):'
`$summary.CuratedSet | Out-String -Width 200 | Write-Host
Write-Host "Why `$(`$summary.CuratedSet.Items[0].FileName) opens the set:"
`$summary.CuratedSet.Items[0].Reasons | ForEach-Object { Write-Host "  `$_" }
`$moment = Import-PhotoStage '$workspace/intermediateJsons/clustering/demo.json' | Sort-Object Count -Descending | Select-Object -First 1
Write-Host "`nMoment `$(`$moment.MomentId): why its frames rank as they do:"
`$moment.Rationales | Format-Table Rank, FileName, Reason -Wrap | Out-String -Width 200 | Write-Host
Write-Host "Files written to '$workspace/data/output/demo':"
Get-ChildItem '$workspace/data/output/demo' -File | Sort-Object Name | ForEach-Object { Write-Host "  `$(`$_.Name)" }
Write-Host "`ncurated_list.json (first item):"
(Get-Content '$workspace/data/output/demo/curated_list.json' -Raw | ConvertFrom-Json).items[0] | ConvertTo-Json -Depth 5 | Write-Host
Write-Host "`nStage JSON:"
Get-ChildItem '$workspace/intermediateJsons' -Recurse -File | Sort-Object FullName | ForEach-Object { Write-Host "  `$(`$_.FullName)" }
"@
    $code = Invoke-ChildPwsh @('-Command', $script)
    if ($code -ne 0) { exit $code }
}

function Invoke-Package {
    Invoke-Build
    $package = & (Join-Path $Root 'tools/New-ModulePackage.ps1') -ModulePath $ModuleDir -DestinationPath (Join-Path $OutDir 'packages')
    Write-Host ("Packed {0} ({1:N1} MB)" -f $package.FullName, ($package.Length / 1MB))
}

function Invoke-Bench {
    Invoke-Build
    $code = Invoke-ChildPwsh (@('-File', (Join-Path $Root 'bench/Invoke-Benchmark.ps1'), '-ModulePath', $ModuleDir) + @($BenchArgs.GetEnumerator() | ForEach-Object { "-$($_.Key)"; "$($_.Value)" }))
    if ($code -ne 0) { exit $code }
}

Push-Location $Root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
        'Package' { Invoke-Package }
        'Clean' {
            foreach ($dir in @($OutDir) + @(Get-ChildItem $Root -Recurse -Directory -Include bin, obj | Where-Object FullName -NotMatch 'node_modules')) {
                if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
            }
        }
    }
}
finally {
    Pop-Location
}
