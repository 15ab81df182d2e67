#requires -Version 7.4
<#
.SYNOPSIS
    Single entry point of the Pester suite; build.ps1 -Task Test runs it in a fresh pwsh.
.DESCRIPTION
    Reads PHOTOCURATION_MODULE (built module folder), PHOTOCURATION_PESTER (Pester.psd1 from the NuGet
    cache) and PHOTOCURATION_RESULTS (results folder). Writes NUnit XML and pester-summary.json there.
    Exits 1 when a test failed or none ran.
#>
$ErrorActionPreference = 'Stop'
foreach ($name in 'PHOTOCURATION_MODULE', 'PHOTOCURATION_PESTER', 'PHOTOCURATION_RESULTS') {
    if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set; run the tests through ./build.ps1 -Task Test." }
}
Import-Module $env:PHOTOCURATION_PESTER -Force
New-Item -ItemType Directory -Force -Path $env:PHOTOCURATION_RESULTS | Out-Null

$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = Join-Path $env:PHOTOCURATION_RESULTS 'pester.xml'

$result = Invoke-Pester -Configuration $config
[ordered]@{ Passed = $result.PassedCount; Failed = $result.FailedCount; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Encoding utf8 (Join-Path $env:PHOTOCURATION_RESULTS 'pester-summary.json')
if ($result.FailedCount -gt 0 -or $result.PassedCount -eq 0) { exit 1 }
exit 0
